package io.midcoast.embedded;

import java.io.PrintStream;

/**
 * The launcher's user-facing lines (progress, URLs), kept apart from logging so they read as a
 * terminal UI; everything else goes through slf4j.
 */
final class Console {

  private final PrintStream out;

  Console(final PrintStream out) {
    this.out = out;
  }

  /** A line to the terminal. */
  void line(final String text) {
    out.println(text);
    out.flush();
  }

  /** A progress step (" ✓ what (12.3 s)"). */
  void step(final String what, final long startedNanos) {
    line(String.format("  started %-34s %5.1f s", what, (System.nanoTime() - startedNanos) / 1e9));
  }
}
