package dev.jcompose.build.dockerfile;

import java.util.List;
import java.util.function.Function;

/**
 * Docker's variable substitution for Dockerfile values (ENV, ARG, LABEL, COPY/ADD, WORKDIR,
 * USER, EXPOSE, VOLUME, STOPSIGNAL, FROM): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR:+word}}, {@code ${VAR-word}}, {@code ${VAR+word}}, ({@code ${VAR#pat}} and friends
 * where implemented), with quotes removed and the escape character honoured. TO BE WRITTEN.
 */
public final class WordExpander {
  private WordExpander() {}

  /** Expands one value (quotes removed); {@code lookup} returns null for an unset variable. */
  public static String expand(String raw, Function<String, String> lookup, char escape) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** Expands and splits on unquoted whitespace (EXPOSE, VOLUME in shell form). */
  public static List<String> expandWords(String raw, Function<String, String> lookup, char escape) {
    throw new UnsupportedOperationException("not written yet");
  }
}
