package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static io.midcoast.topology.analytics.estimate.StageStores.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndex;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The cost of one property change in a city of 20,000 sold houses, one subdivision (the hostile
 * feed's shape), counted rather than timed: sale-point entries read from the store and array reads
 * and moves in memory ({@link io.midcoast.topology.analytics.window.DatedValues#work()}). Before
 * the regions were kept in memory, each change read the region's window from the store two to four
 * times (tens of thousands of entries here) and sorted it.
 */
class RegionIndexCostTest {

  private static final int HOUSES = 20_000;
  private static final LocalDate FIRST = LocalDate.parse("2023-01-01");

  /** The worst of 200 changes in a city of {@code houses} sold houses. */
  private record Cost(long entriesRead, long work) {}

  @Test
  void shouldReadAFewStoreEntriesAndAFewThousandValuesPerChangeWith20000SalesInOneCity() {
    final Cost large = worstChange(HOUSES);
    final Cost larger = worstChange(4 * HOUSES);
    System.out.printf(
        "per change: %d sales in one city %d store entries read, %d values read or moved;"
            + " %d sales %d and %d%n",
        HOUSES, large.entriesRead(), large.work(), 4 * HOUSES, larger.entriesRead(), larger.work());

    assertThat(large.entriesRead()).as("sale-point entries read per change").isLessThanOrEqualTo(4);
    assertThat(large.work())
        .as("values read or moved in memory per change (n = %d)", HOUSES)
        .isLessThan(HOUSES / 2);
    assertThat((double) larger.work() / large.work())
        .as("4 times the sales: about twice the work (√n log n), not 4 times (n) or more (n log n)")
        .isLessThan(3.0);
  }

  private static Cost worstChange(final int houses) {
    final StageStores stores = new StageStores();
    final AtomicLong entriesRead = new AtomicLong();
    final SalePoints points =
        new SalePoints(counting(stores.store("points", Serdes.Double()), entriesRead));
    final RegionIndexKeeper keeper =
        new RegionIndexKeeper(
            points,
            stores.store("members", Serdes.String()),
            stores.store("indexes", RegionIndex.class));
    final SplittableRandom random = new SplittableRandom(7);
    final Property[] sold = new Property[houses];
    for (int i = 0; i < houses; i++) {
      sold[i] = sold(i, random);
      keeper.apply("AMES", "h" + i, null, sold[i], FIRST.plusDays(730));
    }
    keeper.current("AMES", house("listed", ""), FIRST.plusDays(730)); // loads the regions once

    long worstReads = 0;
    long worstWork = 0;
    for (int i = 0; i < 200; i++) {
      final LocalDate clock = FIRST.plusDays(731 + i);
      final LocalDate asOf = clock.minusDays(i % 40);
      final long reads = entriesRead.get();
      final long work = points.work();
      final Property resold = sold(i, random);
      keeper.apply("AMES", "h" + i, sold[i], resold, clock);
      sold[i] = resold;
      keeper.refresh("AMES", clock, (index, ids) -> {});
      keeper.current("AMES", house("listed", ""), asOf);
      keeper.stats("AMES", house("listed", ""), asOf, new HashMap<>());
      worstReads = Math.max(worstReads, entriesRead.get() - reads);
      worstWork = Math.max(worstWork, points.work() - work);
    }
    assertThat(points.city("AMES").size()).isEqualTo(houses);
    return new Cost(worstReads, worstWork);
  }

  @Test
  void shouldFigureARegionOf20000SamplesWithAFewThousandReads() {
    final SplittableRandom random = new SplittableRandom(3);
    final RegionSamples samples = new RegionSamples();
    for (int i = 0; i < HOUSES; i++) {
      samples.add(sample("h" + i, FIRST.plusDays(random.nextInt(365)), random));
    }
    long worst = 0;
    for (int i = 0; i < 200; i++) {
      final long before = samples.work();
      samples.add(sample("new" + i, FIRST.plusDays(365 + i), random));
      EstimateAccuracies.figures("all", samples);
      worst = Math.max(worst, samples.work() - before);
    }
    System.out.printf(
        "per accuracy sample with %d in the region: at most %d values read or moved%n",
        HOUSES, worst);
    assertThat(worst).as("values read or moved per sample (n = %d)", HOUSES).isLessThan(6_000);
  }

  /** House {@code i}: one sale in the two years from {@link #FIRST}, $100–$300 per sq ft. */
  private static Property sold(final int i, final SplittableRandom random) {
    final long cents = 1500L * (10_000 + random.nextInt(20_000));
    return house("h" + i, "", sale(FIRST.plusDays(random.nextInt(730)).toString(), cents));
  }

  private static AccuracySample sample(
      final String id, final LocalDate close, final SplittableRandom random) {
    final long price = 20_000_000L + random.nextInt(10_000_000);
    return AccuracySample.newBuilder()
        .setPropertyId(id)
        .setCloseDate(close)
        .setClosePriceCents(price)
        .setEstimateCents(price + random.nextInt(4_000_000) - 2_000_000)
        .setLowCents(price - 3_000_000)
        .setHighCents(price + random.nextInt(6_000_000))
        .setEstimateAsOf(close.minusDays(30))
        .setModelVersion("1.0.0")
        .setCity("AMES")
        .build();
  }

  /** {@code store}, counting in {@code read} each entry it returns (gets and iterated entries). */
  @SuppressWarnings("unchecked")
  private static <V> KeyValueStore<String, V> counting(
      final KeyValueStore<String, V> store, final AtomicLong read) {
    return (KeyValueStore<String, V>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              final Object result = invoke(method, store, args);
              if (method.getName().equals("get") && result != null) {
                read.incrementAndGet();
              }
              if (result instanceof KeyValueIterator<?, ?> iterator) {
                return countingIterator(iterator, read);
              }
              return result;
            });
  }

  private static Object countingIterator(
      final KeyValueIterator<?, ?> iterator, final AtomicLong read) {
    return Proxy.newProxyInstance(
        KeyValueIterator.class.getClassLoader(),
        new Class<?>[] {KeyValueIterator.class},
        (proxy, method, args) -> {
          if (method.getName().equals("next")) {
            read.incrementAndGet();
          }
          return invoke(method, iterator, args);
        });
  }

  private static Object invoke(
      final java.lang.reflect.Method method, final Object target, final Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (final InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
