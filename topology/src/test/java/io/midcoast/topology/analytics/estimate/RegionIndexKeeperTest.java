package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static io.midcoast.topology.analytics.estimate.StageStores.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.schemas.RegionIndexLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class RegionIndexKeeperTest {

  private static final LocalDate MAY = LocalDate.parse("2024-05-01");
  private static final LocalDate JUNE = LocalDate.parse("2024-06-01");

  private final StageStores stores = new StageStores();
  private final KeyValueStore<String, String> members = stores.store("members", Serdes.String());
  private final KeyValueStore<String, RegionIndex> indexes =
      stores.store("indexes", RegionIndex.class);
  private final RegionIndexKeeper keeper =
      new RegionIndexKeeper(
          new SalePoints(stores.store("points", Serdes.Double())), members, indexes);

  @Test
  void shouldCallAMoveOfTwoPercentOrMoreMaterial() {
    assertThat(RegionIndexKeeper.material(index(100.0), index(101.99))).isFalse();
    assertThat(RegionIndexKeeper.material(index(100.0), index(102.0))).isTrue();
    assertThat(RegionIndexKeeper.material(index(100.0), index(98.0))).isTrue();
    assertThat(RegionIndexKeeper.material(index(null), index(100.0))).as("appeared").isTrue();
    assertThat(RegionIndexKeeper.material(index(100.0), index(null))).as("vanished").isTrue();
    assertThat(RegionIndexKeeper.material(index(null), index(null))).isFalse();
  }

  @Test
  void shouldFallBackFromTheSubdivisionToTheCityToNothing() {
    for (int i = 0; i < 5; i++) {
      sell("north" + i, "North_Ames", "2024-04-0" + (i + 1), 30_000_000L);
    }

    final RegionIndex own = keeper.current("AMES", house("p", "North_Ames"), MAY);
    assertThat(own.getLevel()).isEqualTo(RegionIndexLevel.SUBDIVISION);
    assertThat(own.getAsOf()).isEqualTo(MAY);
    final RegionIndex city = keeper.current("AMES", house("q", "Somerset"), MAY);
    assertThat(city.getLevel()).isEqualTo(RegionIndexLevel.CITY);
    assertThat(city.getPricePerSqft()).isEqualTo(200.0);
    final RegionIndex none = keeper.current("NEVADA", house("r", "Somerset"), MAY);
    assertThat(none.getLevel()).as("a market without sales").isEqualTo(RegionIndexLevel.NONE);
    assertThat(none.getPricePerSqft()).isNull();
  }

  @Test
  void shouldStoreANewSubdivisionAndReuseItsIndexOnTheSameDate() {
    final RegionIndex first = keeper.current("AMES", house("p", "Somerset"), MAY);
    assertThat(indexes.get("AMES\u001fSomerset")).isEqualTo(first);
    for (int i = 0; i < 5; i++) {
      sell("north" + i, "North_Ames", "2024-04-0" + (i + 1), 30_000_000L);
    }

    assertThat(keeper.current("AMES", house("p", "Somerset"), MAY)).isEqualTo(first);
    assertThat(keeper.current("AMES", house("p", "Somerset"), JUNE).getLevel())
        .as("another date: computed")
        .isEqualTo(RegionIndexLevel.CITY);
    assertThat(indexes.get("AMES\u001fSomerset")).as("left to the next refresh").isEqualTo(first);
  }

  @Test
  void shouldHandOnlyTheMateriallyChangedSubdivisionWithItsMembers() {
    for (int i = 0; i < 5; i++) {
      sell("s" + i, "Somerset", "2024-04-0" + (i + 1), 22_500_000L);
    }
    join("a", "North_Ames");
    join("b", "North_Ames");
    join("c", "Somerset");
    assertThat(indexes.get("AMES\u001fNorth_Ames").getLevel()).isEqualTo(RegionIndexLevel.CITY);
    for (int i = 0; i < 5; i++) {
      sell("n" + i, "North_Ames", "2024-05-1" + i, 30_000_000L);
    }

    final List<KeyValue<RegionIndex, List<String>>> handed = refresh(JUNE);

    assertThat(handed).as("Somerset stays at 150 $/sqft").hasSize(1);
    assertThat(handed.get(0).key.getLevel()).isEqualTo(RegionIndexLevel.SUBDIVISION);
    assertThat(handed.get(0).key.getPricePerSqft()).isEqualTo(200.0);
    assertThat(handed.get(0).value).containsExactly("a", "b", "n0", "n1", "n2", "n3", "n4");
    assertThat(indexes.get("AMES\u001fNorth_Ames")).isEqualTo(handed.get(0).key);
    assertThat(refresh(JUNE.plusDays(1))).as("nothing moved the next day").isEmpty();
  }

  @Test
  void shouldMoveAMemberWithItsSubdivision() {
    final Property before = join("a", "North_Ames");
    final Property after = house("a", "Somerset");

    keeper.apply("AMES", "a", before, after, MAY);

    assertThat(StageStores.keys(members)).containsExactly("AMES\u001fSomerset\u001fa");
    keeper.apply("AMES", "a", after, null, MAY);
    assertThat(StageStores.keys(members)).isEmpty();
  }

  @Test
  void shouldReadRegionStatsOncePerSubdivisionAndDate() {
    sell("sold", "North_Ames", "2024-04-01", 30_000_000L);
    final Map<String, RegionStats> cache = new HashMap<>();

    final RegionStats stats = keeper.stats("AMES", house("p", "North_Ames"), MAY, cache);

    assertThat(stats).isEqualTo(RegionStats.NONE);
    assertThat(keeper.stats("AMES", house("q", "North_Ames"), MAY, cache)).isSameAs(stats);
    assertThat(cache).hasSize(1);
  }

  /** A listed member of {@code subdivision} whose index is now known to the keeper. */
  private Property join(final String id, final String subdivision) {
    final Property property = house(id, subdivision);
    keeper.apply("AMES", id, null, property, MAY);
    keeper.current("AMES", property, MAY);
    return property;
  }

  private void sell(final String id, final String subdivision, final String date, final long c) {
    keeper.apply("AMES", id, null, house(id, subdivision, sale(date, c)), JUNE);
  }

  private List<KeyValue<RegionIndex, List<String>>> refresh(final LocalDate clock) {
    final List<KeyValue<RegionIndex, List<String>>> handed = new ArrayList<>();
    keeper.refresh("AMES", clock, (index, ids) -> handed.add(KeyValue.pair(index, ids)));
    return handed;
  }

  private static RegionIndex index(final Double pricePerSqft) {
    return RegionIndex.newBuilder()
        .setPricePerSqft(pricePerSqft)
        .setLevel(RegionIndexLevel.SUBDIVISION)
        .setAsOf(MAY)
        .build();
  }
}
