package io.midcoast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPropertiesTest {

  private static List<Property> changes(final long seed, final int n) {
    final SyntheticProperties generator = new SyntheticProperties(seed, 4, 100, 200, 0.05);
    final List<Property> out = new ArrayList<>();
    generator.initialStock().forEach(c -> out.add(c.property()));
    for (int i = 0; i < n; i++) {
      out.add(generator.next().property());
    }
    return out;
  }

  @Test
  void shouldProduceTheSameSequenceForTheSameSeed() {
    assertThat(changes(7, 2_000)).isEqualTo(changes(7, 2_000));
    assertThat(changes(8, 2_000)).isNotEqualTo(changes(7, 2_000));
  }

  @Test
  void shouldSpreadHousesOverEveryMarketAndTwentyFiveSubdivisionsEach() {
    final Set<String> cities = new HashSet<>();
    final Set<String> subdivisions = new HashSet<>();
    changes(7, 0)
        .forEach(
            p -> {
              cities.add(p.getAddress().getCity());
              subdivisions.add(p.getAddress().getSubdivision());
            });
    assertThat(cities).hasSize(4);
    // houses draw their subdivision at random: nearly all of the 4 x 25 appear in the stock
    assertThat(subdivisions.size()).isBetween(95, 4 * SyntheticProperties.SUBDIVISIONS);
  }

  @Test
  void shouldAdvanceEventTimeAndCloseSalesWhileMostChangesUpdateKnownHouses() {
    final SyntheticProperties generator = new SyntheticProperties(7, 4, 100, 200, 0.05);
    final Set<String> known = new HashSet<>();
    generator.initialStock().forEach(c -> known.add(c.property().getPropertyId()));
    int updates = 0;
    int closes = 0;
    Property last = null;
    for (int i = 0; i < 4_000; i++) {
      final SyntheticProperties.Change change = generator.next();
      final Property p = change.property();
      if (known.contains(p.getPropertyId())) {
        updates++;
        assertThat(change.created()).isFalse();
      }
      known.add(p.getPropertyId());
      if (p.getListing() != null
          && p.getListing().getCloseDate() != null
          && p.getUpdatedAt().equals(p.getListing().getModificationTimestamp())) {
        closes++;
      }
      if (last != null) {
        assertThat(p.getUpdatedAt()).isAfter(last.getUpdatedAt());
      }
      last = p;
    }
    assertThat(updates).isGreaterThan(3_600);
    assertThat(closes).isGreaterThan(200);
    // 4,000 changes at 800 per event-time day (4 markets × 200)
    assertThat(generator.clock()).isAfter(SyntheticProperties.START.plusSeconds(4 * 86_400));
  }
}
