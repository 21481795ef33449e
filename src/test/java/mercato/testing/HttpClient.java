package mercato.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;

/** A blocking HTTP client for tests, talking to a node's edge on loopback. */
public final class HttpClient implements AutoCloseable {
  private final Vertx vertx;
  private final WebClient client;
  private final long timeoutMs;
  private boolean checksContract;
  private ContractResponses contract;

  public HttpClient(int port) {
    this(port, Duration.ZERO);
  }

  /**
   * A client whose every request fails (with an exception, not an assertion) when no answer
   * came within {@code timeout}: for probes of a node that may not be up yet.
   */
  public HttpClient(int port, Duration timeout) {
    this.timeoutMs = timeout.toMillis();
    this.vertx = Vertx.vertx();
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(Services.HOST).setDefaultPort(port));
  }

  public HttpResponse<Buffer> send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (headers != null) {
      request.putHeaders(headers);
    }
    if (timeoutMs > 0) {
      request.timeout(timeoutMs);
    }
    HttpResponse<Buffer> response = Await.result(body == null ? request.send() : request.sendBuffer(body));
    if (checksContract) {
      if (contract == null) {
        checksContract = false; // read the contract itself unchecked
        contract = ContractResponses.served(this);
        checksContract = true;
      }
      contract.check(method, uri, response);
    }
    return response;
  }

  /**
   * Every JSON answer is checked against the contract this node serves ({@link ContractResponses}),
   * read at the first call (from the test's thread, where waiting is allowed).
   */
  public HttpClient checkingTheContract() {
    checksContract = true;
    return this;
  }

  public HttpResponse<Buffer> get(String uri) {
    return send(HttpMethod.GET, uri, null, null);
  }

  public HttpResponse<Buffer> get(String uri, String token) {
    return send(HttpMethod.GET, uri, auth(token), null);
  }

  public HttpResponse<Buffer> postJson(String uri, JsonObject body) {
    return send(HttpMethod.POST, uri, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
        body.toBuffer());
  }

  public static MultiMap auth(String token) {
    return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    if (contract != null) {
      contract.close();
    }
    client.close();
    vertx.close();
  }
}
