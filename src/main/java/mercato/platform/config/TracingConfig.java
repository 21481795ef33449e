package mercato.platform.config;

/**
 * The {@code tracing:} section: OpenTelemetry traces exported over OTLP/HTTP. Off while
 * {@code otlp.endpoint} is empty (the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} fills it
 * when set): then no tracer is installed at all.
 *
 * @param endpoint      the collector's base URL ({@code http://host:4318}); spans go to
 *                      {@code <endpoint>/v1/traces}. Empty: tracing off
 * @param serviceName   {@code service.name} of the spans ({@code OTEL_SERVICE_NAME} sets it too)
 * @param samplePercent share of new traces recorded; a request whose caller's
 *                      {@code traceparent} says sampled is always recorded
 */
public record TracingConfig(String endpoint, String serviceName, int samplePercent) {
  public boolean enabled() {
    return !endpoint.isEmpty();
  }

  static TracingConfig read(ConfigReader tracing) {
    ConfigReader otlp = tracing.section("otlp");
    Object raw = otlp.raw().getValue("endpoint");
    String endpoint = raw == null ? "" : raw.toString().trim();
    if (!endpoint.isEmpty() && !endpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new ConfigException(otlp.key("endpoint"), "expected an http:// or https:// URL, got \"" + endpoint + "\"");
    }
    return new TracingConfig(
        endpoint.replaceFirst("/+$", ""),
        tracing.string("serviceName"),
        tracing.integer("samplePercent", 0, 100));
  }
}
