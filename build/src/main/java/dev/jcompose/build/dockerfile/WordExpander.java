package dev.jcompose.build.dockerfile;

import java.util.List;
import java.util.function.Function;

/**
 * Docker's variable substitution for Dockerfile values (ENV, ARG, LABEL, COPY/ADD, WORKDIR,
 * USER, EXPOSE, VOLUME, STOPSIGNAL, FROM), as BuildKit's shell lexer does it: {@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}},
 * {@code ${VAR+word}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR#pattern}},
 * {@code ${VAR##pattern}}, {@code ${VAR%pattern}}, {@code ${VAR%%pattern}},
 * {@code ${VAR/pattern/replacement}} and {@code ${VAR//pattern/replacement}} (patterns use
 * {@code *} and {@code ?}). Single quotes are literal, double quotes allow expansion, the escape
 * character escapes the next character outside single quotes (inside double quotes only
 * {@code "}, {@code $} and itself), and unset variables expand to nothing.
 *
 * <p>Errors (an unterminated quote, a bad {@code ${}}, a {@code ${VAR?message}} on an unset
 * variable) throw IllegalArgumentException whose message names the value and the problem.
 */
public final class WordExpander {
  private WordExpander() {}

  /** Expands one value (quotes removed); {@code lookup} returns null for an unset variable. */
  public static String expand(String raw, Function<String, String> lookup, char escape) {
    return new ShellLexer(escape, lookup).process(raw).value();
  }

  /** Expands and splits on unquoted whitespace (EXPOSE, VOLUME in shell form). */
  public static List<String> expandWords(String raw, Function<String, String> lookup, char escape) {
    return new ShellLexer(escape, lookup).process(raw).words();
  }
}
