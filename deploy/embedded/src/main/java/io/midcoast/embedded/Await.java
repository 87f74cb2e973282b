package io.midcoast.embedded;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounded waits: poll a condition until it holds or a deadline passes. Every wait in the stack and
 * in its tests goes through here, so nothing waits forever and nothing sleeps blindly.
 *
 * <p>A probe that throws is treated as "not yet" (the last failure is reported on timeout), except
 * for {@link Abort}, which ends the wait at once (e.g. the child process being waited for died).
 */
public final class Await {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  /** A condition that may fail while the thing waited for is not there yet. */
  @FunctionalInterface
  public interface Condition {
    /** Whether the awaited state is reached. */
    boolean holds() throws Exception;
  }

  /** A probe that yields a value once the awaited state is reached. */
  @FunctionalInterface
  public interface Probe<T> {
    /** The value, or empty while the awaited state is not reached. */
    Optional<T> poll() throws Exception;
  }

  /** Ends a wait immediately: the awaited state can no longer be reached. */
  public static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An abort with the reason shown to the user. */
    public Abort(final String message) {
      super(message);
    }
  }

  /** A wait that ran out of time. */
  public static final class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimeoutException(final String message, final Throwable lastFailure) {
      super(message, lastFailure);
    }
  }

  private Await() {}

  /**
   * Waits until {@code condition} holds.
   *
   * @param what what is awaited, for the timeout message ("broker on localhost:9092 ready")
   * @throws TimeoutException when {@code timeout} passes first
   * @throws Abort when the condition aborts the wait
   */
  public static void until(final String what, final Duration timeout, final Condition condition) {
    value(what, timeout, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  /**
   * Waits until {@code probe} yields a value and returns it.
   *
   * @throws TimeoutException when {@code timeout} passes first
   * @throws Abort when the probe aborts the wait
   */
  public static <T> T value(final String what, final Duration timeout, final Probe<T> probe) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    Throwable lastFailure = null;
    while (true) {
      try {
        final Optional<T> result = probe.poll();
        if (result.isPresent()) {
          return result.get();
        }
      } catch (final Abort e) {
        throw e;
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      } catch (final Exception e) {
        lastFailure = e;
      }
      final long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new TimeoutException(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + (lastFailure == null ? "" : " (last failure: " + lastFailure + ")"),
            lastFailure);
      }
      pause(Math.min(remaining, POLL_INTERVAL.toNanos()));
    }
  }

  private static void pause(final long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis(), 0);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
