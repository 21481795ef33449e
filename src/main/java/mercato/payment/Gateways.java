package mercato.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mercato.platform.bus.Problem;

/**
 * The gateways this install runs, by name, and the one a payment uses when it names none. A
 * payment keeps the name of its gateway, so its capture, refunds and webhooks go there.
 */
final class Gateways {
  private final Map<String, Gateway> byName = new LinkedHashMap<>();
  private final Map<String, Reconcilable> reconcilable = new LinkedHashMap<>();
  private final String defaultName;

  Gateways(String defaultName) {
    this.defaultName = defaultName;
  }

  Gateways add(Gateway gateway) {
    byName.put(gateway.name(), gateway);
    if (gateway instanceof Reconcilable asked) {
      reconcilable.put(gateway.name(), asked);
    }
    return this;
  }

  /** The gateway a client asked for ({@code /gateway}), or the default when it named none. */
  Gateway pick(String requested) {
    Gateway gateway = byName.get(requested == null ? defaultName : requested);
    if (gateway == null) {
      throw Problem.invalidField("/gateway", "must be one of the gateways this install runs: "
          + String.join(", ", byName.keySet()));
    }
    return gateway;
  }

  /** The gateway a stored payment names; a payment of a gateway no longer enabled is a configuration fault. */
  Gateway of(String name) {
    Gateway gateway = byName.get(name);
    if (gateway == null) {
      throw new IllegalStateException("the payment's gateway " + name + " is not enabled on this node");
    }
    return gateway;
  }

  boolean reconciles(String name) {
    return reconcilable.containsKey(name);
  }

  /** The names of the gateways this install runs. */
  Set<String> names() {
    return Set.copyOf(byName.keySet());
  }

  /** The gateways the reconciler asks, by name. */
  Map<String, Reconcilable> reconcilable() {
    return Map.copyOf(reconcilable);
  }
}
