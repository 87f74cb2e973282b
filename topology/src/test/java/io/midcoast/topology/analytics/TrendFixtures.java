package io.midcoast.topology.analytics;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestFixtures;
import io.midcoast.topology.monitor.StageCounters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A driver around the trend topology fed with hand-built properties, fixed timestamps. */
final class TrendFixtures implements AutoCloseable {

  static final Instant NOW = IngestFixtures.NOW;

  final TopologyTestDriver driver;
  final TestInputTopic<String, Property> properties;
  final TestOutputTopic<String, TrendCell> trends;

  TrendFixtures() {
    driver =
        new TopologyTestDriver(
            TrendTopology.topology(StageCounters.none()),
            IngestFixtures.streamsProperties(StageCounters.none()),
            NOW);
    properties =
        driver.createInputTopic(
            Topics.PROPERTY_STATE.name(),
            new StringSerializer(),
            Topics.PROPERTY_STATE.valueSerde().serializer());
    trends =
        driver.createOutputTopic(
            Topics.ANALYTICS_TREND.name(),
            new StringDeserializer(),
            Topics.ANALYTICS_TREND.valueSerde().deserializer());
  }

  void put(final Property property) {
    properties.pipeInput(property.getPropertyId(), property, NOW);
  }

  void delete(final String propertyId) {
    properties.pipeInput(propertyId, null, NOW);
  }

  /** The cell in the queryable trend store, or null. */
  TrendCell cell(final String key) {
    return store().get(key);
  }

  /** Every cell in the trend store, by key. */
  Map<String, TrendCell> cells() {
    final Map<String, TrendCell> all = new TreeMap<>();
    try (KeyValueIterator<String, TrendCell> it = store().all()) {
      it.forEachRemaining(kv -> all.put(kv.key, kv.value));
    }
    return all;
  }

  /** Every record now on analytics.trend (read and removed). */
  List<KeyValue<String, TrendCell>> published() {
    return trends.readKeyValuesToList();
  }

  private KeyValueStore<String, TrendCell> store() {
    return driver.getKeyValueStore(StoreNames.TREND);
  }

  @Override
  public void close() {
    driver.close();
  }

  /** A property in 50010 / AMES / North_Ames with 1,500 sq ft and no listing or sale. */
  static Property.Builder house(final String id) {
    return Property.newBuilder()
        .setPropertyId(id)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(
            Address.newBuilder()
                .setPostalCode("50010")
                .setCity("AMES")
                .setSubdivision("North_Ames")
                .build())
        .setCharacteristics(Characteristics.newBuilder().setLivingAreaSqft(1500).build())
        .setSales(new ArrayList<>())
        .setSources(new ArrayList<>())
        .setUpdatedAt(NOW);
  }

  /** A closed MLS listing and its sale: listed at {@code listCents} on {@code onMarket}. */
  static Property closedHouse(
      final String id,
      final long closeCents,
      final long listCents,
      final String onMarket,
      final String closeDate) {
    final Listing listing =
        Listing.newBuilder()
            .setListingKey("L-" + id)
            .setStandardStatus(ListingStatus.CLOSED)
            .setListPriceCents(listCents)
            .setClosePriceCents(closeCents)
            .setCloseDate(LocalDate.parse(closeDate))
            .setOnMarketDate(LocalDate.parse(onMarket))
            .setModificationTimestamp(Instant.parse(closeDate + "T12:00:00Z"))
            .build();
    final Sale sale = mlsSale("L-" + id, closeDate, closeCents);
    return house(id).setListing(listing).setSales(List.of(sale)).setLastSale(sale).build();
  }

  static Sale mlsSale(final String listingKey, final String date, final long cents) {
    return Sale.newBuilder()
        .setSource(SourceFeed.RESO)
        .setSourceKey("reso:" + listingKey)
        .setCloseDate(LocalDate.parse(date))
        .setClosePriceCents(cents)
        .build();
  }

  static Sale countySale(final String apn, final String date, final long cents) {
    return Sale.newBuilder()
        .setSource(SourceFeed.COUNTY)
        .setSourceKey("county:" + apn + ":" + date)
        .setCloseDate(LocalDate.parse(date))
        .setClosePriceCents(cents)
        .setDocumentType("WD")
        .build();
  }

  /** A property with only county sales (no listing). */
  static Property soldHouse(final String id, final Sale... sales) {
    return house(id)
        .setSales(List.of(sales))
        .setLastSale(sales.length == 0 ? null : sales[sales.length - 1])
        .build();
  }
}
