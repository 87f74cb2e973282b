package io.midcoast.topology.ingest.process;

import io.midcoast.schemas.PropertyIdKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Derives the propertyId that makes one house one key across feeds.
 *
 * <ol>
 *   <li><b>ADDRESS</b> — when the normalized street has a house number and a street, and the postal
 *       code is known: the slug of {@code "<postal>-<number> <street>"} (lower case, every run of
 *       characters other than {@code a-z 0-9} replaced by one {@code -}), plus {@code "-u<unit>"}
 *       when there is a unit, where {@code <unit>} is the slug of the unit identifier without its
 *       designator: {@code "123 North Main Street Apt 4"}, {@code "123 N Main St Unit 4"}, {@code
 *       "#4"} and RESO {@code UnitNumber "4"} in 50010 all give {@code "50010-123-n-main-st-u4"}.
 *       The printed line keeps the designator ({@code Address.line}); only the id drops it, because
 *       feeds disagree on designators. The MLS listing and the county record of the same house
 *       normalize to the same street ({@link AddressNormalizer}) and so to the same id.
 *   <li><b>GEO</b> — otherwise, when latitude and longitude are known: {@code "geo-<lat>_<lon>"},
 *       both formatted from the decimal value as sent, rounded half-up to six decimals, plus {@code
 *       "-l<lotSizeSqft>"} when the lot size is known, e.g. {@code
 *       "geo-42.054035_-93.619754-l31770"}. The lot size separates the units of a townhouse complex
 *       that share one geocode; a record of such a house without lot size gets the id without the
 *       suffix, which is another property: feeds must send the lot size for geo-only houses.
 *   <li>otherwise none: the record is rejected with {@code NO_LOCATION}.
 * </ol>
 */
public final class PropertyIds {

  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final int GEO_DECIMALS = 6;

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
   * @param latitude latitude as sent, or null
   * @param longitude longitude as sent, or null
   * @param lotSizeSqft lot size in square feet, or null
   * @return the id, or empty when the record has no location
   */
  public static Optional<PropertyId> derive(
      final NormalizedStreet street,
      final String postalCode,
      final BigDecimal latitude,
      final BigDecimal longitude,
      final Long lotSizeSqft) {
    if (street.isComplete() && postalCode != null) {
      final String house = slug(postalCode + "-" + street.number() + " " + street.street());
      final String unit = street.unitId() == null ? "" : "-u" + slug(street.unitId());
      return Optional.of(new PropertyId(house + unit, PropertyIdKind.ADDRESS));
    }
    if (latitude != null && longitude != null) {
      final String geo =
          "geo-"
              + sixDecimals(latitude)
              + "_"
              + sixDecimals(longitude)
              + (lotSizeSqft == null ? "" : "-l" + lotSizeSqft);
      return Optional.of(new PropertyId(geo, PropertyIdKind.GEO));
    }
    return Optional.empty();
  }

  private static String sixDecimals(final BigDecimal value) {
    return value.setScale(GEO_DECIMALS, RoundingMode.HALF_UP).toPlainString();
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
