package dev.jcompose.compose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.render.ConfigRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Jazzer fuzz test of the whole loader: no input may yield anything but a {@link Project} (which
 * then renders as YAML and JSON) or the loader's own {@link ComposeFileException}; any other
 * exception or error, an OutOfMemoryError included, is a finding.
 *
 * <p>In a normal build (regression mode) it runs the inputs in
 * {@code src/test/resources/dev/jcompose/compose/LoaderFuzzTestInputs/loadAnyText/}: real Compose
 * files, hostile ones, and every finding once fixed. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl compose-model test -Dtest=LoaderFuzzTest -Djazzer.max_duration=10m};
 * a crash is written beside the seeds, to keep as a regression input.
 */
class LoaderFuzzTest {

    private static final Path DIR = projectDir();

    private static Path projectDir() {
        try {
            return Files.createTempDirectory("jcompose-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void loadAnyText(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ProjectOptions options = ProjectOptions.of(DIR).withEnvironment(Map.of("HOME", "/home/fuzz", "SET", "value"));
        Project project;
        try {
            project = ProjectLoader.loadContent(options, "compose.yaml", text);
        } catch (ComposeFileException expected) {
            return;
        }
        ConfigRenderer.render(project);
        ConfigRenderer.renderJson(project);
    }
}
