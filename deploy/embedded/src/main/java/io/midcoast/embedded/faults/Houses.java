package io.midcoast.embedded.faults;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ground truth of the houses of a {@link TruthFeed}: every house, its MLS listings with each
 * version the MLS published, and its county deeds. A house is a pure function of the seed and its
 * index, so the feed can be rendered again on demand.
 */
final class Houses {

  /** First day a listing may start. */
  static final LocalDate FIRST_START = LocalDate.of(2019, 1, 7);

  /** Days over which listing starts are spread (the last one in mid 2023). */
  static final int START_DAYS = 1_630;

  /** A synthetic market: one city with its postal codes, subdivisions and price level. */
  record Market(
      String city,
      String state,
      String county,
      List<String> postals,
      List<String> subdivisions,
      int dollarsPerSqft,
      long latMicros,
      long lonMicros,
      String zoning) {}

  /** The markets, at other price levels than the Ames demo data. */
  static final List<Market> MARKETS =
      List.of(
          new Market(
              "Riverton",
              "OR",
              "Marion",
              List.of("97301", "97302", "97304"),
              List.of("Riverton Heights", "Old Mill", "Riverbend", "Cedar Hollow"),
              265,
              44_942_100L,
              -123_035_100L,
              "R1"),
          new Market(
              "Lakeview",
              "MN",
              "Hennepin",
              List.of("55401", "55405"),
              List.of("Lakeview_North", "Lakeview_South", "Birch Point"),
              190,
              44_977_800L,
              -93_265_000L,
              "R2"),
          new Market(
              "Highmont",
              "CO",
              "Boulder",
              List.of("80301", "80302", "80303"),
              List.of("Highmont Ranch", "Aspen Ridge", "Foothills"),
              410,
              40_015_000L,
              -105_270_500L,
              "RL"),
          new Market(
              "Sandport",
              "FL",
              "Gulf",
              List.of("33701", "33702"),
              List.of("Sandport Shores", "Harbor View"),
              230,
              27_770_600L,
              -82_679_300L,
              "RS-1"),
          new Market(
              "Prairie City",
              "KS",
              "Douglas",
              List.of("66044", "66046"),
              List.of("Prairie Meadows", "Old Town"),
              120,
              38_971_700L,
              -95_235_300L,
              "RM"));

  private static final List<String> STREET_NAMES =
      List.of(
          "Maple",
          "Oak",
          "Cedar",
          "Birch",
          "Willow",
          "Aspen",
          "Juniper",
          "Sycamore",
          "Chestnut",
          "Hawthorn",
          "Magnolia",
          "Laurel",
          "Spruce",
          "Poplar",
          "Alder",
          "Hemlock",
          "Linden",
          "Walnut",
          "Hickory",
          "Cypress",
          "Redwood",
          "Dogwood",
          "Elm",
          "Pine",
          "Larch");

  /** USPS abbreviation and the word a county clerk writes. */
  private static final List<String[]> SUFFIXES =
      List.of(
          new String[] {"ST", "Street"},
          new String[] {"AVE", "Avenue"},
          new String[] {"DR", "Drive"},
          new String[] {"LN", "Lane"},
          new String[] {"CT", "Court"},
          new String[] {"RD", "Road"},
          new String[] {"BLVD", "Boulevard"},
          new String[] {"PL", "Place"},
          new String[] {"TER", "Terrace"},
          new String[] {"CIR", "Circle"});

  /**
   * Sale deeds as county clerks write them: warranty, special warranty, grant, bargain and sale
   * deeds and a plain deed (docs/analytics.md, "Which deeds are sales").
   */
  private static final List<String> SALE_DEEDS =
      List.of("WD", "Warranty Deed", "SWD", "S.W.D.", "GD", "DEED", "BSD");

  /** A quitclaim: recorded, kept in the property's sales, but not a market sale. */
  private static final String QUITCLAIM = "QCD";

  /**
   * A street address.
   *
   * @param number house number
   * @param north whether the street has the directional prefix N (North)
   * @param name street name as the MLS writes it, e.g. {@code Maple}
   * @param suffix USPS suffix, e.g. {@code ST}
   * @param suffixWord the suffix as a word, e.g. {@code Street}
   * @param unit unit identifier, or null
   */
  record Street(
      String number, boolean north, String name, String suffix, String suffixWord, String unit) {

    /** The normalized street without number and unit, e.g. {@code N MAPLE ST}. */
    String normalizedStreet() {
      return (north ? "N " : "") + name.toUpperCase(Locale.ROOT) + " " + suffix;
    }

    /** The same street with the last letter of its name missing (a typo the MLS corrects). */
    Street misspelled() {
      return new Street(
          number, north, name.substring(0, name.length() - 1), suffix, suffixWord, unit);
    }
  }

