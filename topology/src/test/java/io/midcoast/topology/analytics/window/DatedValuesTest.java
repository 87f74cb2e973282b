package io.midcoast.topology.analytics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatedValuesTest {

  private static final LocalDate DAY0 = LocalDate.parse("2020-01-01");

  private record Point(LocalDate date, double value) {}

  private final DatedValues values = new DatedValues();
  private final List<Point> points = new ArrayList<>();

  @Test
  void shouldAnswerEveryWindowAsASortOfItWouldUnderAddsAndRemoves() {
    final SplittableRandom random = new SplittableRandom(7);
    for (int step = 0; step < 6_000; step++) {
      if (points.isEmpty() || random.nextInt(10) < 7) {
        // few distinct values and dates: many duplicates, ties across blocks
        add(new Point(DAY0.plusDays(random.nextInt(900)), 50 + random.nextInt(400) / 4.0));
      } else {
        final Point point = points.remove(random.nextInt(points.size()));
        assertThat(values.remove(point.date(), point.value())).isTrue();
      }
      if (step % 97 == 0) {
        final LocalDate from = DAY0.plusDays(random.nextInt(900) - 30);
        final LocalDate until = from.plusDays(random.nextInt(500));
        assertWindow(values, points, from, until);
        assertWindow(values, points, LocalDate.MIN, until);
      }
    }
    assertThat(values.size()).isEqualTo(points.size());
    assertThat(values.remove(DAY0, 1e9)).as("absent").isFalse();
  }

  @Test
  void shouldGiveTheValueAndNoVarianceWhenEveryValueIsTheSame() {
    for (int i = 0; i < 2_000; i++) {
      values.add(DAY0.plusDays(i % 300), 0.1);
    }
    values.add(DAY0.plusDays(400), 7.0);

    final DatedValues.Window window = values.window(DAY0, DAY0.plusDays(300));
    assertThat(window.mean()).isEqualTo(0.1);
    assertThat(window.variance()).isZero();
  }

  @Test
  void shouldKnowItsLatestDate() {
    assertThat(values.lastDate()).isNull();
    values.add(DAY0.plusDays(3), 9.0);
    values.add(DAY0, 1.0);
    assertThat(values.lastDate()).isEqualTo(DAY0.plusDays(3));
  }

  @Test
  void shouldAnswerAWindowOf20000ValuesWithAFewThousandReadsWhereASortReadsHundredsOfThousands() {
    final SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      add(new Point(DAY0.plusDays(random.nextInt(365)), 100 + 50 * random.nextGaussian()));
    }
    long worst = 0;
    for (int i = 0; i < 200; i++) {
      final long before = values.work();
      final Point gone = points.set(random.nextInt(points.size()), new Point(DAY0, 120.0 + i));
      values.remove(gone.date(), gone.value());
      values.add(DAY0, 120.0 + i);
      final DatedValues.Window year = values.window(DAY0, DAY0.plusDays(365));
      year.median();
      year.mean();
      year.variance();
      worst = Math.max(worst, values.work() - before);
    }
    // a sort of the 20,000-value window alone takes about n log2 n = 286,000 comparisons
    assertThat(worst)
        .as("reads and moves for a change and a median, mean and variance")
        .isLessThan(8_000);
  }

  private void add(final Point point) {
    points.add(point);
    values.add(point.date(), point.value());
  }

  private static void assertWindow(
      final DatedValues values,
      final List<Point> points,
      final LocalDate from,
      final LocalDate until) {
    final double[] sorted =
        points.stream()
            .filter(p -> !p.date().isBefore(from) && p.date().isBefore(until))
            .mapToDouble(Point::value)
            .sorted()
            .toArray();
    final DatedValues.Window window = values.window(from, until);
    assertThat(window.size()).isEqualTo(sorted.length);
    for (int k = 0; k < sorted.length; k += 1 + sorted.length / 20) {
      assertThat(window.valueAt(k)).isEqualTo(sorted[k]);
    }
    if (sorted.length == 0) {
      return;
    }
    final int n = sorted.length;
    final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    assertThat(window.median()).isEqualTo(median);
    final double limit = sorted[n / 3];
    assertThat(window.countAtMost(limit))
        .isEqualTo((int) Arrays.stream(sorted).filter(v -> v <= limit).count());
    final double mean = Arrays.stream(sorted).average().orElseThrow();
    final double variance = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / n;
    assertThat(window.mean()).isCloseTo(mean, within(1e-12 * mean));
    assertThat(window.variance()).isCloseTo(variance, within(1e-10 * variance + 1e-12));
  }
}
