package dev.jcompose.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads every compose file of docker/awesome-compose (from {@code ../shared/corpus}) as its own
 * project, with its {@code <name>.env} as the project's {@code .env}, and reports which fail and
 * why. They must all load.
 */
class CorpusTest {

    @Test
    void everyAwesomeComposeFileLoads(@TempDir Path temp) throws IOException {
        Path corpus = SharedFiles.require("corpus/awesome-compose");
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no corpus files in " + corpus);
        Map<String, String> failures = new TreeMap<>();
        List<String> report = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".yaml", "");
            Path project = Files.createDirectories(temp.resolve(name));
            Files.copy(file, project.resolve("compose.yaml"));
            Path env = corpus.resolve(name + ".env");
            if (Files.exists(env)) {
                Files.copy(env, project.resolve(".env"));
            }
            try {
                Project loaded = ProjectLoader.load(ProjectOptions.of(project)
                        .withEnvironment(Map.of("HOME", "/home/test")));
                report.add("ok   " + name + ": " + loaded.serviceNames() + (loaded.warnings().isEmpty() ? ""
                        : ", " + loaded.warnings().size() + " warning(s)"));
            } catch (ComposeFileException e) {
                failures.put(name, e.getMessage());
                report.add("FAIL " + name + ": " + e.getMessage());
            }
        }
        System.out.println("awesome-compose corpus, " + files.size() + " files:\n  " + String.join("\n  ", report));
        assertEquals(Map.of(), failures, "corpus files that do not load");
    }

    /** The top-level keys of a whole Compose file; a document with any other is a fragment of one. */
    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("version", "name", "include", "services",
            "networks", "volumes", "secrets", "configs", "models");

    /**
     * Loads every whole document among the Compose Specification's examples (a mapping of
     * top-level keys only; the others are fragments, such as a service's body, and are skipped).
     * Each must load, or fail as {@code compose-spec-expected.txt} says, with the reason the
     * specification gives: its lines are {@code chapter/NN.yaml | message part | why}.
     */
    @Test
    void everyComposeSpecDocumentLoadsOrFailsForTheSpecsReason(@TempDir Path temp) throws IOException {
        Path corpus = SharedFiles.require("corpus/compose-spec");
        Map<String, String[]> expected = new TreeMap<>();
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                CorpusTest.class.getResourceAsStream("/corpus/compose-spec-expected.txt"),
                java.nio.charset.StandardCharsets.UTF_8))) {
            in.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
                String[] parts = l.split("\\s*\\|\\s*", 3);
                expected.put(parts[0], parts);
            });
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        List<String> report = new ArrayList<>();
        Map<String, String> wrong = new TreeMap<>();
        int whole = 0;
        for (Path file : files) {
            String name = corpus.relativize(file).toString();
            if (!isWholeDocument(file)) {
                report.add("skip " + name + ": a fragment");
                continue;
            }
            whole++;
            Path project = Files.createDirectories(temp.resolve(name.replace('/', '_').replace(".yaml", "")));
            Files.copy(file, project.resolve("compose.yaml"));
            String outcome;
            try {
                ProjectLoader.load(ProjectOptions.of(project).withEnvironment(Map.of("HOME", "/home/test")));
                outcome = null;
            } catch (ComposeFileException e) {
                outcome = e.getMessage();
            }
            String[] rule = expected.get(name);
            if (outcome == null && rule == null) {
                report.add("ok   " + name);
            } else if (outcome != null && rule != null && outcome.contains(rule[1])) {
                report.add("fail " + name + " as expected (" + rule[2] + "): " + outcome);
            } else {
                wrong.put(name, outcome == null ? "loads, but should fail with \"" + rule[1] + "\""
                        : "fails: " + outcome);
                report.add("WRONG " + name + ": " + wrong.get(name));
            }
        }
        System.out.println("compose-spec corpus, " + files.size() + " files, " + whole + " whole documents:\n  "
                + String.join("\n  ", report));
        assertTrue(whole > 100, "whole documents found: " + whole);
        assertEquals(Map.of(), wrong, "compose-spec documents whose outcome is not the expected one");
    }

    private static boolean isWholeDocument(Path file) throws IOException {
        Object root;
        try {
            root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(Files.readString(file));
        } catch (RuntimeException e) {
            return true;
        }
        if (!(root instanceof Map<?, ?> map) || map.isEmpty()) {
            return false;
        }
        return map.keySet().stream().allMatch(k -> k instanceof String key
                && (TOP_LEVEL.contains(key) || key.startsWith("x-")));
    }
}
