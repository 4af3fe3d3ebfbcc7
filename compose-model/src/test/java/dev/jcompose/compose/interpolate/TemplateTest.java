package dev.jcompose.compose.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "", "B", "bee");

    private static String sub(String text) {
        return Template.substitute(text, ENV::get);
    }

    @Test
    void testSubstitute_plainAndBraced() {
        assertEquals("value", sub("$SET"));
        assertEquals("value", sub("${SET}"));
        assertEquals("value-x", sub("$SET-x"));
        assertEquals("valuex", sub("${SET}x"));
        assertEquals("no variables", sub("no variables"));
    }

    @Test
    void testSubstitute_defaultsTellEmptyFromUnset() {
        assertEquals("d", sub("${UNSET:-d}"));
        assertEquals("d", sub("${EMPTY:-d}"));
        assertEquals("d", sub("${UNSET-d}"));
        assertEquals("", sub("${EMPTY-d}"));
        assertEquals("value", sub("${SET:-d}"));
        assertEquals("", sub("${UNSET:-}"));
    }

    @Test
    void testSubstitute_alternatives() {
        assertEquals("alt", sub("${SET:+alt}"));
        assertEquals("", sub("${EMPTY:+alt}"));
        assertEquals("alt", sub("${EMPTY+alt}"));
        assertEquals("", sub("${UNSET+alt}"));
    }

    @Test
    void testSubstitute_nestedDefaults() {
        assertEquals("bee", sub("${UNSET:-${B}}"));
        assertEquals("deep", sub("${UNSET:-${ALSO_UNSET:-deep}}"));
        assertEquals("x-bee-y", sub("${UNSET:-x-${B}-y}"));
        assertEquals("value", sub("${SET:-${NEVER_EXPANDED:?not evaluated}}"));
    }

    @Test
    void testSubstitute_required() {
        assertEquals("value", sub("${SET:?msg}"));
        assertEquals("", sub("${EMPTY?msg}"));
        assertEquals("required variable EMPTY is missing a value: msg",
                assertThrows(TemplateException.class, () -> sub("${EMPTY:?msg}")).getMessage());
        assertEquals("required variable UNSET is missing a value: needs bee",
                assertThrows(TemplateException.class, () -> sub("${UNSET?needs $B}")).getMessage());
        assertEquals("required variable UNSET is missing a value",
                assertThrows(TemplateException.class, () -> sub("${UNSET:?}")).getMessage());
    }

    @Test
    void testSubstitute_escapesAndLiterals() {
        assertEquals("$SET", sub("$$SET"));
        assertEquals("${SET}", sub("$${SET}"));
        assertEquals("a $ b", sub("a $ b"));
        assertEquals("5$", sub("5$"));
        assertEquals("$(cat /run/secrets/pw)", sub("$$(cat /run/secrets/pw)"));
        assertEquals("x$y", sub("${UNSET:-x$$y}"));
    }

    @Test
    void testSubstitute_invalid() {
        assertEquals("invalid interpolation \"${1X}\": a variable name starts with a letter or _ (write $$ for a"
                + " literal $)", assertThrows(TemplateException.class, () -> sub("a ${1X} b")).getMessage());
        assertEquals("invalid interpolation \"${SET\": missing closing brace",
                assertThrows(TemplateException.class, () -> sub("${SET")).getMessage());
        assertEquals("invalid interpolation \"${SET/a/b}\": expected one of :- - :? ? :+ + after the variable name",
                assertThrows(TemplateException.class, () -> sub("${SET/a/b}")).getMessage());
        assertThrows(TemplateException.class, () -> sub("${}"));
        assertThrows(TemplateException.class, () -> sub("${SET:}"));
    }

    @Test
    void testSubstitute_reportsUnsetVariables() {
        List<String> unset = new ArrayList<>();
        Template template = new Template(ENV::get, unset::add);
        assertEquals("[]", template.substitute("[$NOPE]"));
        assertEquals("d", template.substitute("${NOPE2:-d}"));
        assertEquals(List.of("NOPE"), unset);
    }
}
