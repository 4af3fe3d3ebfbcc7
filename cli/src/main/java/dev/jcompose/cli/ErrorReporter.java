package dev.jcompose.cli;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineUnavailableException;
import dev.jcompose.cli.engine.EngineStartException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in one or two lines, never a stack trace unless {@code --stacktrace}.
 * Exit codes: 1 for failures, 14 when the engine cannot be reached, 15 for invalid Compose files.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_ENGINE_UNAVAILABLE = 14;
  static final int EXIT_INVALID_FILE = 15;
  private final boolean stacktrace;

  ErrorReporter(boolean stacktrace) {
    this.stacktrace = stacktrace;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (stacktrace) {
      ex.printStackTrace(System.err);
    }
    String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    if (ex instanceof EngineApiException) {
      System.err.println("Error response from engine: " + message);
      return EXIT_FAILURE;
    }
    if (ex instanceof EngineUnavailableException || ex instanceof EngineStartException) {
      System.err.println("error: " + message);
      return EXIT_ENGINE_UNAVAILABLE;
    }
    if (isComposeFileError(ex)) {
      System.err.println(message);
      return EXIT_INVALID_FILE;
    }
    System.err.println(message.startsWith("Error response from engine") ? message : "error: " + message);
    if (!stacktrace && !(ex instanceof UserFacingException)) {
      System.err.println("(run again with --stacktrace to see where it happened)");
    }
    return EXIT_FAILURE;
  }

  private static boolean isComposeFileError(Exception ex) {
    return ex.getClass().getSimpleName().equals("ComposeFileException") || ex.getClass().getSimpleName().equals("DependencyCycleException");
  }
}
