package dev.jcompose.engine.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Matches {@code METHOD /path/{param}/…} patterns; the first route that matches wins. */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  private record Route(String method, String[] segments, Function<ApiRequest, ApiResponse> handler) {}

  public Router add(String method, String pattern, Function<ApiRequest, ApiResponse> handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  /** Dispatches {@code request}; unknown paths are 404, a known path with another method 405. */
  public ApiResponse dispatch(ApiRequest request) {
    String[] path = split(request.path());
    boolean pathMatched = false;
    for (Route r : routes) {
      Map<String, String> params = match(r.segments(), path);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(request.method())) {
        return r.handler().apply(request.withPathParams(params));
      }
    }
    if (pathMatched) {
      throw new ApiException(405, request.method() + " is not allowed on " + request.path());
    }
    throw ApiException.notFound("page not found: " + request.method() + " " + request.path());
  }

  /**
   * Matches a pattern against a path. {@code {name}} takes one segment; {@code {name*}} takes one
   * or more, as image names do ({@code /images/team/app:v2/json}).
   */
  private static Map<String, String> match(String[] pattern, String[] path) {
    int greedy = -1;
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].endsWith("*}")) {
        greedy = i;
      }
    }
    if (greedy < 0 ? pattern.length != path.length : path.length < pattern.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    int extra = path.length - pattern.length; // segments the greedy parameter takes beyond its own
    for (int i = 0, j = 0; i < pattern.length; i++, j++) {
      String p = pattern[i];
      if (i == greedy) {
        params.put(p.substring(1, p.length() - 2), String.join("/", java.util.Arrays.copyOfRange(path, j, j + extra + 1)));
        j += extra;
      } else if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), path[j]);
      } else if (!p.equals(path[j])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }

  /** Strips Docker's optional version prefix: {@code /v1.41/containers/json} → {@code /containers/json}. */
  public static String stripVersion(String path) {
    return path.replaceFirst("^/v[0-9]+(\\.[0-9]+)?(?=/)", "");
  }
}