  /**
   * One version of a listing as the MLS published it.
   *
   * @param rawStatus StandardStatus as sent ({@code Delete} for a delete)
   * @param modified ModificationTimestamp
   * @param listPrice ListPrice in dollars
   * @param closePrice ClosePrice in dollars, or 0
   * @param closeDate CloseDate, or null
   * @param livingArea LivingArea of this version (an early version may carry a typo)
   * @param street the address of this version (the first may be misspelled)
   */
  record Version(
      String rawStatus,
      Instant modified,
      long listPrice,
      long closePrice,
      LocalDate closeDate,
      int livingArea,
      Street street) {

    boolean isDelete() {
      return rawStatus.equals("Delete");
    }
  }

  /**
   * One MLS listing.
   *
   * @param key ListingKey
   * @param contractDate ListingContractDate
   * @param onMarketDate OnMarketDate, or null (not sent)
   * @param originalListPrice OriginalListPrice in dollars
   * @param agentKey ListAgentKey
   * @param specialConditions SpecialListingConditions as sent (a String List), or null
   * @param versions the versions, oldest first
   */
  record Listing(
      String key,
      LocalDate contractDate,
      LocalDate onMarketDate,
      long originalListPrice,
      String agentKey,
      String specialConditions,
      List<Version> versions) {

    Version latest() {
      return versions.get(versions.size() - 1);
    }

    LocalDate start() {
      return onMarketDate != null ? onMarketDate : contractDate;
    }
  }

  /**
   * One county deed.
   *
   * @param apn the parcel number
   * @param date sale date
   * @param priceDollars sale price in dollars
   * @param documentType document type as recorded
   * @param marketSale whether the deed records a market sale (a sale deed, not a quitclaim)
   */
  record Deed(
      String apn, LocalDate date, long priceDollars, String documentType, boolean marketSale) {}

  /**
   * One house.
   *
   * @param index its index in the feed
   * @param market its market
   * @param postal five-digit postal code
   * @param zipPlus4 the postal code as the feeds send it (sometimes ZIP+4)
   * @param subdivision subdivision, or null
   * @param street the true address
   * @param partsAddress whether the MLS sends the address in parts (else UnparsedAddress)
   * @param numbersAsText whether the MLS sends counts as numeric strings
   * @param bedrooms bedrooms
   * @param bathrooms whole bathrooms (the county adds a half bath to some)
   * @param halfBath whether the county reports an extra half bath
   * @param livingArea living area, sqft
   * @param lotSize lot size, sqft
   * @param yearBuilt year built
   * @param garage garage spaces
   * @param fireplaces fireplaces
   * @param cooling CoolingYN
   * @param subType PropertySubType
   * @param lat latitude, micro-degrees
   * @param lon longitude, micro-degrees
   * @param listings MLS listings, oldest first
   * @param deeds county deeds, oldest first
   */
  record House(
      int index,
      Market market,
      String postal,
      String zipPlus4,
      String subdivision,
      Street street,
      boolean partsAddress,
      boolean numbersAsText,
      int bedrooms,
      int bathrooms,
      boolean halfBath,
      int livingArea,
      long lotSize,
      int yearBuilt,
      int garage,
      int fireplaces,
      boolean cooling,
      String subType,
      long lat,
      long lon,
      List<Listing> listings,
      List<Deed> deeds) {

    String apn() {
      return String.format(
          Locale.ROOT, "%03d-%05d-%02d", market.postals().indexOf(postal), index, index % 97);
    }

    String latitude() {
      return BigDecimal.valueOf(lat, 6).toPlainString();
    }

    String longitude() {
      return BigDecimal.valueOf(lon, 6).toPlainString();
    }
  }

  private Houses() {}

