package mercato.payment;

import java.util.UUID;

/** One payment's identity and what it charges: what every step of a charge writes and announces. */
record Charge(UUID paymentId, UUID orderId, UUID accountId, long amount, String currency) {}
