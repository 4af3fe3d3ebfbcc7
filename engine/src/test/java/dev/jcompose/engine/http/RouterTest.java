package dev.jcompose.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static ApiRequest req(String method, String path) {
    return new ApiRequest(method, path, Map.of(), Map.of(), ApiRequest.Body.of(new byte[0]));
  }

  @Test
  void dispatch_bindsPathParameters() {
    Router r = new Router().add("POST", "/containers/{id}/start", q -> ApiResponse.ok(q.param("id")));
    ApiResponse.JsonBody b = (ApiResponse.JsonBody) r.dispatch(req("POST", "/containers/web/start"));
    assertEquals("web", b.value());
  }

  @Test
  void dispatch_unknownPath404_wrongMethod405() {
    Router r = new Router().add("GET", "/containers/json", q -> ApiResponse.ok(List.of()));
    assertEquals(404, assertThrows(ApiException.class, () -> r.dispatch(req("GET", "/nope"))).status());
    assertEquals(405, assertThrows(ApiException.class, () -> r.dispatch(req("POST", "/containers/json"))).status());
  }

  @Test
  void stripVersion_removesDockerPrefix() {
    assertEquals("/containers/json", Router.stripVersion("/v1.41/containers/json"));
    assertEquals("/_ping", Router.stripVersion("/_ping"));
  }

  @Test
  void dispatch_greedyParameter_takesImageNamesWithSlashes() {
    Router r = new Router().add("GET", "/images/{name*}/json", q -> ApiResponse.ok(q.param("name")));
    assertEquals("127.0.0.1:5000/team/app:v2", ((ApiResponse.JsonBody) r.dispatch(req("GET", "/images/127.0.0.1:5000/team/app:v2/json"))).value());
    assertEquals("busybox", ((ApiResponse.JsonBody) r.dispatch(req("GET", "/images/busybox/json"))).value());
    assertEquals(404, assertThrows(ApiException.class, () -> r.dispatch(req("GET", "/images/json"))).status());
  }
}
