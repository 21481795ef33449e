package mercato.platform.bus;

/**
 * A domain result together with what the operation knows about how it came about: the
 * thing already {@code existed} (nothing was made this time), or the result is a
 * {@code replayed} answer of an earlier request with the same key; or what the edge that
 * serves the request must know before the caller hears the answer: the access token
 * {@code denied} (its jti) by it. An operation returns one only when one of these holds;
 * otherwise it returns the result itself. The facts travel as headers of the bus reply, so
 * an internal caller gets the result alone.
 */
public record Outcome(Object result, boolean existed, boolean replayed, String denied) {
  public static final String EXISTED = "existed";
  public static final String REPLAYED = "replayed";
  public static final String DENIED = "denied-token";

  public static Outcome existed(Object result) {
    return new Outcome(result, true, false, null);
  }

  /** The same result, marked as the answer given again. */
  public static Outcome replayed(Object result, boolean existed) {
    return new Outcome(result, existed, true, null);
  }

  /**
   * The result of an operation that denied the access token {@code jti}: the serving edge
   * refuses it before answering, so the caller's very next request is refused there too
   * (the other edges hear the denial's publish a moment later).
   */
  public static Outcome denied(Object result, String jti) {
    return new Outcome(result, false, false, jti);
  }

  /** The result of any operation's answer, an outcome or not. */
  public static Object resultOf(Object answer) {
    return answer instanceof Outcome outcome ? outcome.result() : answer;
  }
}
