package io.midcoast.topology.catalog;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.LeadAlert;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.TrendCell;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of Midcoast's external topics. Names of feed and output topics are public contracts
 * (see ARCHITECTURE.md): extend the catalogue, never rename an entry. Internal topics (repartition,
 * changelog) are named by the topologies with {@code Named}/{@code Repartitioned} and carry the
 * application id as prefix.
 */
public final class Topics {

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  /** RESO Data Dictionary Property records as JSON, single records or OData pages. */
  public static final Topic<String, byte[]> RESO_PROPERTY =
      new Topic<>("feeds.reso.property", Serdes.String(), Serdes.ByteArray(), false);

  /** County recorder sale records, one CSV line per message. */
  public static final Topic<String, byte[]> COUNTY_SALE =
      new Topic<>("feeds.county.sale", Serdes.String(), Serdes.ByteArray(), false);

  /** Lead and CRM activity events as JSON. */
  public static final Topic<String, byte[]> LEAD_EVENT =
      new Topic<>("feeds.lead.event", Serdes.String(), Serdes.ByteArray(), false);

  /** The merged current view of every property, keyed by propertyId; tombstone = removed. */
  public static final Topic<String, Property> PROPERTY_STATE =
      new Topic<>("property.state", Serdes.String(), SERDES.serde(Property.class), true);

  /** Feed records that could not be parsed or failed validation, with bytes and reason. */
  public static final Topic<String, DeadLetter> INGEST_DLQ =
      new Topic<>("ingest.dlq", Serdes.String(), SERDES.serde(DeadLetter.class), false);

  /**
   * Market-trend cells: key {@code "<regionType>:<regionId>:<YYYY-MM>"} (regionType {@code postal},
   * {@code city} or {@code subdivision}), value the cell's figures; tombstone when no sale, listing
   * or inventory remains in the cell. Records are partitioned by region ({@code
   * io.midcoast.topology.catalog.RegionPartitioner}): every month of a region is in one partition.
   */
  public static final Topic<String, TrendCell> ANALYTICS_TREND =
      new Topic<>("analytics.trend", Serdes.String(), SERDES.serde(TrendCell.class), true);

  /**
   * Price estimates, keyed by propertyId (default partitioning); compacted: the latest estimate of
   * each property. Tombstone when the property leaves the store.
   */
  public static final Topic<String, PriceEstimate> ANALYTICS_ESTIMATE =
      new Topic<>("analytics.estimate", Serdes.String(), SERDES.serde(PriceEstimate.class), true);

  /**
   * Rolling live accuracy of the estimates (last estimate before each close vs the close price),
   * keyed by region: {@code "all"}, {@code "city:<city>"}, {@code "subdivision:<name>"}; compacted.
   */
  public static final Topic<String, EstimateAccuracy> ANALYTICS_ESTIMATE_ACCURACY =
      new Topic<>(
          "analytics.estimate.accuracy",
          Serdes.String(),
          SERDES.serde(EstimateAccuracy.class),
          true);

  /** Investment, risk and development scores, keyed by propertyId; compacted. */
  public static final Topic<String, PropertyScore> ANALYTICS_SCORE =
      new Topic<>("analytics.score", Serdes.String(), SERDES.serde(PropertyScore.class), true);

  /** Lead profiles, keyed by leadId; compacted. */
  public static final Topic<String, LeadProfile> LEADS_PROFILE =
      new Topic<>("leads.profile", Serdes.String(), SERDES.serde(LeadProfile.class), true);

  /** Lead scores, keyed by leadId, one record per change that moves the score (the history). */
  public static final Topic<String, LeadScoreUpdate> LEADS_SCORE =
      new Topic<>("leads.score", Serdes.String(), SERDES.serde(LeadScoreUpdate.class), false);

  /** Lead alerts (hot lead, returning lead, high intent, feature drift). */
  public static final Topic<String, LeadAlert> LEADS_ALERT =
      new Topic<>("leads.alert", Serdes.String(), SERDES.serde(LeadAlert.class), false);

  /**
   * Lead training examples, keyed by {@code "<leadId>:<eventId>"}: published unlabelled, then again
   * with the label; compacted.
   */
  public static final Topic<String, LeadTrainingExample> LEADS_EXAMPLE =
      new Topic<>("leads.example", Serdes.String(), SERDES.serde(LeadTrainingExample.class), true);

  /**
   * List price in cents per MLS listing key, re-keyed from {@code property.state} by the lead
   * topology and read back as a global store (the listing-price join of {@code listing_viewed});
   * compacted; tombstone when the listing has no price.
   */
  public static final Topic<String, Long> LEADS_LISTING_PRICE =
      new Topic<>("leads.listing.price", Serdes.String(), Serdes.Long(), true);

  /** Published models with their stage, keyed by {@code "<modelId>:<version>"}; compacted. */
  public static final Topic<String, ModelRecord> ML_MODEL =
      new Topic<>("ml.model", Serdes.String(), SERDES.serde(ModelRecord.class), true);

  /**
   * Requests to the model-stage authority (the only writer of {@link #ML_MODEL}): new models,
   * promotions, retirements, as {@link ModelRecord}s whose stage is the one asked for; any key (the
   * authority re-keys by model id).
   */
  public static final Topic<String, ModelRecord> ML_MODEL_REQUEST =
      new Topic<>("ml.model.request", Serdes.String(), SERDES.serde(ModelRecord.class), false);

  private Topics() {}

  /** Feed topics, written by upstream systems. */
  public static List<Topic<?, ?>> feeds() {
    return List.of(RESO_PROPERTY, COUNTY_SALE, LEAD_EVENT);
  }

  /** Every external topic the stack creates: feeds and outputs. */
  public static List<Topic<?, ?>> all() {
    return List.of(
        RESO_PROPERTY,
        COUNTY_SALE,
        LEAD_EVENT,
        PROPERTY_STATE,
        INGEST_DLQ,
        ANALYTICS_TREND,
        ANALYTICS_ESTIMATE,
        ANALYTICS_ESTIMATE_ACCURACY,
        ANALYTICS_SCORE,
        LEADS_PROFILE,
        LEADS_SCORE,
        LEADS_ALERT,
        LEADS_EXAMPLE,
        LEADS_LISTING_PRICE,
        ML_MODEL,
        ML_MODEL_REQUEST);
  }
}
