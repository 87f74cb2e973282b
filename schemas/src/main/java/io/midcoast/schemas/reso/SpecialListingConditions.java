package io.midcoast.schemas.reso;

import java.util.Set;

/**
 * RESO {@code SpecialListingConditions}: a String List (multi-select lookup) on the listing, held
 * comma-joined ({@link ResoValues#joinedList}, e.g. {@code Standard,Auction}).
 */
public final class SpecialListingConditions {

  /** The lookup values that mark a distressed sale. */
  public static final Set<String> DISTRESSED =
      Set.of(
          "ShortSale",
          "RealEstateOwned",
          "InForeclosure",
          "NoticeOfDefault",
          "BankruptcyProperty",
          "HudOwned",
          "Auction");

  private SpecialListingConditions() {}

  /**
   * Whether a listing with these conditions is a distressed sale: any value, of a comma-separated
   * list, in {@link #DISTRESSED} (values are stripped; case counts, as in the RESO lookup). The one
   * rule of the price model's {@code distressed} feature and of the risk score's {@code
   * distressed_sale} factor.
   *
   * @param conditions comma-separated values ({@code "Standard,ShortSale"}), or null
   */
  public static boolean distressed(final String conditions) {
    if (conditions == null) {
      return false;
    }
    for (final String value : conditions.split(",")) {
      if (DISTRESSED.contains(value.strip())) {
        return true;
      }
    }
    return false;
  }
}
