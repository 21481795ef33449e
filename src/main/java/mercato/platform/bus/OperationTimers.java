package mercato.platform.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import mercato.platform.metrics.NodeMetrics;

/**
 * How long one bus operation takes in its domain, from the message's arrival to the reply,
 * as {@code mercato_operation_duration_seconds{address, outcome}} with the shared latency
 * buckets ({@link NodeMetrics#LATENCY_BUCKETS}). Outcome {@code ok} is a reply,
 * {@code problem} a failure below 500 (validation, not found, conflict), {@code error} a
 * 5xx. Each outcome's timer is made on its first use, so an operation never called costs
 * no series; recording is two clock reads and a bucket increment.
 */
final class OperationTimers {
  private final MeterRegistry registry;
  private final String address;
  private Timer ok;
  private Timer problem;
  private Timer error;

  OperationTimers(MeterRegistry registry, String address) {
    this.registry = registry;
    this.address = address;
  }

  void ok(long startedNanos) {
    if (ok == null) {
      ok = timer("ok");
    }
    record(ok, startedNanos);
  }

  void failed(long startedNanos, int status) {
    if (status < 500) {
      if (problem == null) {
        problem = timer("problem");
      }
      record(problem, startedNanos);
    } else {
      if (error == null) {
        error = timer("error");
      }
      record(error, startedNanos);
    }
  }

  private static void record(Timer timer, long startedNanos) {
    timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  // Registering is idempotent: two event loops racing here end with the same timer.
  private Timer timer(String outcome) {
    return Timer.builder(NodeMetrics.OPERATION_DURATION)
        .description("Time a domain takes to answer a bus operation, from arrival to reply")
        .tag("address", address).tag("outcome", outcome).register(registry);
  }
}