  /** House {@code index} of the feed of {@code seed}. */
  static House house(final long seed, final int index) {
    final SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    final Market market = MARKETS.get(r.nextInt(MARKETS.size()));
    final String postal = market.postals().get(r.nextInt(market.postals().size()));
    final String zip =
        r.nextInt(4) == 0
            ? postal + "-" + String.format(Locale.ROOT, "%04d", r.nextInt(1, 10_000))
            : postal;
    final String subdivision =
        r.nextInt(10) == 0
            ? null
            : market.subdivisions().get(r.nextInt(market.subdivisions().size()));
    final String[] suffix = SUFFIXES.get(r.nextInt(SUFFIXES.size()));
    final boolean condo = r.nextInt(20) == 0;
    final Street street =
        new Street(
            Integer.toString(100 + index),
            r.nextInt(5) == 0,
            STREET_NAMES.get(r.nextInt(STREET_NAMES.size())),
            suffix[0],
            suffix[1],
            condo ? Integer.toString(1 + r.nextInt(30)) : null);
    final int area = condo ? 600 + r.nextInt(900) : 850 + r.nextInt(3_100);
    final int beds = Math.max(1, Math.min(6, area / 600 + r.nextInt(2)));
    final int baths = Math.max(1, Math.min(4, beds - r.nextInt(2)));
    final long lot = condo ? 1_000 + r.nextInt(2_000) : 3_000 + r.nextInt(27_000);
    final List<Listing> listings = new ArrayList<>();
    final List<Deed> deeds = new ArrayList<>();
    final House shell =
        new House(
            index,
            market,
            postal,
            zip,
            subdivision,
            street,
            r.nextBoolean(),
            r.nextInt(8) == 0,
            beds,
            baths,
            r.nextInt(3) == 0,
            area,
            lot,
            1920 + r.nextInt(103),
            r.nextInt(4),
            r.nextInt(3),
            r.nextInt(3) > 0,
            condo ? "Condominium" : "Single Family Residence",
            market.latMicros() + r.nextInt(-60_000, 60_000),
            market.lonMicros() + r.nextInt(-60_000, 60_000),
            listings,
            deeds);
    plan(r, shell);
    return shell;
  }

  /** The listings and deeds of a house. */
  private static void plan(final SplittableRandom r, final House house) {
    final long fairPrice =
        roundTo(
            (long)
                (house.livingArea()
                    * house.market().dollarsPerSqft()
                    * (0.75 + 0.5 * r.nextDouble())),
            1_000);
    final boolean typo = r.nextInt(50) == 0;
    final int outcome = r.nextInt(100);
    final LocalDate start = FIRST_START.plusDays(r.nextInt(START_DAYS));
    final Listing first =
        listing(r, house, 'A', start, fairPrice, outcome, typo, r.nextInt(100) < 5 && !typo);
    house.listings().add(first);
    final Version last = first.latest();
    final boolean closed = last.closeDate() != null || closedBeforeDelete(first);
    if (closed) {
      final Version close = closeVersion(first);
      deedFor(r, house, close.closeDate(), close.closePrice());
      if (!last.isDelete() && r.nextInt(33) == 0) {
        // sold again: a new listing some months after the first close
        final LocalDate again = close.closeDate().plusDays(90 + r.nextInt(310));
        final Listing second =
            listing(
                r,
                house,
                'B',
                again,
                roundTo(close.closePrice() * 108 / 100, 1_000),
                0,
                false,
                false);
        house.listings().add(second);
        final Version close2 = second.latest();
        deedFor(r, house, close2.closeDate(), close2.closePrice());
      } else if (r.nextInt(70) == 0) {
        // a family transfer a year or so later: a quitclaim, stored but not a market sale
        house
            .deeds()
            .add(
                new Deed(
                    house.apn(),
                    close.closeDate().plusDays(200 + r.nextInt(300)),
                    2_000 + r.nextInt(8_000),
                    QUITCLAIM,
                    false));
      }
    } else if (!last.isDelete()
        && r.nextInt(4) == 0
        && (last.rawStatus().equals("Withdrawn") || last.rawStatus().equals("Expired"))) {
      // sold off-market after the listing ended: only the county knows
      final LocalDate date =
          LocalDate.ofInstant(last.modified(), ZoneOffset.UTC).plusDays(30 + r.nextInt(90));
      house
          .deeds()
          .add(new Deed(house.apn(), date, roundTo(fairPrice * 97 / 100, 500), "WD", true));
    }
    house.deeds().sort(java.util.Comparator.comparing(Deed::date));
  }

  private static boolean closedBeforeDelete(final Listing listing) {
    return listing.versions().size() > 1
        && listing.versions().get(listing.versions().size() - 2).closeDate() != null;
  }

  private static Version closeVersion(final Listing listing) {
    for (int v = listing.versions().size() - 1; v >= 0; v--) {
      if (listing.versions().get(v).closeDate() != null) {
        return listing.versions().get(v);
      }
    }
    throw new IllegalStateException("listing " + listing.key() + " never closed");
  }

