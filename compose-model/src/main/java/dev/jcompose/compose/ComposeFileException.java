package dev.jcompose.compose;

/**
 * A Compose file (or the project around it) cannot be loaded.
 *
 * <p>The message reads {@code file:line:column: path: problem}, for example
 * {@code compose.yaml:14:7: services.web.ports[1]: "80:80:80" is not a valid port mapping
 * (expected [HOST:]CONTAINER[/PROTOCOL])}. Parts that are not known are left out. Line and
 * column are 1-based. The {@link Category} tells the CLI which exit code to use.
 */
public final class ComposeFileException extends RuntimeException {

    /** What kind of failure this is, as compose-go's {@code errdefs}. */
    public enum Category {
        /** The input breaks a rule of the Compose Specification. */
        INVALID,
        /** A file the project needs does not exist. */
        NOT_FOUND,
        /** Valid Compose, but jcompose does not implement it yet. */
        UNSUPPORTED
    }

    private final Category category;
    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    public ComposeFileException(Category category, String file, int line, int column, String path,
            String problem) {
        this(category, file, line, column, path, problem, null);
    }

    public ComposeFileException(Category category, String file, int line, int column, String path,
            String problem, Throwable cause) {
        super(format(file, line, column, path, problem), cause);
        this.category = category;
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** A problem that has no place in a file, such as a bad project name given with {@code -p}. */
    public static ComposeFileException of(Category category, String problem) {
        return new ComposeFileException(category, null, 0, 0, null, problem);
    }

    /** A problem with a whole file, such as a missing one. */
    public static ComposeFileException inFile(Category category, String file, String problem) {
        return new ComposeFileException(category, file, 0, 0, null, problem);
    }

    public Category category() {
        return category;
    }

    /** The file as shown to the user (relative to the working directory when possible), or null. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The model path such as {@code services.web.ports[1]}, or null. */
    public String path() {
        return path;
    }

    /** The message without its location prefix. */
    public String problem() {
        return problem;
    }

    private static String format(String file, int line, int column, String path, String problem) {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file);
            if (line > 0) {
                out.append(':').append(line).append(':').append(column);
            }
            out.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(problem).toString();
    }
}
