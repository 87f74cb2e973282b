package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.Sale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of the estimate stage that are not the model's (docs/estimates.md, "Rules").
 *
 * <ul>
 *   <li>A property's <b>market</b> is its normalized city ({@value #NO_CITY} when it has none). A
 *       market is the unit of estimate state: the regional index of a subdivision falls back to its
 *       city ({@link io.midcoast.ml.price.RegionalPriceIndex}), so one task holds a whole city.
 *   <li>A market's <b>clock</b> is the latest event date it has seen: the UTC date of the {@code
 *       updatedAt} of every property version that arrived. Estimates are made as of the clock
 *       (event time: a replay of 2008 values houses as of 2008).
 *   <li>A property's <b>sale points</b> are its distinct sales with a known positive living area:
 *       close date and close price per sq ft in dollars, as the model was trained.
 *   <li>A listing is <b>on the market</b> when Active, Active Under Contract, Pending or Coming
 *       Soon; its days on market run from OnMarketDate (else ListingContractDate) to the clock.
 * </ul>
 */
public final class EstimateRules {

  /** The market of a property without a city. */
  public static final String NO_CITY = "-";

  private static final Set<ListingStatus> ON_MARKET =
      Set.of(
          ListingStatus.ACTIVE,
          ListingStatus.ACTIVE_UNDER_CONTRACT,
          ListingStatus.PENDING,
          ListingStatus.COMING_SOON);

  private EstimateRules() {}

  /** The market of {@code property}. */
  public static String market(final Property property) {
    final String city = property.getAddress().getCity();
    return city == null || city.isBlank() ? NO_CITY : city;
  }

  /**
   * The subdivision a property's sale points, membership and regional index are kept under: its
   * subdivision, {@code ""} when it has none.
   */
  public static String subdivision(final Property property) {
    final String subdivision = property.getAddress().getSubdivision();
    return subdivision == null ? "" : subdivision;
  }

  /** The UTC date of an instant. */
  public static LocalDate date(final Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** True when the listing is on the market. */
  public static boolean isListed(final Listing listing) {
    return ON_MARKET.contains(listing.getStandardStatus());
  }

  /** Days from the listing's start to {@code asOf}; null without a start date. */
  public static Integer daysOnMarket(final Listing listing, final LocalDate asOf) {
    final LocalDate start =
        listing.getOnMarketDate() != null
            ? listing.getOnMarketDate()
            : listing.getListingContractDate();
    return start == null ? null : (int) Math.max(0, ChronoUnit.DAYS.between(start, asOf));
  }

  /**
   * One sale point.
   *
   * @param date close date
   * @param sourceKey the sale's source record
   * @param pricePerSqft close price per sq ft of living area, dollars
   */
  public record SalePoint(LocalDate date, String sourceKey, double pricePerSqft) {}

  /** The sale points of {@code property} (empty when null or without living area). */
  public static List<SalePoint> salePoints(final Property property) {
    if (property == null) {
      return List.of();
    }
    final Integer area = property.getCharacteristics().getLivingAreaSqft();
    if (area == null || area <= 0) {
      return List.of();
    }
    final List<SalePoint> points = new ArrayList<>();
    for (final Sale sale : property.getSales()) {
      points.add(
          new SalePoint(
              sale.getCloseDate(), sale.getSourceKey(), sale.getClosePriceCents() / 100.0 / area));
    }
    return points;
  }
}
