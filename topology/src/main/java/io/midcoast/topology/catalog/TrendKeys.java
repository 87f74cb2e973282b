package io.midcoast.topology.catalog;

import io.midcoast.schemas.RegionType;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;

/**
 * Keys of market-trend cells: {@code "<regionType>:<regionId>:<YYYY-MM>"}, regionType lower case
 * ({@code postal}, {@code city}, {@code subdivision}), regionId verbatim (it may itself contain
 * {@code ':'}: the type ends at the first colon, the month starts after the last one). The region
 * of a cell is its key without the month: {@code "subdivision:North_Ames"}.
 */
public final class TrendKeys {

  private TrendKeys() {}

  /** A parsed cell key. */
  public record Cell(RegionType regionType, String regionId, YearMonth month) {

    /** The cell key. */
    public String key() {
      return TrendKeys.cell(regionType, regionId, month);
    }
  }

  /** The path/key name of a region type: {@code postal}, {@code city}, {@code subdivision}. */
  public static String typeName(final RegionType type) {
    return switch (type) {
      case POSTAL -> "postal";
      case CITY -> "city";
      case SUBDIVISION -> "subdivision";
      default -> throw new IllegalArgumentException("no key name for region type " + type);
    };
  }

  /** The region type of a name ({@code postal}, {@code city}, {@code subdivision}, any case). */
  public static Optional<RegionType> type(final String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "postal" -> Optional.of(RegionType.POSTAL);
      case "city" -> Optional.of(RegionType.CITY);
      case "subdivision" -> Optional.of(RegionType.SUBDIVISION);
      default -> Optional.empty();
    };
  }

  /** The region key {@code "<regionType>:<regionId>"}. */
  public static String region(final RegionType type, final String regionId) {
    return typeName(type) + ":" + regionId;
  }

  /** The cell key {@code "<regionType>:<regionId>:<YYYY-MM>"}. */
  public static String cell(final RegionType type, final String regionId, final YearMonth month) {
    return region(type, regionId) + ":" + month;
  }

  /** The region part of a cell key (everything before the last colon). */
  public static String regionOf(final String cellKey) {
    final int last = cellKey.lastIndexOf(':');
    return last < 0 ? cellKey : cellKey.substring(0, last);
  }

  /**
   * Parses a cell key.
   *
   * @throws IllegalArgumentException if the key is not {@code <type>:<id>:<YYYY-MM>}
   */
  public static Cell parse(final String cellKey) {
    final int first = cellKey.indexOf(':');
    final int last = cellKey.lastIndexOf(':');
    if (first <= 0 || last <= first + 1) {
      throw new IllegalArgumentException("not a trend cell key: " + cellKey);
    }
    final RegionType type =
        type(cellKey.substring(0, first))
            .orElseThrow(() -> new IllegalArgumentException("not a trend cell key: " + cellKey));
    return new Cell(
        type, cellKey.substring(first + 1, last), YearMonth.parse(cellKey.substring(last + 1)));
  }
}
