package mercato.platform.bus;

/**
 * A domain result together with what the operation knows about how it came about: the
 * thing already {@code existed} (nothing was made this time), or the result is a
 * {@code replayed} answer of an earlier request with the same key. An operation returns one
 * only when either holds; otherwise it returns the result itself. The facts travel as
 * headers of the bus reply, so an internal caller gets the result alone.
 */
public record Outcome(Object result, boolean existed, boolean replayed) {
  public static final String EXISTED = "existed";
  public static final String REPLAYED = "replayed";

  public static Outcome existed(Object result) {
    return new Outcome(result, true, false);
  }

  /** The same result, marked as the answer given again. */
  public static Outcome replayed(Object result, boolean existed) {
    return new Outcome(result, existed, true);
  }

  /** The result of any operation's answer, an outcome or not. */
  public static Object resultOf(Object answer) {
    return answer instanceof Outcome outcome ? outcome.result() : answer;
  }
}
