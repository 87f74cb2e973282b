package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class SourceProgressTest {

  private static final long DAY = Duration.ofDays(1).toMillis();

  private final KeyValueStore<String, String> store =
      Stores.keyValueStoreBuilder(
              Stores.inMemoryKeyValueStore("expiry"), Serdes.String(), Serdes.String())
          .withLoggingDisabled()
          .build();
  private final AtomicLong wall = new AtomicLong(1_000_000L);

  SourceProgressTest() {
    final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  private static RecordHeaders from(final String source, final long progress) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(SourceProgress.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    headers.add(SourceProgress.PROGRESS_HEADER, SourceProgress.encode(progress));
    return headers;
  }

  @Test
  void theClockIsTheSlowestSourceNeverPastStreamTime() {
    final SourceProgress sources = new SourceProgress(store, wall::get);
    assertThat(sources.clock(50 * DAY)).as("no source heard: stream time").isEqualTo(50 * DAY);

    sources.observe(from("feeds.lead.event-0", 100 * DAY));
    sources.observe(from("feeds.lead.event-1", 10 * DAY));
    sources.observe(from("feeds.lead.event-1", 8 * DAY)); // progress never goes back
    sources.observe(new RecordHeaders()); // a record without progress changes nothing

    assertThat(sources.clock(100 * DAY)).isEqualTo(10 * DAY);
    assertThat(sources.clock(5 * DAY)).isEqualTo(5 * DAY);
    sources.observe(from("feeds.lead.event-1", 60 * DAY));
    assertThat(sources.clock(100 * DAY)).isEqualTo(60 * DAY);
  }

  @Test
  void aSourceSilentLongerThanTheIdleTimeNoLongerHoldsTheClockBack() {
    final SourceProgress sources = new SourceProgress(store, wall::get);
    sources.observe(from("a", 100 * DAY));
    sources.observe(from("b", 10 * DAY));

    wall.addAndGet(SourceProgress.IDLE.toMillis());
    sources.observe(from("a", 101 * DAY));
    assertThat(sources.clock(101 * DAY)).as("b silent for exactly IDLE").isEqualTo(10 * DAY);
    wall.addAndGet(1);
    sources.observe(from("a", 102 * DAY));
    assertThat(sources.clock(102 * DAY)).isEqualTo(102 * DAY);

    sources.observe(from("b", 20 * DAY)); // back: it holds the clock again
    assertThat(sources.clock(102 * DAY)).isEqualTo(20 * DAY);
  }

  @Test
  void progressIsRestoredWithTheStoreOutsideTheExpiryIndex() {
    final SourceProgress before = new SourceProgress(store, wall::get);
    before.observe(from("a", 100 * DAY));
    before.observe(from("b", 10 * DAY));
    // an expiry index entry (13-digit millis) is not taken for a source
    store.put(String.format("%013d:E:L1:e1", 5 * DAY), "L1:e1");

    final SourceProgress after = new SourceProgress(store, wall::get);

    assertThat(after.clock(200 * DAY)).isEqualTo(10 * DAY);
    assertThat(store.range("0000000000000", "9999999999999:\uffff"))
        .toIterable()
        .extracting(kv -> kv.key)
        .containsExactly(String.format("%013d:E:L1:e1", 5 * DAY));
  }
}
