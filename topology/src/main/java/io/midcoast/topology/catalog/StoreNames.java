package io.midcoast.topology.catalog;

/**
 * The state stores other modules read: the queryable key-value stores of the topologies, with the
 * key and value each holds. Every name follows one scheme, {@code <context>-<what>-store}, where
 * the context is the topology that owns it ({@code ingest}, {@code analytics}, {@code leads}); the
 * changelog topic of a store is {@code <application.id>-<name>-changelog}. The stores a topology
 * keeps for itself are declared in that topology ({@code <context>-<what>}, without the suffix).
 *
 * <p>Keys are plain strings. Regional keys ({@link TrendKeys}) are partitioned by region ({@link
 * RegionPartitioner}); every other store is partitioned by its key with Kafka's default
 * partitioner, so {@code KafkaStreams.queryMetadataForKey(store, key, stringSerializer)} finds its
 * owner.
 */
public final class StoreNames {

  /** The current {@code Property} per propertyId (ingest). */
  public static final String PROPERTY = "ingest-property-store";

  /**
   * The {@code TrendCell} per cell key {@code <regionType>:<regionId>:<YYYY-MM>} ({@link
   * TrendKeys}), partitioned by region ({@link RegionPartitioner}).
   */
  public static final String TREND = "analytics-trend-store";

  /** The latest {@code PriceEstimate} per propertyId. */
  public static final String ESTIMATE = "analytics-estimate-store";

  /** The latest {@code PropertyScore} per propertyId. */
  public static final String SCORE = "analytics-score-store";

  /**
   * The {@code EstimateAccuracy} per region key: {@code all}, {@code city:<city>}, {@code
   * subdivision:<name>}.
   */
  public static final String ACCURACY = "analytics-estimate-accuracy-store";

  /** The {@code LeadState} per leadId. */
  public static final String LEAD = "leads-state-store";

  /** The latest published {@code LeadScoreUpdate} per leadId. */
  public static final String LEAD_SCORE = "leads-score-store";

  /**
   * Global store (every instance holds all of {@code ml.model}): every {@code ModelRecord} per
   * {@code <modelId>:<version>}.
   */
  public static final String MODEL = "leads-model-store";

  /** Global store of list prices per listing key. */
  public static final String LISTING_PRICE = "leads-listing-price-store";

  private StoreNames() {}
}
