package dev.jcompose.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
