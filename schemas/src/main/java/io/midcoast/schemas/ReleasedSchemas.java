package io.midcoast.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every top-level record schema, read from the classpath folder {@value
 * #FOLDER} (listed in its {@code index.txt}, one {@code <Record>-<version>.avsc} per line).
 *
 * <p>A released schema is never edited or removed: readers need it to decode records written with
 * it. {@code SchemaCompatibilityTest} fails when the current schema of a record is not released or
 * breaks compatibility with an earlier release.
 */
public final class ReleasedSchemas {

  /** Classpath folder holding the released schema files. */
  public static final String FOLDER = "/io/midcoast/schemas/released/";

  /** One released schema version. */
  public record Release(String recordName, int version, Schema schema) {

    /** The CRC-64-AVRO fingerprint used by single-object encoding. */
    public long fingerprint() {
      return SchemaNormalization.parsingFingerprint64(schema);
    }
  }

  private static final ReleasedSchemas INSTANCE = load();

  private final List<Release> releases;
  private final SchemaStore.Cache store;

  private ReleasedSchemas(final List<Release> releases) {
    this.releases = List.copyOf(releases);
    this.store = new SchemaStore.Cache();
    releases.forEach(r -> store.addSchema(r.schema()));
  }

  /** The releases shipped in this jar. */
  public static ReleasedSchemas shipped() {
    return INSTANCE;
  }

  /** All releases, in index order. */
  public List<Release> releases() {
    return releases;
  }

  /** Releases of one record (simple name, e.g. {@code Property}), oldest first. */
  public List<Release> of(final String recordName) {
    return releases.stream().filter(r -> r.recordName().equals(recordName)).toList();
  }

  /** A schema store holding every released writer schema, for single-object decoding. */
  public SchemaStore store() {
    return store;
  }

  private static ReleasedSchemas load() {
    final List<Release> releases = new ArrayList<>();
    for (final String file : readLines(FOLDER + "index.txt")) {
      final int dash = file.lastIndexOf('-');
      final String recordName = file.substring(0, dash);
      final int version =
          Integer.parseInt(file.substring(dash + 1, file.length() - ".avsc".length()));
      final Schema schema = new Schema.Parser().parse(String.join("\n", readLines(FOLDER + file)));
      releases.add(new Release(recordName, version, schema));
    }
    return new ReleasedSchemas(Collections.unmodifiableList(releases));
  }

  private static List<String> readLines(final String resource) {
    try (InputStream in =
        Objects.requireNonNull(
            ReleasedSchemas.class.getResourceAsStream(resource), "missing resource " + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
