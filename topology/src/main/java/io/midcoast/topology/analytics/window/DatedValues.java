package io.midcoast.topology.analytics.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A multiset of dated values — a date and a {@code double} each, duplicates allowed — that answers
 * for any window of dates {@code [from, until)} without copying or sorting it: how many values it
 * holds, its k-th smallest value and so its exact median, how many are at most a limit, and the
 * mean and population variance of its values ({@link Window}).
 *
 * <p>The values are kept in ascending order ({@link Double#compare}, then date), cut into blocks of
 * at most B = max({@value #MIN_MAX_BLOCK}, √(16 n)) values; each block also keeps its points in
 * date order with prefix sums of their values. Opening a window costs two binary searches in each
 * of the about n / B blocks, its k-th value a pass over the blocks' counts plus a scan of one
 * block, an insertion or removal a binary search over the blocks and a move within one block: O(√n
 * log n) per operation, never a pass over the window. With 20,000 values that is a few thousand
 * array reads or moves where a sort of the window makes hundreds of thousands of comparisons;
 * {@link #work()} counts them.
 *
 * <p>The k-th value is exact (the value a sort would put at index k). The mean and variance come
 * from the prefix sums, each block's around its own middle value, combined block by block (Chan et
 * al.'s pairwise formula): they agree with a two-pass computation over the sorted window to about
 * 1e-12 relative, and are exactly the value and 0 when every value of the window is the same. Not
 * thread-safe; a window reads the multiset as it is, so it is not to be used after a change.
 */
public final class DatedValues {

  /**
   * Most values in one block while the multiset holds at most 16,384 values; beyond, √(16 n), so
   * that the blocks to visit (about n / B) and the values to scan in one (B) both grow as √n.
   */
  public static final int MIN_MAX_BLOCK = 512;

  private static final int FIRST_CAPACITY = 8;

  /** A variance this small relative to the mean squared may be rounding alone. */
  private static final double NEARLY_NO_VARIANCE = 1e-20;

  private final List<Block> blocks = new ArrayList<>();
  private int size;
  private long work;

  /** Adds one value dated {@code date}. */
  public void add(final LocalDate date, final double value) {
    final int day = Math.toIntExact(date.toEpochDay());
    if (blocks.isEmpty()) {
      blocks.add(new Block());
    }
    final int b = blockOf(value, day);
    final Block block = blocks.get(b);
    block.insert(value, day);
    size++;
    if (block.n > maxBlock()) {
      final int half = block.n / 2;
      blocks.set(b, slice(block, 0, half));
      blocks.add(b + 1, slice(block, half, block.n));
      work += block.n;
    }
  }

  /** Removes one value dated {@code date}; false (and nothing changed) when there is none. */
  public boolean remove(final LocalDate date, final double value) {
    if (blocks.isEmpty()) {
      return false;
    }
    final int day = Math.toIntExact(date.toEpochDay());
    final int b = blockOf(value, day);
    final Block block = blocks.get(b);
    if (!block.delete(value, day)) {
      return false;
    }
    size--;
    if (block.n == 0) {
      blocks.remove(b);
    } else if (block.n < maxBlock() / 8) {
      mergeWithANeighbour(b);
    }
    return true;
  }

  /** How many values there are, of every date. */
  public int size() {
    return size;
  }

  /** The latest date of a value, null when there is none. */
  public LocalDate lastDate() {
    if (blocks.isEmpty()) {
      return null;
    }
    int last = Integer.MIN_VALUE;
    for (final Block block : blocks) {
      last = Math.max(last, block.dates[block.n - 1]);
      work++;
    }
    return LocalDate.ofEpochDay(last);
  }

  /**
   * The values dated in {@code [from, until)}; {@link LocalDate#MIN} as {@code from} means every
   * value before {@code until}.
   */
  public Window window(final LocalDate from, final LocalDate until) {
    return new Window(day(from), day(until));
  }

  /**
   * The array reads and moves done so far (binary-search probes, values scanned, elements moved):
   * what a test or a benchmark bounds to show the cost of an operation without timing it.
   */
  public long work() {
    return work;
  }

  /** The first block whose last point is not before {@code (value, day)}, else the last block. */
  private int blockOf(final double value, final int day) {
    return lowerBound(
        blocks.size() - 1,
        b -> {
          final Block block = blocks.get(b);
          return compare(block.values[block.n - 1], block.days[block.n - 1], value, day) < 0;
        });
  }

  /**
   * The first index in {@code [0, n)} that is not {@code before}, else {@code n}; {@code before}
   * holds for a prefix of the indexes.
   */
  private int lowerBound(final int n, final IntPredicate before) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      work++;
      if (before.test(mid)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void mergeWithANeighbour(final int b) {
    final Block block = blocks.get(b);
    final Block left = b > 0 ? blocks.get(b - 1) : null;
    final Block right = b + 1 < blocks.size() ? blocks.get(b + 1) : null;
    final boolean withLeft = left != null && (right == null || left.n <= right.n);
    final Block first = withLeft ? left : block;
    final Block second = withLeft ? block : right;
    if (second == null || first.n + second.n > maxBlock()) {
      return;
    }
    final int at = withLeft ? b - 1 : b;
    blocks.set(at, concat(first, second));
    blocks.remove(at + 1);
    work += first.n + second.n;
  }

  /** The most values a block may hold now; a fuller one is split in halves. */
  private int maxBlock() {
    return Math.max(MIN_MAX_BLOCK, (int) Math.sqrt(16.0 * size));
  }

  private static int day(final LocalDate date) {
    final long day = date.toEpochDay();
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, day));
  }

  /** Order by value ({@link Double#compare}), then date. */
  private static int compare(
      final double value, final int day, final double otherValue, final int otherDay) {
    final int byValue = Double.compare(value, otherValue);
    return byValue != 0 ? byValue : Integer.compare(day, otherDay);
  }

  /** Order by date, then value. */
  private static int compareDated(
      final int day, final double value, final int otherDay, final double otherValue) {
    final int byDay = Integer.compare(day, otherDay);
    return byDay != 0 ? byDay : Double.compare(value, otherValue);
  }

  /**
   * The values dated in one window of dates, as the multiset was when it was opened: every block's
   * range of points in the window is found once, then each question reads only what it needs.
   */
  public final class Window {
    private final int from;
    private final int until;
    private final int[] lows;
    private final int[] highs;
    private final int count;

    private Window(final int from, final int until) {
      this.from = from;
      this.until = until;
      this.lows = new int[blocks.size()];
      this.highs = new int[blocks.size()];
      int total = 0;
      for (int b = 0; b < blocks.size(); b++) {
        final Block block = blocks.get(b);
        lows[b] = block.firstDatedFrom(from);
        highs[b] = from >= until ? lows[b] : block.firstDatedFrom(until);
        total += highs[b] - lows[b];
      }
      this.count = total;
    }

    /** How many values the window holds. */
    public int size() {
      return count;
    }

    /** The k-th smallest value (0-based): what a sort of the window puts at index {@code k}. */
    public double valueAt(final int k) {
      if (k < 0 || k >= count) {
        throw new IndexOutOfBoundsException("value " + k + " of a window of " + count);
      }
      int rest = k;
      for (int b = 0; ; b++) {
        work++;
        final int inBlock = highs[b] - lows[b];
        if (rest < inBlock) {
          return blocks.get(b).valueAt(rest, from, until);
        }
        rest -= inBlock;
      }
    }

    /**
     * The median (the window must not be empty): the middle value, the mean of the two middle
     * values of an even count.
     */
    public double median() {
      return count % 2 == 1
          ? valueAt(count / 2)
          : (valueAt(count / 2 - 1) + valueAt(count / 2)) / 2.0;
    }

    /** How many values of the window are at most {@code limit} ({@link Double#compare}). */
    public int countAtMost(final double limit) {
      int total = 0;
      for (int b = 0; b < lows.length; b++) {
        work++;
        final Block block = blocks.get(b);
        if (Double.compare(block.values[0], limit) > 0) {
          break;
        }
        total +=
            Double.compare(block.values[block.n - 1], limit) <= 0
                ? highs[b] - lows[b]
                : block.countAtMost(limit, from, until);
      }
      return total;
    }

    /** The mean of the window's values (NaN when empty). */
    public double mean() {
      return moments()[0];
    }

    /** The population variance of the window's values (NaN when empty). */
    public double variance() {
      return moments()[1] / count;
    }

    /** {mean, sum of squared deviations from it}. */
    private double[] moments() {
      if (count == 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      long n = 0;
      double mean = 0.0;
      double squares = 0.0;
      for (int b = 0; b < lows.length; b++) {
        work++;
        final int inBlock = highs[b] - lows[b];
        if (inBlock == 0) {
          continue;
        }
        final Block block = blocks.get(b);
        final double sum = block.sums[highs[b]] - block.sums[lows[b]];
        final double sumOfSquares = block.squares[highs[b]] - block.squares[lows[b]];
        final double blockMean = block.reference + sum / inBlock;
        final double blockSquares = Math.max(0.0, sumOfSquares - sum * sum / inBlock);
        final long combined = n + inBlock;
        final double delta = blockMean - mean;
        mean += delta * inBlock / combined;
        squares += blockSquares + delta * delta * n * inBlock / combined;
        n = combined;
      }
      if (squares <= NEARLY_NO_VARIANCE * mean * mean * count) {
        // rounding can leave a trace where every value is the same: then the answer is exact
        final double smallest = valueAt(0);
        if (Double.compare(smallest, valueAt(count - 1)) == 0) {
          return new double[] {smallest, 0.0};
        }
      }
      return new double[] {mean, squares};
    }
  }

  /**
   * One block: its points in value order ({@code values}, {@code days}) and in date order ({@code
   * dates}, {@code valuesByDate}), with prefix sums over the date order of each value's difference
   * from the block's middle value when it was made ({@code reference}; its values stay within its
   * neighbours' range) and of its square.
   */
  private final class Block {
    private double[] values = new double[FIRST_CAPACITY];
    private int[] days = new int[FIRST_CAPACITY];
    private int[] dates = new int[FIRST_CAPACITY];
    private double[] valuesByDate = new double[FIRST_CAPACITY];
    private double[] sums = new double[FIRST_CAPACITY + 1];
    private double[] squares = new double[FIRST_CAPACITY + 1];
    private double reference;
    private int n;

    void insert(final double value, final int day) {
      ensureCapacity(n + 1);
      final int at = valuePosition(value, day);
      System.arraycopy(values, at, values, at + 1, n - at);
      System.arraycopy(days, at, days, at + 1, n - at);
      values[at] = value;
      days[at] = day;
      final int dated = datePosition(day, value);
      System.arraycopy(dates, dated, dates, dated + 1, n - dated);
      System.arraycopy(valuesByDate, dated, valuesByDate, dated + 1, n - dated);
      dates[dated] = day;
      valuesByDate[dated] = value;
      work += 2L * n - at - dated;
      if (n == 0) {
        reference = value;
      }
      n++;
      sumFrom(dated);
    }

    boolean delete(final double value, final int day) {
      final int at = valuePosition(value, day);
      if (at == n || compare(values[at], days[at], value, day) != 0) {
        return false;
      }
      System.arraycopy(values, at + 1, values, at, n - at - 1);
      System.arraycopy(days, at + 1, days, at, n - at - 1);
      final int dated = datePosition(day, value);
      System.arraycopy(dates, dated + 1, dates, dated, n - dated - 1);
      System.arraycopy(valuesByDate, dated + 1, valuesByDate, dated, n - dated - 1);
      work += 2L * n - at - dated;
      n--;
      sumFrom(dated);
      return true;
    }

    /** The first index in value order whose point is not before {@code (value, day)}. */
    private int valuePosition(final double value, final int day) {
      return lowerBound(n, i -> compare(values[i], days[i], value, day) < 0);
    }

    /** The first index in date order whose point is not before {@code (day, value)}. */
    private int datePosition(final int day, final double value) {
      return lowerBound(n, i -> compareDated(dates[i], valuesByDate[i], day, value) < 0);
    }

    /** The first index in date order dated {@code day} or later. */
    int firstDatedFrom(final int day) {
      return lowerBound(n, i -> dates[i] < day);
    }

    /** The k-th smallest of the block's values dated in {@code [from, until)}. */
    double valueAt(final int k, final int from, final int until) {
      int rest = k;
      for (int i = 0; i < n; i++) {
        work++;
        if (days[i] >= from && days[i] < until && rest-- == 0) {
          return values[i];
        }
      }
      throw new IllegalStateException("block holds fewer values in the window than counted");
    }

    int countAtMost(final double limit, final int from, final int until) {
      int total = 0;
      for (int i = 0; i < n && Double.compare(values[i], limit) <= 0; i++) {
        work++;
        if (days[i] >= from && days[i] < until) {
          total++;
        }
      }
      return total;
    }

    /** Recomputes the prefix sums from date position {@code from} on. */
    private void sumFrom(final int from) {
      for (int i = from; i < n; i++) {
        final double difference = valuesByDate[i] - reference;
        sums[i + 1] = sums[i] + difference;
        squares[i + 1] = squares[i] + difference * difference;
      }
      work += n - from;
    }

    private void ensureCapacity(final int needed) {
      if (needed <= values.length) {
        return;
      }
      final int capacity = Math.max(needed, 2 * values.length);
      values = Arrays.copyOf(values, capacity);
      days = Arrays.copyOf(days, capacity);
      dates = Arrays.copyOf(dates, capacity);
      valuesByDate = Arrays.copyOf(valuesByDate, capacity);
      sums = Arrays.copyOf(sums, capacity + 1);
      squares = Arrays.copyOf(squares, capacity + 1);
    }
  }

  /** A new block of {@code block}'s points {@code [from, to)} in value order. */
  private Block slice(final Block block, final int from, final int to) {
    return ofPoints(
        Arrays.copyOfRange(block.values, from, to), Arrays.copyOfRange(block.days, from, to));
  }

  /** A new block of {@code first}'s points followed by {@code second}'s. */
  private Block concat(final Block first, final Block second) {
    final double[] values = Arrays.copyOf(first.values, first.n + second.n);
    final int[] days = Arrays.copyOf(first.days, first.n + second.n);
    System.arraycopy(second.values, 0, values, first.n, second.n);
    System.arraycopy(second.days, 0, days, first.n, second.n);
    return ofPoints(values, days);
  }

  /** A block of the given points, already in value order. */
  private Block ofPoints(final double[] sortedValues, final int[] valueDays) {
    final int count = sortedValues.length;
    final Block block = new Block();
    block.ensureCapacity(Math.max(count, FIRST_CAPACITY));
    System.arraycopy(sortedValues, 0, block.values, 0, count);
    System.arraycopy(valueDays, 0, block.days, 0, count);
    final int[] order =
        IntStream.range(0, count)
            .boxed()
            .sorted(
                Comparator.<Integer>comparingInt(i -> valueDays[i])
                    .thenComparing(i -> sortedValues[i], Double::compare))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i = 0; i < count; i++) {
      block.dates[i] = valueDays[order[i]];
      block.valuesByDate[i] = sortedValues[order[i]];
    }
    block.n = count;
    block.reference = count == 0 ? 0.0 : sortedValues[count / 2];
    block.sumFrom(0);
    work += count;
    return block;
  }
}
