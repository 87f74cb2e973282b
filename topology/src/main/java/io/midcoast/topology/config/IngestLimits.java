package io.midcoast.topology.config;

import java.util.Map;

/**
 * How much state the ingest store keeps for one property, so that no input can grow a value past
 * what the broker accepts on its changelog (a record the changelog refuses would fail the task on
 * every retry). A change beyond a bound is dead-lettered, never a task failure.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code midcoast.ingest.max.sources.per.property}</td><td>256</td>
 *       <td>distinct source records (listings, county sales) one property keeps; a new one beyond
 *       it is dead-lettered {@code PROPERTY_TOO_MANY_SOURCES}</td></tr>
 *   <tr><td>{@code midcoast.ingest.max.property.bytes}</td><td>524288 (512 KiB)</td>
 *       <td>serialized size of one property's source records; a change beyond it is dead-lettered
 *       {@code PROPERTY_TOO_LARGE}</td></tr>
 * </table>
 *
 * <p>Why 256: a single-family house sees a listing every few years and a deed per sale, so a
 * century of history is well under 100 sources; a property keyed by coordinates (no street address)
 * gathers every listing at that point, and the largest condominium buildings that list units
 * without their own address have a few hundred units. 512 KiB is half of the broker's default 1 MiB
 * record limit ({@code max.message.bytes}) of the changelog and of {@code property.state}, leaving
 * room for the merged view and record overhead.
 *
 * @param maxSourcesPerProperty distinct source records per property, at least 1
 * @param maxPropertyBytes serialized aggregate size per property, at least 1 KiB
 */
public record IngestLimits(int maxSourcesPerProperty, int maxPropertyBytes) {

  public static final String MAX_SOURCES_PER_PROPERTY = "midcoast.ingest.max.sources.per.property";
  public static final String MAX_PROPERTY_BYTES = "midcoast.ingest.max.property.bytes";

  /** Streams config key under which the limits reach the processors ({@code appConfigs()}). */
  public static final String CONFIG = "midcoast.ingest.limits";

  /** The defaults. */
  public static final IngestLimits DEFAULT = new IngestLimits(256, 512 * 1024);

  /** Validates the values; a problem is a {@link ConfigException} naming the key. */
  public IngestLimits {
    if (maxSourcesPerProperty < 1) {
      throw new ConfigException(
          MAX_SOURCES_PER_PROPERTY, String.valueOf(maxSourcesPerProperty), "must be at least 1");
    }
    if (maxPropertyBytes < 1024) {
      throw new ConfigException(
          MAX_PROPERTY_BYTES, String.valueOf(maxPropertyBytes), "must be at least 1024");
    }
  }

  /** Reads the limits: environment over properties file over defaults. */
  public static IngestLimits from(final ConfigSource source) {
    return new IngestLimits(
        source.integer(MAX_SOURCES_PER_PROPERTY, DEFAULT.maxSourcesPerProperty()),
        source.integer(MAX_PROPERTY_BYTES, DEFAULT.maxPropertyBytes()));
  }

  /** The limits a processor finds in its application configs, or the defaults. */
  public static IngestLimits of(final Map<String, Object> appConfigs) {
    return appConfigs.get(CONFIG) instanceof IngestLimits limits ? limits : DEFAULT;
  }
}
