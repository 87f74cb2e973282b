package io.midcoast.topology.deadletter;

import io.midcoast.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Builds {@link DeadLetter} values, bounded so that a dead letter can always be sent: the original
 * key and value are kept up to {@link #MAX_ORIGINAL_BYTES} each (a longer value keeps its prefix,
 * its size and its SHA-256; the whole record is still in the source topic), the detail up to {@link
 * #MAX_DETAIL_CHARS}. The largest dead letter is therefore about 2 × 64 KiB plus 4 KiB of text, far
 * below the 1 MiB default record limit of {@code ingest.dlq}.
 */
public final class DeadLetters {

  /** The most bytes of an original key or value a dead letter keeps. */
  public static final int MAX_ORIGINAL_BYTES = 64 * 1024;

  /** The most characters of detail a dead letter keeps. */
  public static final int MAX_DETAIL_CHARS = 2_000;

  private DeadLetters() {}

  /**
   * A dead letter for one rejected source record.
   *
   * @param reason the reason code
   * @param detail which field, which value
   * @param stage the stage that rejected the record
   * @param source where the record came from, with its original bytes
   */
  public static DeadLetter of(
      final String reason, final String detail, final String stage, final Provenance source) {
    final byte[] key = source.key();
    final byte[] value = source.value();
    final boolean truncated = value != null && value.length > MAX_ORIGINAL_BYTES;
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(bounded(detail))
        .setStage(stage)
        .setSourceTopic(source.topic() == null ? "" : source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(prefix(key)))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(prefix(value)))
        .setOriginalValueSize(truncated ? (long) value.length : null)
        .setOriginalValueSha256(truncated ? sha256(value) : null)
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, source.timestamp())))
        .build();
  }

  /** The detail, cut to {@link #MAX_DETAIL_CHARS} with a marker saying how long it was. */
  static String bounded(final String detail) {
    if (detail == null) {
      return "";
    }
    if (detail.length() <= MAX_DETAIL_CHARS) {
      return detail;
    }
    return detail.substring(0, MAX_DETAIL_CHARS) + "… (" + detail.length() + " characters)";
  }

  private static byte[] prefix(final byte[] bytes) {
    return bytes.length <= MAX_ORIGINAL_BYTES ? bytes : Arrays.copyOf(bytes, MAX_ORIGINAL_BYTES);
  }

  /** SHA-256 of {@code bytes}, lower-case hex. */
  static String sha256(final byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
