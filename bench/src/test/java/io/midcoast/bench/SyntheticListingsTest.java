package io.midcoast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SyntheticListingsTest {

  private final SyntheticListings listings = new SyntheticListings(SyntheticListings.DEFAULT_SEED);

  @Test
  void shouldRenderTheSameBytesForTheSameSeedAndIndex() {
    assertThat(new SyntheticListings(SyntheticListings.DEFAULT_SEED).bytes(42))
        .isEqualTo(listings.bytes(42));
    assertThat(new SyntheticListings(1).bytes(42)).isNotEqualTo(listings.bytes(42));
  }

  @Test
  void shouldGiveEveryRecordItsOwnListingKeyAndAddress() {
    final Set<String> keys = new HashSet<>();
    final Set<String> addresses = new HashSet<>();
    LongStream.range(0, 50_000)
        .mapToObj(listings::record)
        .forEach(
            r -> {
              keys.add(r.get("ListingKey").asText());
              addresses.add(r.get("UnparsedAddress").asText() + "|" + r.get("PostalCode").asText());
            });
    assertThat(keys).hasSize(50_000);
    assertThat(addresses).hasSize(50_000);
  }

  @Test
  void shouldCarryTheRequiredResoFieldsAndAClosePriceOnlyWhenClosed() {
    for (long i = 0; i < 1_000; i++) {
      final ObjectNode r = listings.record(i);
      assertThat(r.hasNonNull("ListingKey")).isTrue();
      assertThat(r.hasNonNull("StandardStatus")).isTrue();
      assertThat(r.hasNonNull("ModificationTimestamp")).isTrue();
      assertThat(r.has("ClosePrice")).isEqualTo("Closed".equals(r.get("StandardStatus").asText()));
    }
  }

  @Test
  void shouldBeAboutAsLargeAsAnAmesRecord() {
    final double mean =
        LongStream.range(0, 2_000).mapToInt(i -> listings.bytes(i).length).average().orElseThrow();
    assertThat(mean).isBetween(550.0, 750.0);
  }
}