  /** The deed of an MLS close for most of them: 0 to 7 days later, the same price. */
  private static void deedFor(
      final SplittableRandom r, final House house, final LocalDate close, final long price) {
    if (r.nextInt(100) < 65) {
      house
          .deeds()
          .add(
              new Deed(
                  house.apn(),
                  close.plusDays(r.nextInt(8)),
                  price,
                  SALE_DEEDS.get(r.nextInt(SALE_DEEDS.size())),
                  true));
    }
  }

  /**
   * One listing: Active, maintenance updates, price cuts, then its outcome (0–69 closed, 70–79
   * still active, 80–83 active under contract, 84–88 pending, 89–92 withdrawn, 93–95 canceled,
   * 96–97 expired, 98–99 hold), and a Delete after it all when {@code deleted}.
   */
  private static Listing listing(
      final SplittableRandom r,
      final House house,
      final char letter,
      final LocalDate contract,
      final long price,
      final int outcome,
      final boolean typo,
      final boolean deleted) {
    final String key = "TF" + house.index() + "-" + letter;
    final LocalDate onMarket = r.nextBoolean() ? contract.plusDays(r.nextInt(4)) : null;
    final List<Version> versions = new ArrayList<>();
    final int wrongArea =
        r.nextInt(20) == 0 ? house.livingArea() + 100 + r.nextInt(400) : house.livingArea();
    Instant at =
        contract.atTime(9 + r.nextInt(8), r.nextInt(60), r.nextInt(60)).toInstant(ZoneOffset.UTC);
    long listPrice = price;
    final Street street = house.street();
    versions.add(
        new Version(
            "Active", at, listPrice, 0, null, wrongArea, typo ? street.misspelled() : street));
    final int updates = r.nextInt(4) + (typo ? 1 : 0);
    for (int u = 0; u < updates; u++) {
      at = at.plusSeconds(3_600L * (6 + r.nextInt(24 * 6)));
      versions.add(new Version("Active", at, listPrice, 0, null, house.livingArea(), street));
    }
    final int cuts = r.nextInt(3);
    for (int c = 0; c < cuts; c++) {
      at = at.plusSeconds(86_400L * (5 + r.nextInt(30)));
      listPrice = roundTo(listPrice * (95 + r.nextInt(4)) / 100, 1_000);
      versions.add(new Version("Active", at, listPrice, 0, null, house.livingArea(), street));
    }
    if (outcome < 70) {
      if (r.nextInt(3) > 0) {
        at = at.plusSeconds(86_400L * (3 + r.nextInt(40)));
        final String status =
            r.nextBoolean()
                ? "Pending"
                : r.nextBoolean() ? "Active Under Contract" : "ActiveUnderContract";
        versions.add(new Version(status, at, listPrice, 0, null, house.livingArea(), street));
      }
      final LocalDate closeDate =
          LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(10 + r.nextInt(50));
      final long closePrice = roundTo(listPrice * (93 + r.nextInt(14)) / 100, 500);
      at =
          closeDate
              .atTime(12 + r.nextInt(8), r.nextInt(60))
              .toInstant(ZoneOffset.UTC)
              .plusSeconds(86_400L * r.nextInt(3));
      versions.add(
          new Version("Closed", at, listPrice, closePrice, closeDate, house.livingArea(), street));
    } else if (outcome >= 80) {
      final String status =
          outcome < 84
              ? "Active Under Contract"
              : outcome < 89
                  ? "Pending"
                  : outcome < 93
                      ? "Withdrawn"
                      : outcome < 96 ? "Cancelled" : outcome < 98 ? "Expired" : "Hold";
      at = at.plusSeconds(86_400L * (7 + r.nextInt(90)));
      versions.add(new Version(status, at, listPrice, 0, null, house.livingArea(), street));
    }
    if (deleted) {
      at = at.plusSeconds(86_400L * (1 + r.nextInt(60)));
      versions.add(new Version("Delete", at, 0, 0, null, 0, street));
    }
    final int agent = 1 + r.nextInt(60);
    final String conditions =
        r.nextInt(25) == 0 ? "Short Sale, Standard" : r.nextBoolean() ? "Standard" : null;
    return new Listing(
        key,
        contract,
        onMarket,
        price,
        "AG-" + house.market().state() + "-" + agent,
        conditions,
        List.copyOf(versions));
  }

  static long roundTo(final long value, final long step) {
    return Math.max(step, (value + step / 2) / step * step);
  }
}
