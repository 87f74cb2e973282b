package io.midcoast.serving.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Helpers of the WebSocket push tests. */
public final class PushTesting {

  static final ObjectMapper JSON = new ObjectMapper();
  public static final Duration WAIT = Duration.ofSeconds(10);

  private PushTesting() {}

  /** A subscriber that keeps what it is sent; refuses messages once {@link #refuse} is set. */
  static final class RecordingSubscriber implements PushHub.Subscriber {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicBoolean refuse = new AtomicBoolean();

    @Override
    public boolean send(final String text) {
      if (refuse.get()) {
        return false;
      }
      received.add(text);
      return true;
    }

    /** The next message as JSON, waiting up to {@link #WAIT}; fails when none comes. */
    JsonNode next() {
      return take(received);
    }
  }

  /** The next message of {@code queue} as JSON, waiting up to {@link #WAIT}. */
  public static JsonNode take(final BlockingQueue<String> queue) {
    try {
      final String text = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new AssertionError("no message within " + WAIT);
      }
      return JSON.readTree(text);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TrendCell cell(final RegionType type, final String regionId, final String month) {
    return TrendCell.newBuilder()
        .setRegionType(type)
        .setRegionId(regionId)
        .setMonth(month)
        .setClosedSales(3)
        .setMedianClosePriceCents(21_500_000L)
        .build();
  }
}
