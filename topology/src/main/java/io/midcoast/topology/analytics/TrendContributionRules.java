package io.midcoast.topology.analytics;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributionKind;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one {@link Property} contributes to the market-trend cells: a pure function of the property,
 * computed for every region it lies in ({@code postal} = postal code, {@code city}, {@code
 * subdivision}; a missing one is skipped) and for the calendar month of each event (event time).
 *
 * <ul>
 *   <li><b>SALE</b>, per element of {@code Property.sales} (distinct sales: ingest already merged
 *       an MLS close and a county deed within 7 days into one), in the month of its close date: the
 *       close price; the price per sq ft ({@code closePriceCents / livingAreaSqft}, half up) when
 *       the living area is known; when the sale is the close of the property's listing (a RESO sale
 *       whose sourceKey is {@code reso:<listing.listingKey>}) the days on market (close date −
 *       start date, when ≥ 0) and the sale-to-list ratio ({@code closePrice × 10000 / listPrice},
 *       basis points, half up).
 *   <li><b>NEW_LISTING</b> for the property's listing in the month of its start date ({@code
 *       OnMarketDate}, else {@code ListingContractDate}); listings in status COMING_SOON,
 *       INCOMPLETE, DELETE or UNKNOWN are not on the market and contribute nothing.
 *   <li><b>ACTIVE_AT_MONTH_END</b> for every month whose last day the listing was on the market:
 *       from the start date until it left the market — CLOSED: the close date (else the date of
 *       ModificationTimestamp); PENDING, CANCELED, EXPIRED, WITHDRAWN, HOLD: the date of its
 *       ModificationTimestamp (the last the feed told us). A listing that left on the last day of a
 *       month does not count at that month's end. ACTIVE and ACTIVE_UNDER_CONTRACT listings are
 *       still open: they count at every month end from the start month through the month of their
 *       ModificationTimestamp (what the feed last confirmed), never beyond. At most {@value
 *       #MAX_INVENTORY_MONTHS} month ends per listing (the latest).
 * </ul>
 *
 * <p>Only the property's current listing ({@code Property.listing}) is known: a listing replaced by
 * a newer listing of the same property stops contributing its NEW_LISTING and inventory (its sale,
 * if any, stays in {@code sales}). See docs/analytics.md.
 */
public final class TrendContributionRules {

  /** The most month ends one listing counts in inventory. */
  public static final int MAX_INVENTORY_MONTHS = 120;

  private static final Set<ListingStatus> NOT_ON_MARKET =
      EnumSet.of(
          ListingStatus.COMING_SOON,
          ListingStatus.INCOMPLETE,
          ListingStatus.DELETE,
          ListingStatus.UNKNOWN);

  private static final Set<ListingStatus> OPEN =
      EnumSet.of(ListingStatus.ACTIVE, ListingStatus.ACTIVE_UNDER_CONTRACT);

  private static final Map<RegionType, Function<Address, String>> REGIONS =
      Map.of(
          RegionType.POSTAL, Address::getPostalCode,
          RegionType.CITY, Address::getCity,
          RegionType.SUBDIVISION, Address::getSubdivision);

  private static final List<RegionType> REGION_ORDER =
      List.of(RegionType.POSTAL, RegionType.CITY, RegionType.SUBDIVISION);

  private TrendContributionRules() {}

  /**
   * Every contribution of {@code property}, each with delta +1, in a deterministic order.
   *
   * @param property the current view, or null (a tombstone: contributes nothing)
   */
  public static List<CellContribution> of(final Property property) {
    if (property == null || property.getAddress() == null) {
      return List.of();
    }
    final List<String> regions = regions(property.getAddress());
    if (regions.isEmpty()) {
      return List.of();
    }
    final List<Event> events = new ArrayList<>();
    final Listing listing = property.getListing();
    final Integer livingArea =
        property.getCharacteristics() == null
            ? null
            : property.getCharacteristics().getLivingAreaSqft();
    for (final Sale sale : property.getSales()) {
      events.add(new Event(YearMonth.from(sale.getCloseDate()), sale(sale, livingArea, listing)));
    }
    if (listing != null && !NOT_ON_MARKET.contains(listing.getStandardStatus())) {
      final LocalDate start = start(listing);
      if (start != null) {
        events.add(
            new Event(YearMonth.from(start), contribution(TrendContributionKind.NEW_LISTING)));
        for (final YearMonth month : inventoryMonths(listing, start)) {
          events.add(new Event(month, contribution(TrendContributionKind.ACTIVE_AT_MONTH_END)));
        }
      }
    }
    final List<CellContribution> contributions = new ArrayList<>(events.size() * regions.size());
    for (final String region : regions) {
      for (final Event event : events) {
        contributions.add(
            CellContribution.newBuilder()
                .setCell(region + ":" + event.month())
                .setContribution(event.contribution())
                .build());
      }
    }
    return contributions;
  }

  private record Event(YearMonth month, TrendContribution contribution) {}

  private static List<String> regions(final Address address) {
    final List<String> regions = new ArrayList<>(REGION_ORDER.size());
    for (final RegionType type : REGION_ORDER) {
      final String id = REGIONS.get(type).apply(address);
      if (id != null && !id.isBlank()) {
        regions.add(TrendKeys.region(type, id));
      }
    }
    return regions;
  }

  private static TrendContribution contribution(final TrendContributionKind kind) {
    return TrendContribution.newBuilder().setKind(kind).setDelta(1).build();
  }

  private static TrendContribution sale(
      final Sale sale, final Integer livingArea, final Listing listing) {
    final long price = sale.getClosePriceCents();
    final TrendContribution.Builder out =
        TrendContribution.newBuilder()
            .setKind(TrendContributionKind.SALE)
            .setDelta(1)
            .setClosePriceCents(price);
    if (livingArea != null && livingArea > 0) {
      out.setPricePerSqftCents(Rounding.halfUp(price, livingArea));
    }
    if (listing != null && isCloseOf(sale, listing)) {
      final LocalDate start = start(listing);
      if (start != null && !start.isAfter(sale.getCloseDate())) {
        out.setDaysOnMarket(Math.toIntExact(ChronoUnit.DAYS.between(start, sale.getCloseDate())));
      }
      final Long listPrice = listing.getListPriceCents();
      if (listPrice != null && listPrice > 0) {
        final long ratioBps = Rounding.halfUp(price * 10_000L, listPrice);
        if (ratioBps <= Integer.MAX_VALUE) { // an absurd list price gives no ratio, not a failure
          out.setSaleToListRatioBps((int) ratioBps);
        }
      }
    }
    return out.build();
  }

  /** Whether {@code sale} is the close of {@code listing} (the MLS record of that listing). */
  static boolean isCloseOf(final Sale sale, final Listing listing) {
    return sale.getSource() == SourceFeed.RESO
        && ("reso:" + listing.getListingKey()).equals(sale.getSourceKey());
  }

  /** The day the listing went on the market: OnMarketDate, else ListingContractDate. */
  static LocalDate start(final Listing listing) {
    return listing.getOnMarketDate() != null
        ? listing.getOnMarketDate()
        : listing.getListingContractDate();
  }

  /** The months at whose last day the listing was on the market, oldest first. */
  static List<YearMonth> inventoryMonths(final Listing listing, final LocalDate start) {
    final LocalDate modified =
        LocalDate.ofInstant(listing.getModificationTimestamp(), ZoneOffset.UTC);
    final YearMonth first = YearMonth.from(start);
    final YearMonth last;
    if (OPEN.contains(listing.getStandardStatus())) {
      last = YearMonth.from(modified);
    } else {
      final LocalDate end =
          listing.getStandardStatus() == ListingStatus.CLOSED && listing.getCloseDate() != null
              ? listing.getCloseDate()
              : modified;
      // on the market at the end of month M iff start <= M's last day < end: every month before
      // the end month (the end month's last day is never before the end)
      last = YearMonth.from(end).minusMonths(1);
    }
    if (last.isBefore(first)) {
      return List.of();
    }
    final YearMonth from =
        first.plusMonths(
            Math.max(0, first.until(last, ChronoUnit.MONTHS) + 1 - MAX_INVENTORY_MONTHS));
    final List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }
}
