package io.midcoast.topology.analytics;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestFixtures;
import io.midcoast.topology.monitor.StageCounters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A driver around the estimates topology fed with hand-built properties. */
final class EstimateFixtures implements AutoCloseable {

  static final PriceModel MODEL = PriceModel.loadBundled();

  final TopologyTestDriver driver;
  final TestInputTopic<String, Property> properties;
  final TestOutputTopic<String, PriceEstimate> estimates;
  final TestOutputTopic<String, PropertyScore> scores;
  final TestOutputTopic<String, EstimateAccuracy> accuracy;

  EstimateFixtures() {
    driver =
        new TopologyTestDriver(
            EstimateTopology.topology(StageCounters.none(), MODEL),
            IngestFixtures.streamsProperties(StageCounters.none()),
            TrendFixtures.NOW);
    properties =
        driver.createInputTopic(
            Topics.PROPERTY_STATE.name(),
            new StringSerializer(),
            Topics.PROPERTY_STATE.valueSerde().serializer());
    estimates =
        driver.createOutputTopic(
            Topics.ANALYTICS_ESTIMATE.name(),
            new StringDeserializer(),
            Topics.ANALYTICS_ESTIMATE.valueSerde().deserializer());
    scores =
        driver.createOutputTopic(
            Topics.ANALYTICS_SCORE.name(),
            new StringDeserializer(),
            Topics.ANALYTICS_SCORE.valueSerde().deserializer());
    accuracy =
        driver.createOutputTopic(
            Topics.ANALYTICS_ESTIMATE_ACCURACY.name(),
            new StringDeserializer(),
            Topics.ANALYTICS_ESTIMATE_ACCURACY.valueSerde().deserializer());
  }

  void put(final Property property) {
    properties.pipeInput(property.getPropertyId(), property, TrendFixtures.NOW);
  }

  void delete(final String propertyId) {
    properties.pipeInput(propertyId, null, TrendFixtures.NOW);
  }

  /** The latest estimate published per property (records read and removed). */
  Map<String, PriceEstimate> publishedEstimates() {
    return latest(estimates.readKeyValuesToList());
  }

  /** The latest score published per property (records read and removed). */
  Map<String, PropertyScore> publishedScores() {
    return latest(scores.readKeyValuesToList());
  }

  /** The latest accuracy published per region (records read and removed). */
  Map<String, EstimateAccuracy> publishedAccuracy() {
    return latest(accuracy.readKeyValuesToList());
  }

  PriceEstimate storedEstimate(final String propertyId) {
    return driver.<String, PriceEstimate>getKeyValueStore(StoreNames.ESTIMATE).get(propertyId);
  }

  private static <V> Map<String, V> latest(final List<KeyValue<String, V>> records) {
    final Map<String, V> latest = new TreeMap<>();
    records.forEach(kv -> latest.put(kv.key, kv.value));
    return latest;
  }

  @Override
  public void close() {
    driver.close();
  }

  /** A North_Ames house listed (Active) at {@code listCents}, last modified {@code date}. */
  static Property listedHouse(final String id, final long listCents, final String date) {
    final Listing listing =
        Listing.newBuilder()
            .setListingKey("L-" + id)
            .setStandardStatus(ListingStatus.ACTIVE)
            .setListPriceCents(listCents)
            .setOriginalListPriceCents(listCents)
            .setListingContractDate(LocalDate.parse(date))
            .setModificationTimestamp(Instant.parse(date + "T12:00:00Z"))
            .build();
    return TrendFixtures.house(id)
        .setListing(listing)
        .setUpdatedAt(Instant.parse(date + "T12:00:00Z"))
        .build();
  }

  /** {@link TrendFixtures#closedHouse} with updatedAt at its close. */
  static Property closedHouse(final String id, final long closeCents, final String closeDate) {
    final Property closed =
        TrendFixtures.closedHouse(id, closeCents, closeCents, "2020-01-01", closeDate);
    return Property.newBuilder(closed)
        .setUpdatedAt(Instant.parse(closeDate + "T12:00:00Z"))
        .build();
  }
}
