package mercato;

import java.io.PrintStream;

/** Lets tests in other packages run {@link Main#run} without starting a JVM. */
public final class MainAccess {
  private MainAccess() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Main.run(args, out, err);
  }
}
