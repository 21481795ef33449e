package mercato.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxBuilder;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import mercato.platform.config.TracingConfig;
import mercato.platform.logs.ContextMdc;

/**
 * A node's OpenTelemetry tracing, or none. When on, Vert.x's tracer reports the HTTP edge,
 * the event-bus hops and the PostgreSQL and Redis clients as spans of one trace per request
 * (W3C {@code traceparent} from callers and across the bus), and log lines carry the trace
 * and span ids. When off, no tracer is installed: Vert.x skips every tracing hook.
 */
public final class Tracing {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final OpenTelemetrySdk sdk;
  private final String destination;

  private Tracing(OpenTelemetrySdk sdk, String destination) {
    this.sdk = sdk;
    this.destination = destination;
  }

  public static Tracing off() {
    return new Tracing(null, "nowhere");
  }

  /** Off unless the section names an endpoint; then batches of spans go there over OTLP/HTTP. */
  public static Tracing from(TracingConfig config) {
    if (!config.enabled()) {
      return off();
    }
    String url = config.endpoint() + "/v1/traces";
    SpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(url).build();
    return with(config, BatchSpanProcessor.builder(exporter).build(), url);
  }

  /** Each span handed to {@code exporter} as it ends (tests read them from memory). */
  public static Tracing exportingTo(TracingConfig config, SpanExporter exporter) {
    return with(config, SimpleSpanProcessor.create(exporter), exporter.toString());
  }

  private static Tracing with(TracingConfig config, SpanProcessor processor, String destination) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName())));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplePercent() / 100.0)))
        .addSpanProcessor(processor)
        .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    return new Tracing(sdk, destination);
  }

  public boolean enabled() {
    return sdk != null;
  }

  /** Where the spans go (for the start-up line). */
  public String destination() {
    return destination;
  }

  /** Gives a node's Vert.x the tracer; when off, leaves the builder as it is. */
  public VertxBuilder install(VertxBuilder builder) {
    if (sdk == null) {
      return builder;
    }
    ContextMdc.withTraceIds();
    return builder.withTracer(new OpenTelemetryTracingFactory(sdk));
  }

  /** Sends what is still buffered and stops the exporter. */
  public Future<Void> close() {
    if (sdk == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    io.opentelemetry.sdk.common.CompletableResultCode done = sdk.shutdown();
    done.whenComplete(closed::complete);
    return closed.future();
  }
}
