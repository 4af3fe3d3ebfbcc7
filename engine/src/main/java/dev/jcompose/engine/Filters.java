package dev.jcompose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.api.model.Json;
import dev.jcompose.engine.http.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code filters} query parameter: {@code {"label":["k=v","k"],"name":["web"]}}, or the
 * older {@code {"label":{"k=v":true}}} form.
 */
public record Filters(Map<String, List<String>> values) {
  public Filters {
    values = Map.copyOf(values);
  }

  public static Filters parse(String json) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return new Filters(out);
    }
    try {
      JsonNode root = Json.mapper().readTree(json);
      root.fields().forEachRemaining(e -> {
        List<String> vals = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> vals.add(v.asText()));
        } else if (e.getValue().isObject()) {
          e.getValue().fieldNames().forEachRemaining(vals::add);
        } else {
          vals.add(e.getValue().asText());
        }
        out.put(e.getKey(), vals);
      });
    } catch (IOException e) {
      throw ApiException.badRequest("invalid filters " + json + ": " + e.getMessage());
    }
    return new Filters(out);
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  /** True when {@code labels} has every label filter ("key" or "key=value"). */
  public boolean matchesLabels(Map<String, String> labels) {
    for (String f : get("label")) {
      int eq = f.indexOf('=');
      Map<String, String> l = labels == null ? Map.of() : labels;
      if (eq < 0 ? !l.containsKey(f) : !f.substring(eq + 1).equals(l.get(f.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }

  /** True when no value is given for {@code key}, or {@code candidate} satisfies one of them. */
  public boolean matchesAny(String key, java.util.function.Predicate<String> candidate) {
    List<String> v = get(key);
    return v.isEmpty() || v.stream().anyMatch(candidate);
  }
}
