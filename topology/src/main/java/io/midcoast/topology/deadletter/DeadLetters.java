package io.midcoast.topology.deadletter;

import io.midcoast.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} values. */
public final class DeadLetters {

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
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail == null ? "" : detail)
        .setStage(stage)
        .setSourceTopic(source.topic() == null ? "" : source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
        .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, source.timestamp())))
        .build();
  }
}
