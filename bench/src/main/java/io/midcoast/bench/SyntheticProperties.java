package io.midcoast.bench;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.catalog.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic {@code property.state} changes for the estimates benchmark: merged {@link Property}
 * records as the ingest topology publishes them, in several markets (cities) of {@value
 * #SUBDIVISIONS} subdivisions each, with characteristics in the ranges of the Ames data (living
 * area, lot, year built, rooms, garage, zoning, subtype, coordinates around a subdivision centre)
 * and prices correlated with size, age, condition and the subdivision's price level, which drifts
 * up about 4 % a year with noise.
 *
 * <p>The sequence is a pure function of the seed and the settings: {@link #initialStock} first
 * creates every market's stock ({@code homes} houses, about half with county sales of the past
 * eight years, a third listed), all at the start date; then each {@link #next} is one change: with
 * probability {@code newShare} a house seen for the first time (same mix), otherwise an update of a
 * house already published, following an MLS life cycle (off market → Active → price cut or Pending
 * → Closed with a sale; a few cancellations). Half of the updates go to houses on the market, so
 * sales keep closing. Event time ({@code updatedAt}) advances by the same step on every change so
 * each market sees {@code changesPerMarketDay} changes per event-time day: every day the market
 * clock moves, closed sales enter the regional indexes' 12-month windows and old ones leave, and
 * the estimate stage re-estimates whole subdivisions.
 */
public final class SyntheticProperties {

  /** Default seed of the benchmark. */
  public static final long DEFAULT_SEED = SyntheticListings.DEFAULT_SEED;

  /** Subdivisions per market. */
  public static final int SUBDIVISIONS = 25;

  /** Event time of the initial stock and of the first change. */
  public static final Instant START = Instant.parse("2016-01-04T00:00:00Z");

  private static final List<String> CITIES =
      List.of(
          "AMES",
          "ANKENY",
          "URBANDALE",
          "WEST DES MOINES",
          "BOONE",
          "NEVADA",
          "JOHNSTON",
          "ALTOONA",
          "HUXLEY",
          "INDIANOLA");

  private static final List<String> SUBDIVISION_WORDS =
      List.of(
          "North",
          "South",
          "East",
          "West",
          "Old_Town",
          "College",
          "Creek",
          "Ridge",
          "Heights",
          "Park",
          "Meadow",
          "Brook",
          "Timber",
          "Stone",
          "Gilbert",
          "Sawyer",
          "Mitchell",
          "Crawford",
          "Somerset",
          "Edwards",
          "Briardale",
          "Bluestem",
          "Greens",
          "Veenker",
          "Clear_Creek");

  private static final List<String> STREETS =
      List.of(
          "MAPLE ST",
          "OAK AVE",
          "CEDAR DR",
          "ELM CT",
          "PINE LN",
          "WALNUT RD",
          "HICKORY CIR",
          "LINCOLN WAY",
          "GRAND AVE",
          "STANGE RD",
          "DUFF AVE",
          "ONTARIO ST",
          "CLARK AVE");

  private static final List<String> ZONING = List.of("RL", "RL", "RL", "RM", "FV", "RH");

  private static final List<String> STYLES =
      List.of("One_Story", "Two_Story", "One_and_Half_Fin", "Split_Level", "SLvl");

  private static final List<String> EXTERIORS =
      List.of("VinylSd", "HdBoard", "MetalSd", "Wd Sdng", "Plywood", "CemntBd", "BrkFace");

  private static final List<String> FOUNDATIONS = List.of("PConc", "CBlock", "BrkTil", "Slab");

  private record Subdivision(
      String name,
      double pricePerSqft,
      double latitude,
      double longitude,
      int typicalArea,
      int era,
      String zoning,
      double lotFactor) {}

  private record Market(String city, String postalPrefix, List<Subdivision> subdivisions) {}

  /** Where a house is in its MLS life cycle. */
  private enum Stage {
    OFF_MARKET,
    ACTIVE,
    PENDING
  }

  private static final class Home {
    final String id;
    final int market;
    final Subdivision subdivision;
    final Address address;
    final Characteristics characteristics;
    final List<Sale> sales = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();
    Listing listing;
    Stage stage = Stage.OFF_MARKET;
    int listings;

    Home(
        final String id,
        final int market,
        final Subdivision subdivision,
        final Address address,
        final Characteristics characteristics) {
      this.id = id;
      this.market = market;
      this.subdivision = subdivision;
      this.address = address;
      this.characteristics = characteristics;
    }
  }

  /**
   * One change of {@code property.state}.
   *
   * @param property the new version (its propertyId is the message key)
   * @param created true when the house is published for the first time
   */
  public record Change(Property property, boolean created) {}

  private final SplittableRandom random;
  private final List<Market> markets = new ArrayList<>();
  private final List<List<Home>> homesByMarket = new ArrayList<>();
  private final List<List<Home>> onMarketByMarket = new ArrayList<>();
  private final int homesPerMarket;
  private final double newShare;
  private final long stepMillis;
  private Instant clock = START;
  private long sequence;
  private long created;

  /**
   * @param seed the seed
   * @param markets markets (cities), at most {@value #MAX_MARKETS}
   * @param homesPerMarket houses per market in the initial stock
   * @param changesPerMarketDay changes each market sees per event-time day
   * @param newShare share of changes that publish a house for the first time
   */
  public SyntheticProperties(
      final long seed,
      final int markets,
      final int homesPerMarket,
      final int changesPerMarketDay,
      final double newShare) {
    if (markets < 1 || markets > MAX_MARKETS) {
      throw new IllegalArgumentException("markets must be 1.." + MAX_MARKETS + ": " + markets);
    }
    this.random = new SplittableRandom(seed);
    this.homesPerMarket = homesPerMarket;
    this.newShare = newShare;
    this.stepMillis = Math.max(1, 86_400_000L / ((long) changesPerMarketDay * markets));
    for (int m = 0; m < markets; m++) {
      this.markets.add(market(m));
      homesByMarket.add(new ArrayList<>());
      onMarketByMarket.add(new ArrayList<>());
    }
  }

  /** Markets this generator can make. */
  public static final int MAX_MARKETS = 10;

  /** The initial stock of every market, all at {@link #START}, round-robin over the markets. */
  public List<Change> initialStock() {
    final List<Change> out = new ArrayList<>();
    for (int i = 0; i < homesPerMarket * markets.size(); i++) {
      out.add(create(i % markets.size()));
    }
    return out;
  }

  /** The next change; event time advances by one step. */
  public Change next() {
    clock = clock.plusMillis(stepMillis);
    final int m = random.nextInt(markets.size());
    if (homesByMarket.get(m).isEmpty() || random.nextDouble() < newShare) {
      return create(m);
    }
    final List<Home> onMarket = onMarketByMarket.get(m);
    final Home home =
        !onMarket.isEmpty() && random.nextBoolean()
            ? onMarket.get(random.nextInt(onMarket.size()))
            : homesByMarket.get(m).get(random.nextInt(homesByMarket.get(m).size()));
    update(home);
    return new Change(property(home), false);
  }

  /** Event time of the latest change. */
  public Instant clock() {
    return clock;
  }

  /** Houses published so far. */
  public long created() {
    return created;
  }

  /** Houses currently on the market (Active or Pending). */
  public long onMarket() {
    return onMarketByMarket.stream().mapToLong(List::size).sum();
  }

  /** The market (city) names in use. */
  public List<String> cities() {
    return markets.stream().map(Market::city).toList();
  }

  // ---- markets ---------------------------------------------------------------------------------

  private Market market(final int m) {
    final double lat = 41.5 + random.nextDouble() * 0.6;
    final double lon = -93.9 + random.nextDouble() * 0.6;
    final double level = 90 + random.nextDouble() * 50; // the market's $/sqft in 2016
    final List<Subdivision> subdivisions = new ArrayList<>();
    for (int s = 0; s < SUBDIVISIONS; s++) {
      final String name =
          CITIES.get(m).replace(' ', '_').charAt(0)
              + CITIES.get(m).substring(1).toLowerCase(Locale.ROOT).replace(' ', '_')
              + "_"
              + SUBDIVISION_WORDS.get(s);
      subdivisions.add(
          new Subdivision(
              name,
              level * (0.7 + random.nextDouble() * 0.7),
              lat + (random.nextDouble() - 0.5) * 0.08,
              lon + (random.nextDouble() - 0.5) * 0.10,
              1_000 + random.nextInt(1_300),
              1900 + random.nextInt(115),
              ZONING.get(random.nextInt(ZONING.size())),
              0.6 + random.nextDouble() * 1.2));
    }
    return new Market(CITIES.get(m), Integer.toString(500 + 3 * m), subdivisions);
  }

  // ---- houses ----------------------------------------------------------------------------------

  private Change create(final int m) {
    final Market market = markets.get(m);
    final Subdivision sub = market.subdivisions().get(random.nextInt(SUBDIVISIONS));
    final String id = String.format(Locale.ROOT, "SYNP-%s-%07d", market.postalPrefix(), created);
    created++;
    final Characteristics c = characteristics(sub);
    final double lat = sub.latitude() + (random.nextDouble() - 0.5) * 0.012;
    final double lon = sub.longitude() + (random.nextDouble() - 0.5) * 0.015;
    final String line =
        (100 + random.nextInt(9_800)) + " " + STREETS.get(random.nextInt(STREETS.size()));
    final Address address =
        Address.newBuilder()
            .setLine(line)
            .setCity(market.city())
            .setStateOrProvince("IA")
            .setPostalCode(market.postalPrefix() + (10 + random.nextInt(4)))
            .setCounty("STORY")
            .setSubdivision(sub.name())
            .setLatitude(Math.round(lat * 1e6) / 1e6)
            .setLongitude(Math.round(lon * 1e6) / 1e6)
            .build();
    final Home home = new Home(id, m, sub, address, c);
    // county sales of the past eight years (about half of the houses), oldest first
    if (random.nextDouble() < 0.55) {
      final int count = 1 + (random.nextDouble() < 0.25 ? 1 : 0);
      final LocalDate today = date(clock);
      LocalDate saleDate = today.minusDays(random.nextInt(300, 2_900));
      for (int k = 0; k < count && saleDate.isBefore(today); k++) {
        final long cents = cents(value(home, saleDate) * (0.92 + random.nextDouble() * 0.16));
        final String apn = "APN-" + id;
        final Sale sale =
            Sale.newBuilder()
                .setSource(SourceFeed.COUNTY)
                .setSourceKey("county:" + apn + ":" + saleDate)
                .setCloseDate(saleDate)
                .setClosePriceCents(cents)
                .setDocumentType("WD")
                .build();
        home.sales.add(sale);
        home.sources.add(
            source(SourceFeed.COUNTY, sale.getSourceKey(), Topics.COUNTY_SALE.name(), saleDate));
        saleDate = saleDate.plusDays(random.nextInt(200, 1_500));
      }
    }
    // about a third arrive with an active listing
    if (random.nextDouble() < 0.35) {
      list(home);
    }
    homesByMarket.get(m).add(home);
    return new Change(property(home), true);
  }

  private Characteristics characteristics(final Subdivision sub) {
    final double roll = random.nextDouble();
    final String subtype =
        roll < 0.80 ? "SingleFamilyResidence" : roll < 0.92 ? "Townhouse" : "Duplex";
    final int area =
        clamp((int) (sub.typicalArea() * Math.exp(random.nextGaussian() * 0.28)), 480, 4_800);
    final int bedrooms = clamp(Math.round(area / 550f) + random.nextInt(-1, 2), 1, 6);
    final int fullBaths = clamp(Math.round(area / 1_100f) + random.nextInt(0, 2), 1, 4);
    final int halfBaths = random.nextDouble() < 0.4 ? 1 : 0;
    final int year = clamp(sub.era() + (int) (random.nextGaussian() * 8), 1872, 2015);
    final long lot =
        "Townhouse".equals(subtype)
            ? 1_500 + random.nextInt(3_000)
            : (long) ((6_000 + random.nextInt(9_000)) * sub.lotFactor());
    final int basement =
        random.nextDouble() < 0.85 ? (int) (area * (0.4 + random.nextDouble() * 0.5)) : 0;
    final int finished = basement == 0 ? 0 : (int) (basement * random.nextDouble());
    final int remodel =
        random.nextDouble() < 0.35 ? year + random.nextInt(0, Math.max(1, 2016 - year)) : year;
    return Characteristics.newBuilder()
        .setPropertyType("Residential")
        .setPropertySubType(subtype)
        .setBedrooms(bedrooms)
        .setBathrooms(fullBaths + halfBaths)
        .setBathroomsFull(fullBaths)
        .setBathroomsHalf(halfBaths)
        .setLivingAreaSqft(area)
        .setLotSizeSqft(lot)
        .setYearBuilt(year)
        .setYearBuiltEffective(remodel)
        .setZoning(random.nextDouble() < 0.85 ? sub.zoning() : "RL")
        .setGarageSpaces((double) random.nextInt(0, 4))
        .setAttachedGarageYN(random.nextBoolean())
        .setBelowGradeFinishedAreaSqft(finished)
        .setBelowGradeUnfinishedAreaSqft(basement - finished)
        .setFireplacesTotal(random.nextInt(0, 3))
        .setRoomsTotal(bedrooms + 2 + random.nextInt(0, 3))
        .setCoolingYN(random.nextDouble() < 0.92)
        .setOverallCondition(clamp(5 + (int) Math.round(random.nextGaussian() * 1.1), 1, 9))
        .setArchitecturalStyle(STYLES.get(random.nextInt(STYLES.size())))
        .setConstructionMaterials(EXTERIORS.get(random.nextInt(EXTERIORS.size())))
        .setFoundationDetails(FOUNDATIONS.get(random.nextInt(FOUNDATIONS.size())))
        .build();
  }

  /** Market value in dollars: size × the subdivision's drifting $/sqft × age and condition. */
  private double value(final Home home, final LocalDate asOf) {
    final Characteristics c = home.characteristics;
    final double years = ChronoUnit.DAYS.between(LocalDate.of(2016, 1, 1), asOf) / 365.25;
    final double drift = Math.pow(1.04, years);
    final double age = Math.max(0, asOf.getYear() - c.getYearBuiltEffective());
    final double ageFactor = Math.max(0.65, 1.15 - 0.004 * age);
    final double condition = 1 + 0.05 * (c.getOverallCondition() - 5);
    final double size = Math.pow(c.getLivingAreaSqft(), 0.92) * 1.8; // bigger is cheaper per sqft
    return home.subdivision.pricePerSqft() * drift * size * ageFactor * condition;
  }

  // ---- MLS life cycle --------------------------------------------------------------------------

  private void update(final Home home) {
    switch (home.stage) {
      case OFF_MARKET -> list(home);
      case ACTIVE -> {
        if (random.nextDouble() < 0.35) {
          final long cut =
              cents(home.listing.getListPriceCents() / 100.0 * (0.94 + random.nextDouble() * 0.03));
          home.listing = listing(home, ListingStatus.ACTIVE).setListPriceCents(cut).build();
        } else {
          home.listing = listing(home, ListingStatus.PENDING).build();
          home.stage = Stage.PENDING;
        }
      }
      case PENDING -> {
        if (random.nextDouble() < 0.05) {
          home.listing = listing(home, ListingStatus.CANCELED).build();
        } else {
          final LocalDate today = date(clock);
          final long close =
              cents(home.listing.getListPriceCents() / 100.0 * (0.94 + random.nextDouble() * 0.09));
          home.listing =
              listing(home, ListingStatus.CLOSED)
                  .setClosePriceCents(close)
                  .setCloseDate(today)
                  .build();
          home.sales.add(
              Sale.newBuilder()
                  .setSource(SourceFeed.RESO)
                  .setSourceKey("reso:" + home.listing.getListingKey())
                  .setCloseDate(today)
                  .setClosePriceCents(close)
                  .build());
        }
        home.stage = Stage.OFF_MARKET;
        onMarketByMarket.get(home.market).remove(home);
      }
      default -> throw new IllegalStateException("stage " + home.stage);
    }
  }

  private void list(final Home home) {
    home.listings++;
    final LocalDate today = date(clock);
    final long price = cents(value(home, today) * (0.98 + random.nextDouble() * 0.12));
    home.listing =
        Listing.newBuilder()
            .setListingKey("SYNL-" + home.id + "-" + home.listings)
            .setStandardStatus(ListingStatus.ACTIVE)
            .setRawStatus("Active")
            .setListPriceCents(price)
            .setOriginalListPriceCents(price)
            .setListingContractDate(today)
            .setOnMarketDate(today)
            .setListAgentKey("AGT-" + random.nextInt(1, 400))
            .setModificationTimestamp(clock)
            .setSpecialListingConditions(random.nextDouble() < 0.04 ? "ShortSale" : "Standard")
            .build();
    home.sources.add(
        source(
            SourceFeed.RESO,
            "reso:" + home.listing.getListingKey(),
            Topics.RESO_PROPERTY.name(),
            today));
    home.stage = Stage.ACTIVE;
    onMarketByMarket.get(home.market).add(home);
  }

  private Listing.Builder listing(final Home home, final ListingStatus status) {
    return Listing.newBuilder(home.listing)
        .setStandardStatus(status)
        .setRawStatus(status.name())
        .setModificationTimestamp(clock);
  }

  private Property property(final Home home) {
    sequence++;
    return Property.newBuilder()
        .setPropertyId(home.id)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(home.address)
        .setCharacteristics(home.characteristics)
        .setListing(home.listing)
        .setLastSale(home.sales.isEmpty() ? null : home.sales.get(home.sales.size() - 1))
        .setSales(new ArrayList<>(home.sales))
        .setSources(new ArrayList<>(home.sources))
        .setUpdatedAt(clock)
        .build();
  }

  private SourceRef source(
      final SourceFeed feed, final String key, final String topic, final LocalDate version) {
    return SourceRef.newBuilder()
        .setFeed(feed)
        .setSourceKey(key)
        .setTopic(topic)
        .setPartition(0)
        .setOffset(sequence)
        .setVersion(version.atStartOfDay().toInstant(ZoneOffset.UTC))
        .build();
  }

  private static LocalDate date(final Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static long cents(final double dollars) {
    return Math.round(dollars / 100.0) * 100 * 100; // whole hundreds of dollars
  }

  private static int clamp(final int value, final int min, final int max) {
    return Math.max(min, Math.min(max, value));
  }

  /** The event-time step between two changes. */
  public Duration step() {
    return Duration.ofMillis(stepMillis);
  }
}
