package dev.jcompose.engine.http;

import java.io.IOException;
import java.io.OutputStream;

/** What a route returns: a status with a JSON value (or none), or a body streamed as it is produced. */
public sealed interface ApiResponse {

  record JsonBody(int status, Object value) implements ApiResponse {}

  record Text(int status, String contentType, String text) implements ApiResponse {}

  /** A chunked response; {@code writer} runs on a worker thread and may block (log following). */
  record Streaming(int status, String contentType, StreamWriter writer) implements ApiResponse {}

  /**
   * A stream of raw bytes on the connection itself once HTTP is done with it: Docker's hijacked
   * {@code attach}. To a request with {@code Upgrade: tcp} the server answers
   * {@code 101 UPGRADED} and drops the HTTP codec; to one without, it streams the same bytes as a
   * chunked 200 response. The connection closes when {@code writer} returns.
   */
  record Hijacked(String contentType, StreamWriter writer) implements ApiResponse {}

  /** Another response with extra HTTP headers ({@code X-Docker-Container-Path-Stat}). */
  record WithHeaders(java.util.Map<String, String> headers, ApiResponse response) implements ApiResponse {}

  @FunctionalInterface
  interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  static ApiResponse ok(Object value) {
    return new JsonBody(200, value);
  }

  static ApiResponse created(Object value) {
    return new JsonBody(201, value);
  }

  static ApiResponse noContent() {
    return new JsonBody(204, null);
  }
}
