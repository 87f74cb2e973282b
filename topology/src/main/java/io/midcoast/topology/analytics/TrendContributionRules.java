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
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
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
 *
 * <p><b>Bound.</b> What a property contributes is kept as the contributions stage's state, so it is
 * bounded ({@link #bounded}): the current listing, then the market sales newest first (close date,
 * then source key), each with its own listing's events, are taken while their contributions fit in
 * {@value #MAX_CONTRIBUTION_BYTES} bytes serialized; the first that does not fit and every older
 * sale are left out. Still a pure function of the property.
 */
public final class TrendContributionRules {

  /**
   * The most month ends one listing counts in inventory, counted from its start month: a listing is
   * never in inventory more than this many months after it went on the market.
   */
  public static final int INVENTORY_HORIZON_MONTHS = 24;

  /**
   * The most bytes a property's contributions take serialized as {@code TrendContributions} ({@link
   * #bounded}): 256 KiB, half the 512 KiB budget of a store value, so that the record of one cell
   * on the repartition topic (the property's retractions and additions for that cell) stays under
   * it too.
   */
  public static final int MAX_CONTRIBUTION_BYTES = 256 * 1024;

  /**
   * What a {@code TrendContributions} takes beyond its items: the single-object header (10 bytes),
   * the array's item count (at most 5) and its end marker (1).
   */
  private static final int ENVELOPE_BYTES = 16;

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
   * Every contribution of {@code property} within the bound ({@link #bounded}), each with delta +1,
   * in a deterministic order.
   *
   * @param property the current view, or null (a tombstone: contributes nothing)
   */
  public static List<CellContribution> of(final Property property) {
    return bounded(property).contributions();
  }

  /**
   * What a property contributes within {@value #MAX_CONTRIBUTION_BYTES} bytes.
   *
   * @param contributions the contributions kept, each with delta +1, in a deterministic order
   * @param leftOut how many of the property's listings and market sales were left out (0 for any
   *     realistic property)
   */
  public record Bounded(List<CellContribution> contributions, int leftOut) {}

  /**
   * Every contribution of {@code property}, each with delta +1, in a deterministic order: those of
   * the current listing, then of the market sales newest first (close date, then source key), each
   * sale with its own listing's, as long as they fit in {@value #MAX_CONTRIBUTION_BYTES} bytes
   * serialized; the first that does not fit and every older sale are left out.
   *
   * @param property the current view, or null (a tombstone: contributes nothing)
   */
  public static Bounded bounded(final Property property) {
    if (property == null || property.getAddress() == null) {
      return new Bounded(List.of(), 0);
    }
    final List<String> regions = regions(property.getAddress());
    if (regions.isEmpty()) {
      return new Bounded(List.of(), 0);
    }
    // one group per market sale (its SALE and its earlier listing's events), then the current
    // listing's: in this order in the output, kept newest first within the bound
    final List<Group> groups = new ArrayList<>();
    final Listing listing = property.getListing();
    final Integer livingArea =
        property.getCharacteristics() == null
            ? null
            : property.getCharacteristics().getLivingAreaSqft();
    for (final Sale sale : property.getSales()) {
      if (!isMarketSale(sale)) {
        continue;
      }
      final List<Event> events = new ArrayList<>();
      final SaleListing saleListing = SaleListing.of(sale, listing);
      events.add(
          new Event(YearMonth.from(sale.getCloseDate()), sale(sale, livingArea, saleListing)));
      final boolean ofCurrentListing = listing != null && isCloseOf(sale, listing);
      if (!ofCurrentListing && saleListing != null && saleListing.start() != null) {
        // an earlier listing of the property, closed by this sale: on the market until the close
        listingEvents(events, saleListing.start(), sale.getCloseDate(), false);
      }
      groups.add(new Group(sale.getCloseDate(), sale.getSourceKey(), events));
    }
    if (listing != null && !NOT_ON_MARKET.contains(listing.getStandardStatus())) {
      final LocalDate start = start(listing);
      if (start != null) {
        final LocalDate lastKnown = lastKnown(listing);
        final List<Event> events = new ArrayList<>();
        listingEvents(
            events, start, lastKnown, ACTIVE_INVENTORY.contains(listing.getStandardStatus()));
        groups.add(new Group(null, null, events));
      }
    }
    final Set<Group> kept = withinBound(groups, regions);
    final List<CellContribution> contributions = new ArrayList<>();
    for (final String region : regions) {
      for (final Group group : groups) {
        if (!kept.contains(group)) {
          continue;
        }
        for (final Event event : group.events()) {
          contributions.add(
              CellContribution.newBuilder()
                  .setCell(region + ":" + event.month())
                  .setContribution(event.contribution())
                  .build());
        }
      }
    }
    return new Bounded(contributions, groups.size() - kept.size());
  }

  private record Event(YearMonth month, TrendContribution contribution) {}

  /**
   * The events of one market sale (its close date and source key) or of the current listing (both
   * null).
   */
  private record Group(LocalDate closeDate, String sourceKey, List<Event> events) {}

  /** The current listing first, then the sales newest first (close date, then source key). */
  private static final Comparator<Group> PRIORITY =
      Comparator.comparing(Group::closeDate, Comparator.nullsFirst(Comparator.reverseOrder()))
          .thenComparing(Group::sourceKey, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** The groups taken in {@link #PRIORITY} order while they fit in the bound. */
  private static Set<Group> withinBound(final List<Group> groups, final List<String> regions) {
    final List<Group> byPriority = new ArrayList<>(groups);
    byPriority.sort(PRIORITY);
    final Set<Group> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    final int[] regionBytes = new int[regions.size()];
    for (int r = 0; r < regionBytes.length; r++) {
      regionBytes[r] = utf8Length(regions.get(r)) + 1; // "<region>:"
    }
    long bytes = ENVELOPE_BYTES;
    for (final Group group : byPriority) {
      for (final Event event : group.events()) {
        final int month = event.month().toString().length(); // ASCII
        final int rest = serializedSize(event.contribution());
        for (final int region : regionBytes) {
          bytes += varintSize(region + month) + region + month + rest;
        }
      }
      if (bytes > MAX_CONTRIBUTION_BYTES) {
        break;
      }
      kept.add(group);
    }
    return kept;
  }

  /** The Avro binary size of a contribution (kind, delta, the four optional figures). */
  private static int serializedSize(final TrendContribution c) {
    return varintSize(c.getKind().ordinal())
        + varintSize(c.getDelta())
        + optionalSize(c.getClosePriceCents())
        + optionalSize(c.getPricePerSqftCents())
        + optionalSize(c.getDaysOnMarket())
        + optionalSize(c.getSaleToListRatioBps());
  }

  /** A union of null and a number: its branch index, then the number when present. */
  private static int optionalSize(final Number value) {
    return 1 + (value == null ? 0 : varintSize(value.longValue()));
  }

  /** The bytes of Avro's zig-zag variable-length encoding of {@code value}. */
  private static int varintSize(final long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    int bytes = 1;
    while ((zigzag & ~0x7FL) != 0) {
      zigzag >>>= 7;
      bytes++;
    }
    return bytes;
  }

  private static int utf8Length(final String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

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
