package io.midcoast.ml.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A trained lead model: the Tribuo model's protobuf bytes ({@link #payload()}) and its metadata as
 * JSON ({@link #metadataJson()}, fields of {@link Metadata}). The two travel together either as one
 * framed byte array ({@link #toBytes()} / {@link #fromBytes}) or as two fields of an {@code
 * ml.model} record ({@code metadataJson}, {@code payload}; {@link #fromParts}).
 *
 * <p>Framed format (big-endian):
 *
 * <pre>
 * "MCLM" (4 bytes) | format version (1 byte, = 1)
 * | metadata length (int32) | metadata JSON (UTF-8)
 * | payload length (int32)  | payload (Tribuo ModelProto, {@link Model#serializeToStream})
 * </pre>
 *
 * <p>The metadata records the payload's SHA-256, checked on load. Immutable and thread-safe; the
 * scorer is built once.
 */
public final class LeadModelArtifact {

  /** The {@code kind} of a lead model in the model registry. */
  public static final String KIND = "lead-classifier";

  /** Model family id of trained lead models. */
  public static final String MODEL_ID = "midcoast-lead";

  /** Version of the framed format and of the metadata layout. */
  public static final int FORMAT = 1;

  private static final byte[] MAGIC = "MCLM".getBytes(StandardCharsets.US_ASCII);

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * What is known about a trained model. Times are ISO-8601 instants.
   *
   * @param format metadata layout version ({@link #FORMAT})
   * @param kind {@link #KIND}
   * @param modelId model family id
   * @param version model version
   * @param trainedAt when it was trained
   * @param trainingFrom earliest example time of the training sample
   * @param trainingTo latest example time of the training sample
   * @param holdoutFrom earliest example time of the holdout
   * @param holdoutTo latest example time of the holdout
   * @param trainExamples training examples
   * @param trainPositives label-1 training examples
   * @param holdout holdout metrics (AUC, log loss, ECE)
   * @param features feature names, in order ({@link LeadFeatures#NAMES})
   * @param transforms model transform of each feature
   * @param means mean of each transformed feature over the training sample
   * @param sds standard deviation of each transformed feature over the training sample
   * @param bins training-sample bins of each feature, for PSI
   * @param trainer trainer settings (seed, epochs, …)
   * @param provenance Tribuo model provenance, rendered
   * @param payloadSha256 SHA-256 of the payload, hex
   * @param calibration Platt scaling of the model's log-odds, fit on a calibration slice; null
   *     (models trained before calibration existed): identity
   */
  public record Metadata(
      int format,
      String kind,
      String modelId,
      String version,
      String trainedAt,
      String trainingFrom,
      String trainingTo,
      String holdoutFrom,
      String holdoutTo,
      int trainExamples,
      int trainPositives,
      ClassificationMetrics holdout,
      List<String> features,
      List<String> transforms,
      double[] means,
      double[] sds,
      List<FeatureBins> bins,
      Map<String, Object> trainer,
      String provenance,
      String payloadSha256,
      Calibration calibration) {

    /**
     * The latest example time the model was trained or evaluated on (its data ends there), or
     * {@link Instant#MIN} when the metadata names none.
     */
    public Instant dataEnd() {
      Instant end = Instant.MIN;
      for (final String t : new String[] {trainingTo, holdoutTo}) {
        if (t != null) {
          final Instant at = Instant.parse(t);
          end = at.isAfter(end) ? at : end;
        }
      }
      return end;
    }

    /** Metadata without a calibration (identity). */
    public Metadata(
        final int format,
        final String kind,
        final String modelId,
        final String version,
        final String trainedAt,
        final String trainingFrom,
        final String trainingTo,
        final String holdoutFrom,
        final String holdoutTo,
        final int trainExamples,
        final int trainPositives,
        final ClassificationMetrics holdout,
        final List<String> features,
        final List<String> transforms,
        final double[] means,
        final double[] sds,
        final List<FeatureBins> bins,
        final Map<String, Object> trainer,
        final String provenance,
        final String payloadSha256) {
      this(
          format,
          kind,
          modelId,
          version,
          trainedAt,
          trainingFrom,
          trainingTo,
          holdoutFrom,
          holdoutTo,
          trainExamples,
          trainPositives,
          holdout,
          features,
          transforms,
          means,
          sds,
          bins,
          trainer,
          provenance,
          payloadSha256,
          null);
    }

    /** Copies the lists. */
    public Metadata {
      features = List.copyOf(features);
      transforms = List.copyOf(transforms);
      bins = List.copyOf(bins);
      trainer = Map.copyOf(trainer);
      means = means.clone();
      sds = sds.clone();
    }

    /** This metadata with another payload digest. */
    Metadata withPayloadSha256(final String sha256) {
      return new Metadata(
          format,
          kind,
          modelId,
          version,
          trainedAt,
          trainingFrom,
          trainingTo,
          holdoutFrom,
          holdoutTo,
          trainExamples,
          trainPositives,
          holdout,
          features,
          transforms,
          means,
          sds,
          bins,
          trainer,
          provenance,
          sha256,
          calibration);
    }
  }

  private final Metadata metadata;
  private final String metadataJson;
  private final byte[] payload;
  private final TribuoLeadScorer scorer;

  private LeadModelArtifact(
      final Metadata metadata,
      final String metadataJson,
      final byte[] payload,
      final Model<Label> model) {
    this.metadata = metadata;
    this.metadataJson = metadataJson;
    this.payload = payload;
    this.scorer =
        new TribuoLeadScorer(
            model,
            metadata.means(),
            metadata.sds(),
            metadata.modelId(),
            metadata.version(),
            metadata.calibration());
  }

  /** An artifact of a freshly trained model; the payload digest is filled in. */
  public static LeadModelArtifact of(final Metadata metadata, final Model<Label> model) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      model.serializeToStream(out);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot serialize the lead model", e);
    }
    final byte[] payload = out.toByteArray();
    final Metadata complete = metadata.withPayloadSha256(sha256(payload));
    return new LeadModelArtifact(complete, render(complete), payload, model);
  }

  /**
   * The metadata of an {@code ml.model} record alone (the payload not read).
   *
   * @throws IllegalArgumentException when unreadable
   */
  public static Metadata metadataOf(final String metadataJson) {
    try {
      return JSON.readValue(metadataJson, Metadata.class);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable lead model metadata", e);
    }
  }

  /**
   * The artifact of an {@code ml.model} record's two fields.
   *
   * @throws IllegalArgumentException when the metadata is unreadable, of another kind or feature
   *     layout, or the payload does not match its digest or is not a Tribuo classifier
   */
  public static LeadModelArtifact fromParts(final String metadataJson, final byte[] payload) {
    final Metadata metadata = metadataOf(metadataJson);
    if (!KIND.equals(metadata.kind()) || metadata.format() != FORMAT) {
      throw new IllegalArgumentException(
          "not a lead model of format "
              + FORMAT
              + ": "
              + metadata.kind()
              + " "
              + metadata.format());
    }
    if (!LeadFeatures.NAMES.equals(metadata.features())) {
      throw new IllegalArgumentException("model features differ from LeadFeatures.NAMES");
    }
    if (!sha256(payload).equals(metadata.payloadSha256())) {
      throw new IllegalArgumentException("payload does not match its SHA-256");
    }
    final Model<?> raw;
    try {
      raw = Model.deserializeFromStream(new ByteArrayInputStream(payload));
    } catch (final IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable Tribuo model", e);
    }
    if (!raw.validate(Label.class)) {
      throw new IllegalArgumentException("not a classification model");
    }
    @SuppressWarnings("unchecked")
    final Model<Label> model = (Model<Label>) raw;
    return new LeadModelArtifact(metadata, metadataJson, payload.clone(), model);
  }

  /** The artifact of {@link #toBytes()} output. */
  public static LeadModelArtifact fromBytes(final byte[] bytes) {
    final ByteBuffer in = ByteBuffer.wrap(bytes);
    final byte[] magic = new byte[MAGIC.length];
    if (bytes.length < MAGIC.length + 9) {
      throw new IllegalArgumentException("too short for a lead model artifact");
    }
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC) || in.get() != FORMAT) {
      throw new IllegalArgumentException("not a lead model artifact of format " + FORMAT);
    }
    final byte[] meta = block(in);
    final byte[] payload = block(in);
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes after the payload");
    }
    return fromParts(new String(meta, StandardCharsets.UTF_8), payload);
  }

  private static byte[] block(final ByteBuffer in) {
    final int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("truncated lead model artifact");
    }
    final byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  /** The framed artifact. */
  public byte[] toBytes() {
    final byte[] meta = metadataJson.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(MAGIC.length + 1 + 4 + meta.length + 4 + payload.length)
        .put(MAGIC)
        .put((byte) FORMAT)
        .putInt(meta.length)
        .put(meta)
        .putInt(payload.length)
        .put(payload)
        .array();
  }

  /** The metadata as JSON (the {@code metadataJson} field of an {@code ml.model} record). */
  public String metadataJson() {
    return metadataJson;
  }

  /** The Tribuo model bytes (the {@code payload} field of an {@code ml.model} record); a copy. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The metadata. */
  public Metadata metadata() {
    return metadata;
  }

  /** The model family id. */
  public String modelId() {
    return metadata.modelId();
  }

  /** The model version. */
  public String version() {
    return metadata.version();
  }

  /** The scorer of this model (one shared, thread-safe instance). */
  public TribuoLeadScorer scorer() {
    return scorer;
  }

  private static String render(final Metadata metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot render lead model metadata", e);
    }
  }

  static String sha256(final byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return metadata.modelId() + ":" + metadata.version();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof LeadModelArtifact other
        && metadataJson.equals(other.metadataJson)
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metadataJson, Arrays.hashCode(payload));
  }
}
