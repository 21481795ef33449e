package mercato.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;

/** JSON calls against a node's edge, with or without a bearer token, for flow tests. */
public final class Api implements AutoCloseable {
  private final HttpClient http;

  public Api(int port) {
    this.http = new HttpClient(port);
  }

  /** A client whose requests fail with an exception after {@code timeout} without an answer (see {@link HttpClient}). */
  public Api(int port, Duration timeout) {
    this.http = new HttpClient(port, timeout);
  }

  public HttpResponse<Buffer> call(HttpMethod method, String uri, String token, Object body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    Buffer buffer = null;
    if (body != null) {
      headers.add("Content-Type", "application/json");
      buffer = body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(io.vertx.core.json.Json.encode(body));
    }
    return http.send(method, uri, headers, buffer);
  }

  public HttpResponse<Buffer> get(String uri, String token) {
    return call(HttpMethod.GET, uri, token, null);
  }

  public HttpResponse<Buffer> post(String uri, String token, Object body) {
    return call(HttpMethod.POST, uri, token, body);
  }

  public HttpResponse<Buffer> put(String uri, String token, Object body) {
    return call(HttpMethod.PUT, uri, token, body);
  }

  public HttpResponse<Buffer> delete(String uri, String token) {
    return call(HttpMethod.DELETE, uri, token, null);
  }

  public HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    http.close();
  }
}
