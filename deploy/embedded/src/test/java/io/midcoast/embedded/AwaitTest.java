package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void shouldReturnTheValueOnceTheProbeYieldsIt() {
    final AtomicInteger calls = new AtomicInteger();
    final int value =
        Await.value(
            "third call",
            Duration.ofSeconds(5),
            () -> calls.incrementAndGet() < 3 ? Optional.empty() : Optional.of(42));
    assertThat(value).isEqualTo(42);
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldTimeOutWithTheLastFailure() {
    assertThatThrownBy(
            () ->
                Await.until(
                    "never",
                    Duration.ofMillis(300),
                    () -> {
                      throw new IllegalStateException("not yet");
                    }))
        .isInstanceOf(Await.TimeoutException.class)
        .hasMessageContaining("waiting for never")
        .hasMessageContaining("not yet");
  }

  @Test
  void shouldStopWaitingAtOnceOnAbort() {
    final long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Await.until(
                    "a dead process",
                    Duration.ofSeconds(30),
                    () -> {
                      throw new Await.Abort("process exited");
                    }))
        .isInstanceOf(Await.Abort.class)
        .hasMessage("process exited");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
