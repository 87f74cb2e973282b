package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.Sale;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Live accuracy at the source: keeps the newest published estimates of each property under their
 * valuation dates (key {@code propertyId␟asOf}), and one {@link AccuracySample} per sale (key
 * {@code propertyId␟closeDate}): the last estimate made before the close against the close price.
 * Each change of a sample is returned as signed contributions to its regions ({@link #regions}),
 * which the accuracy stage ({@link AccuracyProcessor}) aggregates.
 */
public final class AccuracySampler {

  /**
   * Two closes of one property at most this many days apart are one sale (as ingest merges them).
   */
  public static final int SAME_SALE_DAYS = 7;

  /** Estimates kept per property for {@link #priorEstimate}, newest valuation dates. */
  public static final int HISTORY_SIZE = 8;

  /** Accuracy region of every sample. */
  public static final String ALL_REGIONS = "all";

  private static final char SEP = '\u001f';
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, AccuracySample> samples;
  private final KeyValueStore<String, PriceEstimate> history;

  /**
   * @param samples the sample per {@code propertyId␟closeDate}
   * @param history the published estimates per {@code propertyId␟asOf}
   */
  public AccuracySampler(
      final KeyValueStore<String, AccuracySample> samples,
      final KeyValueStore<String, PriceEstimate> history) {
    this.samples = samples;
    this.history = history;
  }

  /**
   * Records, retracts or corrects the samples of a property's change: a sale new to the property
   * adds a sample when an estimate valued on or before its close date was published (the latest
   * such is measured); a changed close price corrects it; a sale that disappears retracts it; a
   * sale whose date moved by at most {@value #SAME_SALE_DAYS} days keeps it. Returns the
   * contributions to forward, keyed by region, in order: a retraction (-1) before its replacement
   * (+1).
   */
  public List<KeyValue<String, AccuracyContribution>> update(
      final String propertyId, final Property previous, final Property next) {
    final List<KeyValue<String, AccuracyContribution>> out = new ArrayList<>();
    final Map<LocalDate, Long> before = closes(previous);
    final Map<LocalDate, Long> after = closes(next);
    final Set<LocalDate> dates = new TreeSet<>(before.keySet());
    dates.addAll(after.keySet());
    dates.removeAll(moveSamples(propertyId, before, after, out));
    for (final LocalDate date : dates) {
      final PriceEstimate prior = priorEstimate(propertyId, date);
      final String key = propertyId + SEP + date;
      final AccuracySample sample = samples.get(key);
      final Long price = after.get(date);
      if (price == null) {
        if (sample != null) {
          samples.delete(key);
          contribute(out, sample, -1);
        }
      } else if (sample != null) {
        if (sample.getClosePriceCents() != price) {
          contribute(out, sample, -1);
          final AccuracySample corrected =
              AccuracySample.newBuilder(sample).setClosePriceCents(price).build();
          samples.put(key, corrected);
          contribute(out, corrected, +1);
        }
      } else if (!before.containsKey(date) && prior != null) {
        final AccuracySample added =
            AccuracySample.newBuilder()
                .setPropertyId(propertyId)
                .setCloseDate(date)
                .setClosePriceCents(price)
                .setEstimateCents(prior.getEstimateCents())
                .setLowCents(prior.getLowCents())
                .setHighCents(prior.getHighCents())
                .setEstimateAsOf(prior.getAsOf())
                .setModelVersion(prior.getModelVersion())
                .setCity(next.getAddress().getCity())
                .setSubdivision(next.getAddress().getSubdivision())
                .build();
        samples.put(key, added);
        contribute(out, added, +1);
      }
    }
    return out;
  }

  /**
   * Keeps the sample of a sale whose close date moved (an MLS close and a county deed of one sale
   * merged under the other's date, at most {@value #SAME_SALE_DAYS} days apart): the sample follows
   * the sale to its new date and price. Returns the dates handled.
   */
  private Set<LocalDate> moveSamples(
      final String propertyId,
      final Map<LocalDate, Long> before,
      final Map<LocalDate, Long> after,
      final List<KeyValue<String, AccuracyContribution>> out) {
    final Set<LocalDate> handled = new HashSet<>();
    for (final LocalDate gone : before.keySet()) {
      final AccuracySample sample =
          after.containsKey(gone) ? null : samples.get(propertyId + SEP + gone);
      if (sample == null) {
        continue;
      }
      for (final LocalDate added : after.keySet()) {
        if (!before.containsKey(added)
            && !handled.contains(added)
            && Math.abs(added.toEpochDay() - gone.toEpochDay()) <= SAME_SALE_DAYS) {
          samples.delete(propertyId + SEP + gone);
          contribute(out, sample, -1);
          final AccuracySample moved =
              AccuracySample.newBuilder(sample)
                  .setCloseDate(added)
                  .setClosePriceCents(after.get(added))
                  .build();
          samples.put(propertyId + SEP + added, moved);
          contribute(out, moved, +1);
          handled.add(gone);
          handled.add(added);
          break;
        }
      }
    }
    return handled;
  }

  /**
   * Keeps a published estimate under its valuation date and drops the ones no sale can need: all
   * but the newest {@value #HISTORY_SIZE}, except the newest one valued on or before {@code
   * propertyDate}. A later sale of the property closes on or after its own latest event date, so
   * that estimate stays the one to measure when re-estimates of the market (valued as of a market
   * clock that other partitions moved past the property's own events) push the estimates made while
   * it was listed out of the newest few.
   *
   * @param estimate the published estimate
   * @param propertyDate the event date of the property's latest change (its own clock)
   */
  public void remember(final PriceEstimate estimate, final LocalDate propertyDate) {
    final String prefix = estimate.getPropertyId() + SEP;
    history.put(prefix + estimate.getAsOf(), estimate);
    final List<String> keys = new ArrayList<>();
    String anchor = null;
    try (KeyValueIterator<String, PriceEstimate> it =
        history.reverseRange(prefix, prefix + '\uffff')) {
      while (it.hasNext()) {
        final KeyValue<String, PriceEstimate> kv = it.next();
        keys.add(kv.key);
        if (anchor == null && !kv.value.getAsOf().isAfter(propertyDate)) {
          anchor = kv.key;
        }
      }
    }
    final List<String> dropped = keys.subList(Math.min(HISTORY_SIZE, keys.size()), keys.size());
    for (final String key : dropped) {
      if (!key.equals(anchor)) {
        history.delete(key);
      }
    }
  }

  /** Drops the estimates kept for a property that is gone. */
  public void forget(final String propertyId) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, PriceEstimate> it = history.prefixScan(propertyId + SEP, KEYS)) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(history::delete);
  }

  /**
   * The last estimate made before a close: the published estimate of the property with the latest
   * valuation date not after {@code closeDate}; null when none.
   */
  private PriceEstimate priorEstimate(final String propertyId, final LocalDate closeDate) {
    final String prefix = propertyId + SEP;
    try (KeyValueIterator<String, PriceEstimate> it =
        history.reverseRange(prefix, prefix + closeDate)) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  /** Close date → close price of a property's sales (the latest-listed sale of a date wins). */
  private static Map<LocalDate, Long> closes(final Property property) {
    final Map<LocalDate, Long> closes = new TreeMap<>();
    if (property != null) {
      for (final Sale sale : property.getSales()) {
        closes.put(sale.getCloseDate(), sale.getClosePriceCents());
      }
    }
    return closes;
  }

  /**
   * The regions a sample counts in: {@value #ALL_REGIONS}, {@code city:<city>} and {@code
   * subdivision:<name>} (those it has).
   */
  public static List<String> regions(final AccuracySample sample) {
    final List<String> regions = new ArrayList<>(3);
    regions.add(ALL_REGIONS);
    if (sample.getCity() != null) {
      regions.add("city:" + sample.getCity());
    }
    if (sample.getSubdivision() != null) {
      regions.add("subdivision:" + sample.getSubdivision());
    }
    return regions;
  }

  private static void contribute(
      final List<KeyValue<String, AccuracyContribution>> out,
      final AccuracySample sample,
      final int delta) {
    final AccuracyContribution contribution = new AccuracyContribution(delta, sample);
    for (final String region : regions(sample)) {
      out.add(KeyValue.pair(region, contribution));
    }
  }
}
