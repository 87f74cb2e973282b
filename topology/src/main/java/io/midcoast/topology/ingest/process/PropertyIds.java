package io.midcoast.topology.ingest.process;

import io.midcoast.schemas.PropertyIdKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Derives the propertyId that makes one house one key across feeds.
 *
 * <ol>
 *   <li><b>ADDRESS</b> — when the normalized street has a house number and a street, and the postal
 *       code is known: the slug of {@code "<postal>-<normalized line>"}: lower case, every run of
 *       characters other than {@code a-z 0-9} replaced by one {@code -}, e.g. {@code
 *       "50010-123-n-main-st-apt-4"}. The MLS listing and the county record of the same house
 *       normalize to the same line ({@link AddressNormalizer}) and so to the same id.
 *   <li><b>GEO</b> — otherwise, when latitude and longitude are known: {@code "geo-<lat>_<lon>"}
 *       with six decimals (half-up, {@code Locale.ROOT}), plus {@code "-l<lotSizeSqft>"} when the
 *       lot size is known, e.g. {@code "geo-42.054035_-93.619754-l31770"}. The lot size separates
 *       the units of a townhouse complex that share one geocode.
 *   <li>otherwise none: the record is rejected with {@code NO_LOCATION}.
 * </ol>
 */
public final class PropertyIds {

  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

  /**
   * A derived id.
   *
   * @param id the propertyId
   * @param kind how it was derived
   */
  public record PropertyId(String id, PropertyIdKind kind) {}

  private PropertyIds() {}

  /**
   * The propertyId of a record.
   *
   * @param street the normalized street, never null
   * @param postalCode normalized postal code, or null
   * @param latitude latitude, or null
   * @param longitude longitude, or null
   * @param lotSizeSqft lot size in square feet, or null
   * @return the id, or empty when the record has no location
   */
  public static Optional<PropertyId> derive(
      final NormalizedStreet street,
      final String postalCode,
      final Double latitude,
      final Double longitude,
      final Long lotSizeSqft) {
    if (street.isComplete() && postalCode != null) {
      return Optional.of(
          new PropertyId(slug(postalCode + "-" + street.line()), PropertyIdKind.ADDRESS));
    }
    if (latitude != null && longitude != null) {
      final String geo =
          String.format(Locale.ROOT, "geo-%.6f_%.6f", latitude, longitude)
              + (lotSizeSqft == null ? "" : "-l" + lotSizeSqft);
      return Optional.of(new PropertyId(geo, PropertyIdKind.GEO));
    }
    return Optional.empty();
  }

  /** Lower case, runs of other characters than a-z and 0-9 become one '-', no '-' at the ends. */
  static String slug(final String text) {
    final String slug = NOT_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-");
    int start = 0;
    int end = slug.length();
    while (start < end && slug.charAt(start) == '-') {
      start++;
    }
    while (end > start && slug.charAt(end - 1) == '-') {
      end--;
    }
    return slug.substring(start, end);
  }
}
