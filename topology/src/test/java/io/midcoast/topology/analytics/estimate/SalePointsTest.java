package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static io.midcoast.topology.analytics.estimate.StageStores.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Property;
import java.time.LocalDate;
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
    assertThat(points.subdivision("AMES", "Somerset", LocalDate.MIN, MAY)).containsExactly(200.0);
    assertThat(points.city("AMES", LocalDate.MIN, MAY)).containsExactly(200.0);
    assertThat(points.subdivision("AMES", "North_Ames", LocalDate.MIN, MAY)).isEmpty();
    assertThat(points.city("GILBERT", LocalDate.MIN, MAY)).isEmpty();
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
    assertThat(points.subdivision("AMES", "Somerset", april, MAY)).containsExactly(200.0);
    assertThat(points.city("AMES", april, MAY)).containsExactly(200.0);
    assertThat(points.city("AMES", LocalDate.MIN, MAY)).containsExactly(100.0, 200.0);
    assertThat(points.lastYear("AMES", "Somerset", MAY))
        .extracting(RegionStats.Point::date)
        .containsExactly(LocalDate.parse("2024-03-31"), april);
  }

  @Test
  void shouldSayWhenASaleBeforeTheClockChanged() {
    final Property sold = house("p1", "Somerset", sale("2024-04-10", 30_000_000L));

    assertThat(points.apply("AMES", null, sold, MAY)).as("added before the clock").isTrue();
    assertThat(points.apply("AMES", sold, sold, MAY)).as("nothing changed").isFalse();
    final Property corrected = house("p1", "Somerset", sale("2024-04-10", 33_000_000L));
    assertThat(points.apply("AMES", sold, corrected, MAY)).as("price corrected").isTrue();
    assertThat(points.city("AMES", LocalDate.MIN, MAY)).containsExactly(220.0);
    assertThat(points.apply("AMES", corrected, null, null)).as("no clock yet").isFalse();
    assertThat(store.approximateNumEntries()).isZero();

    final Property late = house("p2", "Somerset", sale("2024-05-01", 30_000_000L));
    assertThat(points.apply("AMES", null, late, MAY)).as("dated on the clock").isFalse();
  }

  @Test
  void shouldKeepNoPointForAHouseWithoutLivingArea() {
    final Property sold = house("p1", "Somerset", sale("2024-04-10", 30_000_000L));
    sold.setCharacteristics(Characteristics.newBuilder().build());

    assertThat(points.apply("AMES", null, sold, MAY)).isFalse();
    assertThat(store.approximateNumEntries()).isZero();
  }
}
