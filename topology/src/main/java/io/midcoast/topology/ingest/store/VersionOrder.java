package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Which of two versions of one source record (same sourceKey) wins. Both the resolve stage and the
 * store stage use this order, a total order on observations, so that the final state does not
 * depend on arrival order:
 *
 * <ol>
 *   <li>a copy with the same <em>content</em> — equal in everything but its delivery: the Kafka
 *       position (topic, partition, offset) of its SourceRef and its record timestamp — is a
 *       duplicate: the copy already accepted stays, so a replay or a re-delivery changes nothing
 *       (the resolve stage remembers the latest record timestamp of the copies it has seen, so the
 *       step below gives the same answer whatever order the copies come in);
 *   <li>otherwise the newer {@code source.version} (RESO ModificationTimestamp, county sale date);
 *   <li>then the later {@code recordTimestamp} (the Kafka timestamp of the source record): the
 *       later-published record is the correction — this is what lets a corrected county line (same
 *       apn and sale date) replace the old one;
 *   <li>then the deleted one (a Delete removes every version up to its own);
 *   <li>then the greater content fingerprint ({@link #contentFingerprint}, unsigned), and in the
 *       theoretical case of a fingerprint collision the greater content bytes.
 * </ol>
 *
 * Cost: the duplicate check is an {@code equals} without serialization; content is serialized only
 * when version, record timestamp and deletion tie.
 */
public final class VersionOrder {

  private static final int SOURCE_POS = PropertyObservation.SCHEMA$.getField("source").pos();
  private static final int RECORD_TIMESTAMP_POS =
      PropertyObservation.SCHEMA$.getField("recordTimestamp").pos();
  private static final Set<String> POSITION = Set.of("topic", "partition", "offset");

  /** Kafka position order: topic, partition, offset ascending. */
  public static final Comparator<SourceRef> POSITION_ORDER =
      Comparator.comparing(SourceRef::getTopic)
          .thenComparingInt(SourceRef::getPartition)
          .thenComparingLong(SourceRef::getOffset);

  private VersionOrder() {}

  /**
   * Orders two versions of one source record: positive when {@code a} wins over {@code b}, zero for
   * copies of the same content (the one already accepted stays).
   */
  public static int compare(final PropertyObservation a, final PropertyObservation b) {
    if (sameContent(a, b)) {
      return 0;
    }
    final int cheap = compareVersions(a, b);
    if (cheap != 0) {
      return cheap;
    }
    final byte[] contentA = content(a);
    final byte[] contentB = content(b);
    final int byFingerprint =
        Long.compareUnsigned(
            SchemaNormalization.fingerprint64(contentA),
            SchemaNormalization.fingerprint64(contentB));
    if (byFingerprint != 0) {
      return byFingerprint;
    }
    return Arrays.compareUnsigned(contentA, contentB);
  }

  /** Steps 2–4 only: version, record timestamp, deletion. */
  public static int compareVersions(final PropertyObservation a, final PropertyObservation b) {
    return compareVersions(
        a.getSource(),
        a.getRecordTimestamp().toEpochMilli(),
        a.getDeleted(),
        b.getSource(),
        b.getRecordTimestamp().toEpochMilli(),
        b.getDeleted());
  }

  /** Steps 2–4 on the parts of two versions. */
  public static int compareVersions(
      final SourceRef a,
      final long aRecordTimestamp,
      final boolean aDeleted,
      final SourceRef b,
      final long bRecordTimestamp,
      final boolean bDeleted) {
    final int byVersion = a.getVersion().compareTo(b.getVersion());
    if (byVersion != 0) {
      return byVersion;
    }
    final int byRecordTime = Long.compare(aRecordTimestamp, bRecordTimestamp);
    if (byRecordTime != 0) {
      return byRecordTime;
    }
    return Boolean.compare(aDeleted, bDeleted);
  }

  /**
   * Whether two observations are equal in everything but their delivery: the SourceRef's Kafka
   * position and the record timestamp.
   */
  public static boolean sameContent(final PropertyObservation a, final PropertyObservation b) {
    return equalFieldsExcept(a, b, Set.of(), SOURCE_POS, RECORD_TIMESTAMP_POS)
        && equalFieldsExcept(a.getSource(), b.getSource(), POSITION, -1, -1);
  }

  private static boolean equalFieldsExcept(
      final SpecificRecordBase a,
      final SpecificRecordBase b,
      final Set<String> names,
      final int position,
      final int otherPosition) {
    for (final Schema.Field field : a.getSchema().getFields()) {
      if (field.pos() != position
          && field.pos() != otherPosition
          && !names.contains(field.name())
          && !Objects.equals(a.get(field.pos()), b.get(field.pos()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * CRC-64-AVRO fingerprint of the observation's content (its bytes without Kafka position and
   * record timestamp).
   */
  public static long contentFingerprint(final PropertyObservation observation) {
    return SchemaNormalization.fingerprint64(content(observation));
  }

  /**
   * The observation's single-object bytes with its SourceRef topic, partition, offset and its
   * record timestamp blanked.
   */
  static byte[] content(final PropertyObservation observation) {
    final SourceRef source = observation.getSource();
    final SourceRef blanked =
        new SourceRef(source.getFeed(), source.getSourceKey(), "", 0, 0L, source.getVersion());
    final PropertyObservation copy = new PropertyObservation();
    for (final Schema.Field field : PropertyObservation.SCHEMA$.getFields()) {
      copy.put(field.pos(), observation.get(field.pos()));
    }
    copy.setSource(blanked);
    copy.setRecordTimestamp(java.time.Instant.EPOCH);
    return bytes(copy);
  }

  /** CRC-64-AVRO fingerprint of a record's single-object encoding. */
  public static long fingerprint(final SpecificRecordBase record) {
    return SchemaNormalization.fingerprint64(bytes(record));
  }

  private static byte[] bytes(final SpecificRecordBase record) {
    try {
      final ByteBuffer buffer;
      if (record instanceof PropertyObservation o) {
        buffer = o.toByteBuffer();
      } else if (record instanceof Property p) {
        buffer = p.toByteBuffer();
      } else {
        throw new IllegalArgumentException("no encoder for " + record.getClass().getName());
      }
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
