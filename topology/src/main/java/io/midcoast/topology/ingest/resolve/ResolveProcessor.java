package io.midcoast.topology.ingest.resolve;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.SourceVersion;
import io.midcoast.topology.ingest.store.VersionOrder;
import io.midcoast.topology.ingest.validate.Validator;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The resolve stage, keyed by sourceKey; forwards observations keyed by propertyId.
 *
 * <p>The store holds, per sourceKey, the latest accepted version ({@link VersionOrder}) and the
 * propertyId it resolved to. For each observation:
 *
 * <ol>
 *   <li>a duplicate (same content; {@link VersionOrder#sameContent}) is dropped and counted as
 *       {@code DUPLICATE}, after the stored record timestamp is raised to the duplicate's when it
 *       is later (a re-published copy is as recent as its latest publication, whatever the order
 *       the copies arrive in); a version that loses to the stored one as {@code STALE_VERSION};
 *   <li>a Delete takes the propertyId of the stored version; for a sourceKey never seen (or only
 *       deleted before it was seen) there is nothing to delete: the Delete is remembered, so an
 *       older version arriving later stays deleted, and counted as {@code
 *       DELETE_OF_UNKNOWN_SOURCE};
 *   <li>a newer version that resolves to another propertyId than the stored live version (an
 *       address correction) first forwards a deleted marker with the new version to the old
 *       propertyId, so the old property no longer carries the source record, then the observation.
 * </ol>
 */
public final class ResolveProcessor
    implements Processor<String, PropertyObservation, String, PropertyObservation> {

  /** Drop reason: the same content was already accepted. */
  public static final String DUPLICATE = "DUPLICATE";

  /** Drop reason: a version that loses to the accepted one. */
  public static final String STALE_VERSION = "STALE_VERSION";

  /** Drop reason: a Delete of a source record that resolved to no property. */
  public static final String DELETE_OF_UNKNOWN_SOURCE = "DELETE_OF_UNKNOWN_SOURCE";

  private final StageCounters counters;
  private final String storeName;
  private ProcessorContext<String, PropertyObservation> context;
  private KeyValueStore<String, SourceVersion> versions;

  /**
   * @param counters stage counters
   * @param storeName the store of {@link SourceVersion} per sourceKey
   */
  public ResolveProcessor(final StageCounters counters, final String storeName) {
    this.counters = counters;
    this.storeName = storeName;
  }

  @Override
  public void init(final ProcessorContext<String, PropertyObservation> context) {
    this.context = context;
    this.versions = context.getStateStore(storeName);
  }

  @Override
  public void process(final Record<String, PropertyObservation> record) {
    final PropertyObservation observation = record.value();
    if (observation == null) {
      return;
    }
    counters.recordIn(Stages.RESOLVE);
    final String sourceKey = observation.getSource().getSourceKey();
    final SourceVersion stored = versions.get(sourceKey);
    final long fingerprint = VersionOrder.contentFingerprint(observation);
    if (stored != null && fingerprint == stored.getContentFingerprint()) {
      if (observation.getRecordTimestamp().isAfter(stored.getRecordTimestamp())) {
        versions.put(
            sourceKey,
            SourceVersion.newBuilder(stored)
                .setRecordTimestamp(observation.getRecordTimestamp())
                .build());
      }
      counters.dropped(Stages.RESOLVE, DUPLICATE);
      return;
    }
    if (stored != null) {
      final int byVersion =
          VersionOrder.compareVersions(
              observation.getSource(),
              observation.getRecordTimestamp().toEpochMilli(),
              observation.getDeleted(),
              stored.getSource(),
              stored.getRecordTimestamp().toEpochMilli(),
              stored.getDeleted());
      if (byVersion < 0
          || byVersion == 0
              && Long.compareUnsigned(fingerprint, stored.getContentFingerprint()) < 0) {
        counters.dropped(Stages.RESOLVE, STALE_VERSION);
        return;
      }
    }
    final String previous =
        stored == null || stored.getDeleted() ? Validator.UNRESOLVED : stored.getPropertyId();
    final boolean isDelete = Validator.UNRESOLVED.equals(observation.getPropertyId());
    final String target =
        isDelete
            ? (stored == null ? Validator.UNRESOLVED : stored.getPropertyId())
            : observation.getPropertyId();
    versions.put(
        sourceKey,
        new SourceVersion(
            target,
            observation.getSource(),
            observation.getRecordTimestamp(),
            observation.getDeleted(),
            fingerprint));
    if (!previous.isEmpty() && !previous.equals(target)) {
      forward(record, previous, marker(observation, previous));
    }
    if (target.isEmpty()) {
      counters.dropped(Stages.RESOLVE, DELETE_OF_UNKNOWN_SOURCE);
      return;
    }
    forward(
        record,
        target,
        isDelete
            ? PropertyObservation.newBuilder(observation).setPropertyId(target).build()
            : observation);
  }

  private void forward(
      final Record<String, PropertyObservation> record,
      final String propertyId,
      final PropertyObservation value) {
    context.forward(record.withKey(propertyId).withValue(value));
    counters.recordOut(Stages.RESOLVE);
  }

  /** A deleted marker of {@code observation}'s version, for the property it no longer is at. */
  static PropertyObservation marker(
      final PropertyObservation observation, final String propertyId) {
    return PropertyObservation.newBuilder()
        .setPropertyId(propertyId)
        .setIdKind(PropertyIdKind.UNKNOWN)
        .setSource(observation.getSource())
        .setAddress(new Address())
        .setCharacteristics(new Characteristics())
        .setDeleted(true)
        .setRecordTimestamp(observation.getRecordTimestamp())
        .build();
  }
}
