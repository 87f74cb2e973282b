package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static io.midcoast.topology.analytics.estimate.StageStores.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Property;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class SalePointsTest {

  private static final LocalDate MAY = LocalDate.parse("2024-05-01");

  private final KeyValueStore<String, Double> store =
      new StageStores().store("points", Serdes.Double());
  private final SalePoints points = new SalePoints(store);

  @Test
  void shouldKeepEachSaleUnderItsSubdivisionAndItsCity() {
    points.apply("AMES", null, house("p1", "Somerset", sale("2024-04-10", 30_000_000L)), MAY);

    assertThat(store.approximateNumEntries()).isEqualTo(2);
    assertThat(values(points.subdivision("AMES", "Somerset").window(LocalDate.MIN, MAY)))
        .containsExactly(200.0);
    assertThat(values(points.city("AMES").window(LocalDate.MIN, MAY))).containsExactly(200.0);
    assertThat(values(points.subdivision("AMES", "North_Ames").window(LocalDate.MIN, MAY)))
        .isEmpty();
    assertThat(values(points.city("GILBERT").window(LocalDate.MIN, MAY))).isEmpty();
  }

  @Test
  void shouldReadAWindowFromItsFirstDayUpToButNotIncludingItsLast() {
    points.apply(
        "AMES",
        null,
        house(
            "p1",
            "Somerset",
            sale("2024-03-31", 15_000_000L),
            sale("2024-04-01", 30_000_000L),
            sale("2024-05-01", 45_000_000L)),
        MAY);

    final LocalDate april = LocalDate.parse("2024-04-01");
    assertThat(values(points.subdivision("AMES", "Somerset").window(april, MAY)))
        .containsExactly(200.0);
    assertThat(values(points.city("AMES").window(april, MAY))).containsExactly(200.0);
    assertThat(values(points.city("AMES").window(LocalDate.MIN, MAY)))
        .containsExactly(100.0, 200.0);
    assertThat(points.subdivision("AMES", "Somerset").lastDate()).isEqualTo(MAY);
  }

  @Test
  void shouldSayWhenASaleBeforeTheClockChanged() {
    final Property sold = house("p1", "Somerset", sale("2024-04-10", 30_000_000L));

    assertThat(points.apply("AMES", null, sold, MAY)).as("added before the clock").isTrue();
    assertThat(points.apply("AMES", sold, sold, MAY)).as("nothing changed").isFalse();
    final Property corrected = house("p1", "Somerset", sale("2024-04-10", 33_000_000L));
    assertThat(points.apply("AMES", sold, corrected, MAY)).as("price corrected").isTrue();
    assertThat(values(points.city("AMES").window(LocalDate.MIN, MAY))).containsExactly(220.0);
    assertThat(points.apply("AMES", corrected, null, null)).as("no clock yet").isFalse();
    assertThat(store.approximateNumEntries()).isZero();

    final Property late = house("p2", "Somerset", sale("2024-05-01", 30_000_000L));
    assertThat(points.apply("AMES", null, late, MAY)).as("dated on the clock").isFalse();
  }

  @Test
  void shouldLoadARegionFromTheStoreWhenFirstReadAndFollowTheStoreAfterwards() {
    points.apply("AMES", null, house("p1", "Somerset", sale("2024-04-10", 30_000_000L)), MAY);
    final SalePoints restarted = new SalePoints(store);
    assertThat(values(restarted.city("AMES").window(LocalDate.MIN, MAY))).containsExactly(200.0);

    restarted.apply("AMES", null, house("p2", "Somerset", sale("2024-04-11", 15_000_000L)), MAY);
    restarted.apply(
        "AMES",
        house("p1", "Somerset", sale("2024-04-10", 30_000_000L)),
        house("p1", "Somerset", sale("2024-04-10", 33_000_000L)),
        MAY);

    assertThat(values(restarted.city("AMES").window(LocalDate.MIN, MAY)))
        .containsExactly(100.0, 220.0);
    assertThat(values(restarted.subdivision("AMES", "Somerset").window(LocalDate.MIN, MAY)))
        .isEqualTo(values(new SalePoints(store).city("AMES").window(LocalDate.MIN, MAY)));
  }

  @Test
  void shouldLeaveMemoryAloneWhenAPreviousVersionWasNeverStoredUnderThisMarket() {
    points.apply("AMES", null, house("p1", "Somerset", sale("2024-04-10", 30_000_000L)), MAY);
    assertThat(points.city("AMES").size()).isEqualTo(1);

    // p2's previous version (the same sale figures) was kept under another market
    points.apply("AMES", house("p2", "Somerset", sale("2024-04-10", 30_000_000L)), null, MAY);

    assertThat(points.city("AMES").size()).as("p1's equal point stays").isEqualTo(1);
  }

  @Test
  void shouldKeepNoPointForAHouseWithoutLivingArea() {
    final Property sold = house("p1", "Somerset", sale("2024-04-10", 30_000_000L));
    sold.setCharacteristics(Characteristics.newBuilder().build());

    assertThat(points.apply("AMES", null, sold, MAY)).isFalse();
    assertThat(store.approximateNumEntries()).isZero();
  }

  private static List<Double> values(final DatedValues.Window window) {
    return IntStream.range(0, window.size()).mapToObj(window::valueAt).toList();
  }
}
