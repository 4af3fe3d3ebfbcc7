package dev.jcompose.engine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One API call: method, path (without the /v1.xx prefix), query, path parameters and body. */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> pathParams, Body body) {
  private static final ObjectMapper JSON = Json.mapper();

  public ApiRequest {
    query = Map.copyOf(query);
    pathParams = Map.copyOf(pathParams);
  }

  public ApiRequest withPathParams(Map<String, String> params) {
    return new ApiRequest(method, path, query, params, body);
  }

  public String param(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return v;
  }

  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public String query(String name, String fallback) {
    String v = query(name);
    return v == null ? fallback : v;
  }

  /** Docker's boolean query values: 1/true/True. */
  public boolean flag(String name) {
    String v = query(name);
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  public <T> T json(Class<T> type) {
    try {
      if (body.size() == 0) {
        throw ApiException.badRequest("the request needs a JSON body");
      }
      try (InputStream in = body.open()) {
        return JSON.readValue(in, type);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("the request body is not valid JSON for " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The request body: in memory, or in a temporary file for large uploads (image tarballs). */
  public interface Body {
    long size();

    InputStream open() throws IOException;

    static Body of(byte[] bytes) {
      return new Body() {
        @Override
        public long size() {
          return bytes.length;
        }

        @Override
        public InputStream open() {
          return new java.io.ByteArrayInputStream(bytes);
        }
      };
    }

    static Body ofFile(Path file) {
      return new Body() {
        @Override
        public long size() {
          try {
            return Files.size(file);
          } catch (IOException e) {
            return 0;
          }
        }

        @Override
        public InputStream open() throws IOException {
          return Files.newInputStream(file);
        }
      };
    }
  }
}
