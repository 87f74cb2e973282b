package io.midcoast.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static byte[] randomBytes(final int size) {
    final byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytesOf(final ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Test
  void shouldKeepASmallValueWhole() {
    final byte[] value = "{\"ListingKey\":\"A\"}".getBytes(StandardCharsets.UTF_8);
    final DeadLetter letter =
        DeadLetters.of("MALFORMED_JSON", "x", "collect", Provenance.of("t", 1, 7, 5L, null, value));
    assertThat(bytesOf(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getOriginalValueSize()).isNull();
    assertThat(letter.getOriginalValueSha256()).isNull();
  }

  @Test
  void shouldKeepAPrefixSizeAndHashOfALargeValueSoTheLetterStaysSmall() throws Exception {
    final byte[] value = randomBytes(900 * 1024);
    final byte[] key = randomBytes(300 * 1024);
    final DeadLetter letter =
        DeadLetters.of(
            "PROCESSING_ERROR",
            "boom ".repeat(100_000),
            "collect",
            Provenance.of("feeds.reso.property", 2, 11_462, 5L, key, value));

    assertThat(bytesOf(letter.getOriginalValue()))
        .isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_ORIGINAL_BYTES));
    assertThat(letter.getOriginalKey().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
    assertThat(letter.getOriginalValueSize()).isEqualTo(900L * 1024);
    assertThat(letter.getOriginalValueSha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
    assertThat(letter.getDetail()).hasSizeLessThan(DeadLetters.MAX_DETAIL_CHARS + 40);
    assertThat(letter.getDetail()).endsWith("(500000 characters)");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(11_462);

    final byte[] serialized =
        Topics.INGEST_DLQ.valueSerde().serializer().serialize(Topics.INGEST_DLQ.name(), letter);
    assertThat(serialized.length).isLessThan(150 * 1024);
  }
}
