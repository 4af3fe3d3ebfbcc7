package dev.jcompose.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.render.ConfigRenderer;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per folder of {@code src/test/resources} with an expected outcome: a real project ({@code compose.yaml}, maybe
 * {@code .env}, override files) with what loading it must give. {@code expected.txt} is the
 * project as {@code config} renders it, {@code warnings.txt} the warnings, {@code error.txt}
 * the exact message of the failure. In all three, {@code $PROJECT} stands for the case's
 * directory. {@code case.properties} may set {@code files} (comma-separated -f files),
 * {@code projectName} (-p), {@code workingDir} (relative to the case) and {@code env.NAME}
 * (the process environment, which otherwise only has {@code HOME=/home/test}).
 */
class FixtureTest {

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(FixtureTest.class.getResource("/").toURI());
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isDirectory(d) && (Files.exists(d.resolve("expected.txt"))
                    || Files.exists(d.resolve("error.txt")) || Files.exists(d.resolve("warnings.txt"))))
                    .sorted().forEach(cases::add);
        }
        assertTrue(cases.size() >= 40, "fixtures found: " + cases.size());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    private static void run(Path dir) throws IOException {
        Properties props = new Properties();
        if (Files.exists(dir.resolve("case.properties"))) {
            try (Reader in = Files.newBufferedReader(dir.resolve("case.properties"))) {
                props.load(in);
            }
        }
        Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/test"));
        props.stringPropertyNames().stream().filter(k -> k.startsWith("env."))
                .forEach(k -> env.put(k.substring(4), props.getProperty(k)));
        List<Path> files = props.containsKey("files")
                ? Arrays.stream(props.getProperty("files").split(",")).map(String::trim).map(Path::of).toList()
                : List.of();
        Path workingDir = dir.resolve(props.getProperty("workingDir", "."));
        ProjectOptions options = ProjectOptions.of(workingDir).withFiles(files).withEnvironment(env)
                .withProjectName(props.getProperty("projectName"));
        Path errorFile = dir.resolve("error.txt");
        if (Files.exists(errorFile)) {
            ComposeFileException e = assertThrows(ComposeFileException.class, () -> ProjectLoader.load(options));
            assertEquals(read(errorFile, dir), e.getMessage());
            if (props.containsKey("category")) {
                assertEquals(props.getProperty("category"), e.category().name());
            }
            return;
        }
        Project project = ProjectLoader.load(options);
        Path expected = dir.resolve("expected.txt");
        if (UPDATE != null) {
            write(Path.of(UPDATE).resolve(dir.getFileName()), dir, ConfigRenderer.render(project), project.warnings());
        }
        if (Files.exists(expected)) {
            assertEquals(read(expected, dir), ConfigRenderer.render(project).strip());
        }
        String warnings = String.join("\n", project.warnings());
        Path expectedWarnings = dir.resolve("warnings.txt");
        assertEquals(Files.exists(expectedWarnings) ? read(expectedWarnings, dir) : "", warnings);
    }

    /** {@code -Dfixtures.update=src/test/resources} rewrites expected.txt and warnings.txt; review the diff. */
    private static final String UPDATE = System.getProperty("fixtures.update");

    private static void write(Path source, Path dir, String config, List<String> warnings) throws IOException {
        String project = dir.toAbsolutePath().normalize().toString();
        if (Files.exists(source.resolve("expected.txt"))) {
            Files.writeString(source.resolve("expected.txt"), config.replace(project, "$PROJECT"));
        }
        if (!warnings.isEmpty()) {
            Files.writeString(source.resolve("warnings.txt"), String.join("\n", warnings).replace(project, "$PROJECT") + "\n");
        }
    }

    private static String read(Path file, Path dir) throws IOException {
        return Files.readString(file).replace("$PROJECT", dir.toAbsolutePath().normalize().toString()).strip();
    }
}
