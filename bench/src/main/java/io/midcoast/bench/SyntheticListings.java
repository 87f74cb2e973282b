package io.midcoast.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic RESO Property records for load tests: the fields of the Ames demo feed
 * ({@code io.midcoast.embedded.AmesFeed}) plus a street address, postal code and listing agent, so
 * every record resolves to an ADDRESS propertyId and passes validation.
 *
 * <p>Record {@code i} (0-based) is a pure function of {@code (seed, i)}: the same bytes every run.
 * ListingKeys ({@code SYN-<i>}) and addresses ({@code <house> <street> <suffix>}, postal code) are
 * distinct for every {@code i} below {@link #MAX_RECORDS}, so {@code n} records yield {@code n}
 * distinct propertyIds.
 */
public final class SyntheticListings {

  /** Default seed of the benchmarks. */
  public static final long DEFAULT_SEED = 20_240_601L;

  /** Records with distinct addresses: house numbers 1..9999 on every street of every ZIP. */
  public static final long MAX_RECORDS;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private static final List<String> STREETS =
      List.of(
          "Maple",
          "Oak",
          "Cedar",
          "Elm",
          "Pine",
          "Walnut",
          "Hickory",
          "Lincoln",
          "Washington",
          "Jefferson",
          "Franklin",
          "Grand",
          "Hyland",
          "Stange",
          "Duff",
          "Story",
          "Ontario",
          "Lincoln Way",
          "Northwestern",
          "Meadowlane",
          "Ridgewood",
          "Clark",
          "Kellogg",
          "Burnett",
          "Carroll",
          "Douglas",
          "Garden",
          "Hayward",
          "Lynn",
          "Wilmoth");

  private static final List<String> SUFFIXES =
      List.of("Street", "Avenue", "Drive", "Court", "Lane", "Road", "Circle", "Place");

  private static final List<String> NEIGHBORHOODS =
      List.of(
          "North_Ames",
          "College_Creek",
          "Old_Town",
          "Edwards",
          "Somerset",
          "Northridge_Heights",
          "Gilbert",
          "Sawyer",
          "Northwest_Ames",
          "Sawyer_West",
          "Mitchell",
          "Brookside",
          "Crawford",
          "Iowa_DOT_and_Rail_Road",
          "Timberland",
          "Northridge",
          "Stone_Brook");

  private static final List<String> SUBTYPES =
      List.of(
          "SingleFamilyResidence",
          "SingleFamilyResidence",
          "SingleFamilyResidence",
          "Townhouse",
          "Duplex");

  private static final List<String> ZONING = List.of("RL", "RM", "FV", "RH", "C (all)");

  private static final List<String> STATUSES = List.of("Closed", "Closed", "Active", "Pending");

  /** ZIP codes 50010..50109: 100 postal codes. */
  private static final int POSTAL_CODES = 100;

  private static final int HOUSE_NUMBERS = 9_999;

  static {
    MAX_RECORDS = (long) STREETS.size() * SUFFIXES.size() * POSTAL_CODES * HOUSE_NUMBERS;
  }

  private final long seed;

  /** Records from {@code seed}. */
  public SyntheticListings(final long seed) {
    this.seed = seed;
  }

  /** The record's ListingKey, also its message key. */
  public static String listingKey(final long i) {
    return "SYN-" + i;
  }

  /** Record {@code i} as a JSON object. */
  public ObjectNode record(final long i) {
    if (i < 0 || i >= MAX_RECORDS) {
      throw new IllegalArgumentException("record " + i + " not in 0.." + (MAX_RECORDS - 1));
    }
    final SplittableRandom random = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
    // a bijection i -> (street, suffix, postal code, house number): distinct addresses
    long rest = i;
    final String street = STREETS.get((int) (rest % STREETS.size()));
    rest /= STREETS.size();
    final String suffix = SUFFIXES.get((int) (rest % SUFFIXES.size()));
    rest /= SUFFIXES.size();
    final int postal = 50_010 + (int) (rest % POSTAL_CODES);
    rest /= POSTAL_CODES;
    final long house = 1 + rest;

    final String status = STATUSES.get(random.nextInt(STATUSES.size()));
    final LocalDate contract = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3_500));
    final LocalDate close = contract.plusDays(random.nextInt(20, 90));
    final long listPrice = 1_000L * random.nextInt(60, 750);
    final long originalPrice = listPrice + 1_000L * random.nextInt(0, 25);
    final int livingArea = random.nextInt(600, 4_200);
    final ObjectNode record = JSON.createObjectNode();
    record.put("ListingKey", listingKey(i));
    record.put("StandardStatus", status);
    record.put(
        "ModificationTimestamp",
        ("Closed".equals(status) ? close : contract)
            + String.format(Locale.ROOT, "T%02d:%02d:00Z", random.nextInt(24), random.nextInt(60)));
    record.put("ListingContractDate", contract.toString());
    if ("Closed".equals(status)) {
      record.put("CloseDate", close.toString());
      record.put("ClosePrice", listPrice - 1_000L * random.nextInt(0, 15));
    }
    record.put("ListPrice", listPrice);
    record.put("OriginalListPrice", originalPrice);
    record.put("PropertyType", "Residential");
    record.put("PropertySubType", SUBTYPES.get(random.nextInt(SUBTYPES.size())));
    record.put("BedroomsTotal", random.nextInt(1, 6));
    record.put("BathroomsTotalInteger", random.nextInt(1, 4));
    record.put("LivingArea", livingArea);
    record.put("LivingAreaUnits", "Square Feet");
    record.put("LotSizeSquareFeet", random.nextInt(1_500, 40_000));
    record.put("YearBuilt", random.nextInt(1880, 2023));
    record.put("UnparsedAddress", house + " " + street + " " + suffix);
    record.put("City", "Ames");
    record.put("StateOrProvince", "IA");
    record.put("PostalCode", Integer.toString(postal));
    record.put("CountyOrParish", "Story");
    record.put("SubdivisionName", NEIGHBORHOODS.get(random.nextInt(NEIGHBORHOODS.size())));
    record.put("Latitude", coordinate(41.98 + random.nextDouble() * 0.08));
    record.put("Longitude", coordinate(-93.69 + random.nextDouble() * 0.10));
    record.put("Zoning", ZONING.get(random.nextInt(ZONING.size())));
    record.put("GarageSpaces", random.nextInt(0, 4));
    record.put("ListAgentKey", "AGT-" + random.nextInt(1, 400));
    return record;
  }

  /** Record {@code i} as the UTF-8 JSON bytes sent to {@code feeds.reso.property}. */
  public byte[] bytes(final long i) {
    try {
      return JSON.writeValueAsBytes(record(i));
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal coordinate(final double value) {
    return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
  }
}
