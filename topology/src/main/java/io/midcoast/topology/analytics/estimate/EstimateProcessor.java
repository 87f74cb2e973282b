package io.midcoast.topology.analytics.estimate;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.EstimateInput;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.topology.monitor.StageCounters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The estimate stage, keyed by propertyId and partitioned by market ({@link MarketPartitioner}):
 * one task holds every property of a city, the sale points behind its regional indexes, and the
 * market's event-time clock ({@link EstimateRules}). This class opens the stage's stores, keeps the
 * properties, the market clocks and the published estimates and scores, and routes each property
 * change, in this order:
 *
 * <ol>
 *   <li>to {@link RegionIndexKeeper#apply}: the market's sale points and subdivision members;
 *   <li>to {@link AccuracySampler#update}: samples of the property's sales, forwarded per region;
 *   <li>when the clock moved or a sale before it changed, to {@link RegionIndexKeeper#refresh}: the
 *       members of every subdivision whose index changed materially are re-estimated in one model
 *       call;
 *   <li>the property itself is estimated as of its own event date.
 * </ol>
 *
 * <p>Each estimate is valued by the {@link Estimator}, published when it changed materially (and
 * remembered by the sampler), and then scored by the {@link Scorer}, published when the score
 * changed ({@link EstimateOutput}).
 */
public final class EstimateProcessor
    implements Processor<String, EstimateInput, String, EstimateOutput> {

  /** Stage name in counters and logs. */
  public static final String STAGE = "estimates";

  /** Names of the stores this stage uses. */
  public record Stores(
      String properties,
      String members,
      String salePoints,
      String clocks,
      String regionIndex,
      String estimates,
      String scores,
      String samples,
      String history) {}

  private final StageCounters counters;
  private final Estimator estimator;
  private final Stores names;
  private ProcessorContext<String, EstimateOutput> context;
  private KeyValueStore<String, Property> properties;
  private KeyValueStore<String, Long> clocks;
  private KeyValueStore<String, PriceEstimate> estimates;
  private KeyValueStore<String, PropertyScore> scores;
  private RegionIndexKeeper regions;
  private AccuracySampler sampler;

  /**
   * @param counters stage counters
   * @param model the price model
   * @param names the stores
   */
  public EstimateProcessor(
      final StageCounters counters, final PriceModel model, final Stores names) {
    this.counters = counters;
    this.estimator = new Estimator(model);
    this.names = names;
  }

  @Override
  public void init(final ProcessorContext<String, EstimateOutput> context) {
    this.context = context;
    this.properties = context.getStateStore(names.properties());
    this.clocks = context.getStateStore(names.clocks());
    this.estimates = context.getStateStore(names.estimates());
    this.scores = context.getStateStore(names.scores());
    this.regions =
        new RegionIndexKeeper(
            new SalePoints(context.getStateStore(names.salePoints())),
            context.getStateStore(names.members()),
            context.getStateStore(names.regionIndex()));
    this.sampler =
        new AccuracySampler(
            context.getStateStore(names.samples()), context.getStateStore(names.history()));
  }

  @Override
  public void process(final Record<String, EstimateInput> record) {
    final String propertyId = record.key();
    final EstimateInput input = record.value();
    if (propertyId == null || input == null) {
      return;
    }
    final String market = input.getMarket();
    final Property next = input.getProperty();
    final Property previous = properties.get(propertyId);
    final Long storedClock = clocks.get(market);
    final LocalDate clockBefore = storedClock == null ? null : LocalDate.ofEpochDay(storedClock);
    final LocalDate clock =
        next == null ? clockBefore : max(clockBefore, EstimateRules.date(next.getUpdatedAt()));
    final Map<String, RegionStats> stats = new HashMap<>();

    final boolean pointsChanged = regions.apply(market, propertyId, previous, next, clock);
    for (final KeyValue<String, AccuracyContribution> sample :
        sampler.update(propertyId, previous, next)) {
      context.forward(
          record
              .withKey(sample.key)
              .withValue(new EstimateOutput(EstimateOutput.Kind.ACCURACY, sample.value)));
    }
    if (next == null) {
      properties.delete(propertyId);
      estimates.delete(propertyId);
      sampler.forget(propertyId);
      scores.delete(propertyId);
      if (!input.getMoved() && previous != null) {
        forward(record, propertyId, EstimateOutput.Kind.ESTIMATE, null);
        forward(record, propertyId, EstimateOutput.Kind.SCORE, null);
      }
    } else {
      properties.put(propertyId, next);
    }
    if (clock == null) {
      return;
    }
    final boolean clockMoved = clockBefore == null || clock.isAfter(clockBefore);
    if (clockMoved) {
      clocks.put(market, clock.toEpochDay());
    }
    final Set<String> done = new HashSet<>();
    if (clockMoved || pointsChanged) {
      regions.refresh(
          market,
          clock,
          (index, members) ->
              estimate(record, market, present(members, done), index, clock, stats, false));
    }
    if (next != null) {
      // the change itself is valued as of its own event date: with several upstream partitions
      // the market clock can run ahead of a change that was in flight
      final LocalDate asOf = EstimateRules.date(next.getUpdatedAt());
      if (!done.contains(propertyId) || !asOf.equals(clock)) {
        final RegionIndex index = regions.current(market, next, asOf);
        estimate(
            record, market, List.of(KeyValue.pair(propertyId, next)), index, asOf, stats, true);
      }
    }
  }

  /** The stored properties of {@code ids} (those still present), each noted in {@code done}. */
  private List<KeyValue<String, Property>> present(final List<String> ids, final Set<String> done) {
    final List<KeyValue<String, Property>> group = new ArrayList<>(ids.size());
    for (final String propertyId : ids) {
      final Property property = properties.get(propertyId);
      if (property != null) {
        group.add(KeyValue.pair(propertyId, property));
        done.add(propertyId);
      }
    }
    return group;
  }

  /**
   * Values {@code group} in one model call; publishes each estimate that changed, and each score
   * that changed among the properties whose estimate changed (all of them when {@code
   * propertyChanged}).
   */
  private void estimate(
      final Record<String, EstimateInput> record,
      final String market,
      final List<KeyValue<String, Property>> group,
      final RegionIndex index,
      final LocalDate asOf,
      final Map<String, RegionStats> stats,
      final boolean propertyChanged) {
    if (group.isEmpty()) {
      return;
    }
    final List<Property> members = new ArrayList<>(group.size());
    group.forEach(member -> members.add(member.value));
    final List<Optional<Estimator.Valuation>> valuations = estimator.value(members, index, asOf);
    for (int i = 0; i < group.size(); i++) {
      final String propertyId = group.get(i).key;
      final Property property = group.get(i).value;
      final PriceEstimate previous = estimates.get(propertyId);
      PriceEstimate current = previous;
      final Optional<PriceEstimate> changed =
          valuations.get(i).flatMap(valuation -> estimator.publishable(previous, valuation));
      if (changed.isPresent()) {
        current = changed.get();
        estimates.put(propertyId, current);
        sampler.remember(current, EstimateRules.date(property.getUpdatedAt()));
        forward(record, propertyId, EstimateOutput.Kind.ESTIMATE, current);
      }
      if (current != previous || propertyChanged) {
        final Optional<PropertyScore> score =
            Scorer.rescore(
                scores.get(propertyId),
                property,
                current,
                asOf,
                regions.stats(market, property, asOf, stats));
        if (score.isPresent()) {
          scores.put(propertyId, score.get());
          forward(record, propertyId, EstimateOutput.Kind.SCORE, score.get());
        }
      }
    }
  }

  private void forward(
      final Record<String, EstimateInput> record,
      final String propertyId,
      final EstimateOutput.Kind kind,
      final SpecificRecord value) {
    context.forward(record.withKey(propertyId).withValue(new EstimateOutput(kind, value)));
    counters.recordOut(STAGE);
  }

  private static LocalDate max(final LocalDate a, final LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
