package dev.jcompose.build.dockerfile;

/** A Dockerfile that cannot be parsed: the message starts with {@code source:line:}. */
public final class DockerfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final int line;

  public DockerfileException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }
}
