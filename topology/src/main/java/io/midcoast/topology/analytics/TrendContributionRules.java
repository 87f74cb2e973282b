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
import io.midcoast.topology.catalog.TrendKeys;
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
 * The rules are documented in docs/analytics.md; in short:
 *
 * <ul>
 *   <li><b>SALE</b>, per element of {@code Property.sales} (distinct sales: ingest already merged
 *       an MLS close and a county deed within 7 days into one) that is a market sale — an MLS
 *       close, or a county deed whose document type is a sale deed ({@link #isSaleDeed}) — in the
 *       month of its close date: the close price; the price per sq ft ({@code closePriceCents /
 *       livingAreaSqft}, half up) when the living area is known; when the sale's listing is known
 *       the days on market (close date − listing start, when ≥ 0) and the sale-to-list ratio
 *       ({@code closePrice × 10000 / listPrice}, basis points, half up). The listing facts come
 *       from the sale itself ({@code Sale.listPriceCents}, {@code Sale.listingStartDate}, set by
 *       ingest for an MLS close); a sale stored before those fields existed falls back to the
 *       property's current listing when it is that listing's close.
 *   <li><b>NEW_LISTING</b> in the month of a listing's start date ({@code OnMarketDate}, else
 *       {@code ListingContractDate}), and <b>ACTIVE_AT_MONTH_END</b> for every month end the
 *       listing was in active inventory ({@link #inventoryMonths}). The listings are the property's
 *       current listing and the closed listing of every other MLS close in {@code sales} (known
 *       from the sale's own listing facts, so a relisted property keeps its earlier sold listing).
 *       A listing in status COMING_SOON, INCOMPLETE, DELETE or UNKNOWN is not on the market, and a
 *       listing whose start date is after the last date known of it (its close date when closed,
 *       else the date of its ModificationTimestamp) cannot have been on the market yet: both
 *       contribute nothing.
 * </ul>
 */
public final class TrendContributionRules {

  /**
   * The most month ends one listing counts in inventory, counted from its start month: a listing is
   * never in inventory more than this many months after it went on the market.
   */
  public static final int INVENTORY_HORIZON_MONTHS = 24;

  private static final Set<ListingStatus> NOT_ON_MARKET =
      EnumSet.of(
          ListingStatus.COMING_SOON,
          ListingStatus.INCOMPLETE,
          ListingStatus.DELETE,
          ListingStatus.UNKNOWN);

  /**
   * Active inventory: listings still on the market. RESO ACTIVE_UNDER_CONTRACT (an accepted offer,
   * still marketed and taking backup offers) counts, as in common MLS practice; PENDING (under
   * contract, no longer marketed) does not.
   */
  static final Set<ListingStatus> ACTIVE_INVENTORY =
      EnumSet.of(ListingStatus.ACTIVE, ListingStatus.ACTIVE_UNDER_CONTRACT);

  /**
   * County deed document types that record a sale (normalized: upper case, letters and digits
   * only): warranty deeds (WD, GWD, SWD, SD), grant deeds (GD), bargain and sale deeds (BSD), and a
   * plain "DEED". Any other type — quitclaims (QCD, QC), transfer-on-death deeds, trustee's and
   * sheriff's deeds, mortgages, liens, releases — is not a market sale.
   */
  static final Set<String> SALE_DEED_TYPES =
      Set.of(
          "WD",
          "WARRANTYDEED",
          "GWD",
          "GENERALWARRANTYDEED",
          "SWD",
          "SD",
          "SPECIALWARRANTYDEED",
          "GD",
          "GRANTDEED",
          "BSD",
          "BARGAINANDSALEDEED",
          "DEED");

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
      if (!isMarketSale(sale)) {
        continue;
      }
      final SaleListing saleListing = SaleListing.of(sale, listing);
      events.add(
          new Event(YearMonth.from(sale.getCloseDate()), sale(sale, livingArea, saleListing)));
      final boolean ofCurrentListing = listing != null && isCloseOf(sale, listing);
      if (!ofCurrentListing && saleListing != null && saleListing.start() != null) {
        // an earlier listing of the property, closed by this sale: on the market until the close
        listingEvents(events, saleListing.start(), sale.getCloseDate(), false);
      }
    }
    if (listing != null && !NOT_ON_MARKET.contains(listing.getStandardStatus())) {
      final LocalDate start = start(listing);
      if (start != null) {
        final LocalDate lastKnown = lastKnown(listing);
        listingEvents(
            events, start, lastKnown, ACTIVE_INVENTORY.contains(listing.getStandardStatus()));
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

  /** The listing facts of a sale: from the sale, else (older data) from the listing it closed. */
  private record SaleListing(LocalDate start, Long listPriceCents) {

    static SaleListing of(final Sale sale, final Listing listing) {
      if (sale.getSource() != SourceFeed.RESO) {
        return null;
      }
      if (sale.getListingStartDate() != null || sale.getListPriceCents() != null) {
        return new SaleListing(sale.getListingStartDate(), sale.getListPriceCents());
      }
      if (listing != null && isCloseOf(sale, listing)) {
        return new SaleListing(TrendContributionRules.start(listing), listing.getListPriceCents());
      }
      return null;
    }
  }

  private static TrendContribution sale(
      final Sale sale, final Integer livingArea, final SaleListing listing) {
    final long price = sale.getClosePriceCents();
    final TrendContribution.Builder out =
        TrendContribution.newBuilder()
            .setKind(TrendContributionKind.SALE)
            .setDelta(1)
            .setClosePriceCents(price);
    if (livingArea != null && livingArea > 0) {
      out.setPricePerSqftCents(Rounding.halfUp(price, livingArea));
    }
    if (listing != null) {
      final LocalDate start = listing.start();
      if (start != null && !start.isAfter(sale.getCloseDate())) {
        out.setDaysOnMarket(Math.toIntExact(ChronoUnit.DAYS.between(start, sale.getCloseDate())));
      }
      final Long listPrice = listing.listPriceCents();
      if (listPrice != null && listPrice > 0) {
        final long ratioBps = Rounding.halfUp(price * 10_000L, listPrice);
        if (ratioBps <= Integer.MAX_VALUE) { // an absurd list price gives no ratio, not a failure
          out.setSaleToListRatioBps((int) ratioBps);
        }
      }
    }
    return out.build();
  }

  /**
   * Whether {@code sale} counts as a market sale: every MLS close; a county deed whose document
   * type is a sale deed ({@link #SALE_DEED_TYPES}) or missing (a county feed that does not send the
   * type).
   */
  static boolean isMarketSale(final Sale sale) {
    return sale.getSource() == SourceFeed.RESO || isSaleDeed(sale.getDocumentType());
  }

  /** Whether a county document type records a sale; a missing type counts as one. */
  static boolean isSaleDeed(final String documentType) {
    if (documentType == null) {
      return true;
    }
    final StringBuilder normalized = new StringBuilder(documentType.length());
    for (int i = 0; i < documentType.length(); i++) {
      final char c = Character.toUpperCase(documentType.charAt(i));
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        normalized.append(c);
      }
    }
    return normalized.isEmpty() || SALE_DEED_TYPES.contains(normalized.toString());
  }

  /**
   * Adds a listing's NEW_LISTING and ACTIVE_AT_MONTH_END events, unless its start is after the last
   * date known of it.
   */
  private static void listingEvents(
      final List<Event> events,
      final LocalDate start,
      final LocalDate lastKnown,
      final boolean activeInventory) {
    if (start.isAfter(lastKnown)) {
      return;
    }
    events.add(new Event(YearMonth.from(start), contribution(TrendContributionKind.NEW_LISTING)));
    for (final YearMonth month : inventoryMonths(start, lastKnown, activeInventory)) {
      events.add(new Event(month, contribution(TrendContributionKind.ACTIVE_AT_MONTH_END)));
    }
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

  /**
   * The last date known of a listing: its close date when CLOSED with one, else the date (UTC) of
   * its ModificationTimestamp (the last thing the feed told us).
   */
  static LocalDate lastKnown(final Listing listing) {
    return listing.getStandardStatus() == ListingStatus.CLOSED && listing.getCloseDate() != null
        ? listing.getCloseDate()
        : LocalDate.ofInstant(listing.getModificationTimestamp(), ZoneOffset.UTC);
  }

  /**
   * The months at whose last day a listing was in active inventory, oldest first: from its start
   * month through the month of {@code lastKnown} while it is still in active inventory ({@code
   * activeInventory}), else through the month before the month it left on ({@code lastKnown}: it
   * left on that day, so it is not counted at the end of that day's month); never more than {@value
   * #INVENTORY_HORIZON_MONTHS} month ends from the start month.
   */
  static List<YearMonth> inventoryMonths(
      final LocalDate start, final LocalDate lastKnown, final boolean activeInventory) {
    final YearMonth first = YearMonth.from(start);
    final YearMonth leftBound =
        activeInventory ? YearMonth.from(lastKnown) : YearMonth.from(lastKnown).minusMonths(1);
    final YearMonth horizon = first.plusMonths(INVENTORY_HORIZON_MONTHS - 1L);
    final YearMonth last = leftBound.isAfter(horizon) ? horizon : leftBound;
    final List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }
}
