package io.midcoast.embedded.faults;

import io.midcoast.embedded.faults.Houses.Deed;
import io.midcoast.embedded.faults.Houses.House;
import io.midcoast.embedded.faults.Houses.Listing;
import io.midcoast.embedded.faults.Houses.Street;
import io.midcoast.embedded.faults.Houses.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code property} row a house must end as, worked out from its ground truth with the merge
 * rules of docs/ingest.md, independently of the topology: per source record only its newest version
 * counts (a Delete removes the listing); RESO records take precedence over county deeds, newest
 * first, field by field; the listing is that of the newest RESO record; the sales are every MLS
 * close plus every deed not within 7 days of an MLS close of the house.
 */
final class PropertyTruth {

  /** Statuses that list a price on an estimate (docs/estimates.md). */
  private static final Set<String> LISTED = Set.of("ACTIVE", "ACTIVE_UNDER_CONTRACT", "PENDING");

  /** Statuses that are in active inventory (docs/analytics.md). */
  private static final Set<String> ACTIVE = Set.of("ACTIVE", "ACTIVE_UNDER_CONTRACT");

  /**
   * One distinct sale.
   *
   * @param mls an MLS close (else a county deed)
   * @param marketSale an MLS close or a sale deed (what the trends count)
   * @param sourceKey the sale's source key
   * @param close close date
   * @param priceCents close price
   * @param documentType the deed's document type, null for an MLS close
   * @param listPriceCents the closed listing's list price (MLS close only)
   * @param listingStart the closed listing's start (MLS close only)
   */
  record SaleFact(
      boolean mls,
      boolean marketSale,
      String sourceKey,
      LocalDate close,
      long priceCents,
      String documentType,
      Long listPriceCents,
      LocalDate listingStart) {}

  /**
   * The current listing as the trends see it.
   *
   * @param status ListingStatus name
   * @param start OnMarketDate, else ListingContractDate
   * @param lastKnown the close date when closed, else the date of its ModificationTimestamp
   * @param key the ListingKey
   */
  record ListingFact(String status, LocalDate start, LocalDate lastKnown, String key) {

    boolean active() {
      return ACTIVE.contains(status);
    }
  }

  /**
   * A property as it must end.
   *
   * @param id propertyId
   * @param row the property row
   * @param regions the trend regions ({@code postal:...}, {@code city:...}, {@code
   *     subdivision:...})
   * @param livingArea living area, or null
   * @param sales distinct sales, oldest first
   * @param listing the current listing, or null
   */
  record Truth(
      String id,
      Map<String, String> row,
      List<String> regions,
      Integer livingArea,
      List<SaleFact> sales,
      ListingFact listing) {}

  /** One live source record of a house. */
  private record Observation(
      boolean mls,
      String sourceKey,
      Instant version,
      Map<String, String> columns,
      Listing listing,
      Version latest,
      Deed deed) {}

  private static final Comparator<Observation> PRECEDENCE =
      Comparator.comparing((Observation o) -> !o.mls())
          .thenComparing(Observation::version, Comparator.reverseOrder())
          .thenComparing(Observation::sourceKey);

  private static final Comparator<SaleFact> SALE_ORDER =
      Comparator.comparing(SaleFact::close)
          .thenComparing(s -> s.mls() ? 0 : 1)
          .thenComparing(SaleFact::sourceKey);

  private PropertyTruth() {}

  /** The propertyId of a house at {@code street} (the ADDRESS rule of docs/ingest.md). */
  static String propertyId(final House house, final Street street) {
    return slug(house.postal() + "-" + street.number() + " " + street.normalizedStreet())
        + (street.unit() == null ? "" : "-u" + slug(street.unit()));
  }

  /** The property a house ends as, or null when nothing of it is live (every listing deleted). */
  static Truth of(final House house) {
    final List<Observation> live = new ArrayList<>();
    for (final Listing listing : house.listings()) {
      final Version latest = listing.latest();
      if (!latest.isDelete()) {
        live.add(
            new Observation(
                true,
                "reso:" + listing.key(),
                latest.modified(),
                mlsColumns(house, latest),
                listing,
                latest,
                null));
      }
    }
    for (final Deed deed : house.deeds()) {
      live.add(
          new Observation(
              false,
              "county:" + deed.apn() + ":" + deed.date(),
              deed.date().atStartOfDay().toInstant(ZoneOffset.UTC),
              countyColumns(house),
              null,
              null,
              deed));
    }
    if (live.isEmpty()) {
      return null;
    }
    live.sort(PRECEDENCE);
    final String id = propertyId(house, house.street());
    final Map<String, String> row = new LinkedHashMap<>();
    row.put("property_id", id);
    row.put("id_kind", "ADDRESS");
    for (final Observation o : live) {
      o.columns().forEach(row::putIfAbsent);
    }
    final Observation first = live.get(0);
    final ListingFact listing = first.mls() ? listingColumns(row, first) : null;
    final List<SaleFact> sales = sales(live);
    final SaleFact last = sales.isEmpty() ? null : sales.get(sales.size() - 1);
    row.put("last_sale_source", last == null ? null : last.mls() ? "RESO" : "COUNTY");
    row.put("last_sale_source_key", last == null ? null : last.sourceKey());
    row.put("last_sale_document_type", last == null ? null : last.documentType());
    row.put("last_sale_close_date", last == null ? null : last.close().toString());
    row.put("last_sale_close_price_cents", last == null ? null : Long.toString(last.priceCents()));
    row.put("last_sale_list_price_cents", last == null ? null : text(last.listPriceCents()));
    row.put("last_sale_listing_start_date", last == null ? null : text(last.listingStart()));
    row.put(
        "updated_at",
        PgText.timestamp(
            live.stream().map(Observation::version).max(Comparator.naturalOrder()).get()));
    final List<String> regions = new ArrayList<>();
    regions.add("postal:" + row.get("address_postal_code"));
    regions.add("city:" + row.get("address_city"));
    if (row.get("address_subdivision") != null) {
      regions.add("subdivision:" + row.get("address_subdivision"));
    }
    final String area = row.get("living_area_sqft");
    final Map<String, String> full = new LinkedHashMap<>();
    for (final String column : COLUMNS) {
      full.put(column, row.get(column));
    }
    return new Truth(
        id,
        full,
        List.copyOf(regions),
        area == null ? null : Integer.valueOf(area),
        sales,
        listing);
  }

  /** The property_estimate row of a property (what the truth predicts of it). */
  static Map<String, String> estimateRow(final Truth truth) {
    final Map<String, String> row = new LinkedHashMap<>();
    row.put("property_id", truth.id());
    row.put("model_id", "midcoast-price");
    row.put("model_version", "1.0.0");
    row.put("city", truth.row().get("address_city"));
    row.put("subdivision", truth.row().get("address_subdivision"));
    row.put(
        "list_price_cents",
        truth.listing() != null && LISTED.contains(truth.listing().status())
            ? truth.row().get("listing_list_price_cents")
            : null);
    return row;
  }

  /** The columns of table property the truth predicts (all but sales and sources), in order. */
  static final List<String> COLUMNS =
      List.of(
          "property_id",
          "id_kind",
          "address_street_number",
          "address_street_name",
          "address_unit_number",
          "address_line",
          "address_city",
          "address_state_or_province",
          "address_postal_code",
          "address_county",
          "address_subdivision",
          "address_latitude",
          "address_longitude",
          "property_type",
          "property_sub_type",
          "bedrooms",
          "bathrooms",
          "living_area_sqft",
          "lot_size_sqft",
          "year_built",
          "zoning",
          "garage_spaces",
          "land_use",
          "listing_key",
          "listing_standard_status",
          "listing_raw_status",
          "listing_list_price_cents",
          "listing_original_list_price_cents",
          "listing_close_price_cents",
          "listing_close_date",
          "listing_contract_date",
          "listing_on_market_date",
          "listing_list_agent_key",
          "listing_modification_timestamp",
          "last_sale_source",
          "last_sale_source_key",
          "last_sale_close_date",
          "last_sale_close_price_cents",
          "last_sale_document_type",
          "updated_at",
          "year_built_effective",
          "below_grade_finished_area_sqft",
          "below_grade_unfinished_area_sqft",
          "bathrooms_full",
          "bathrooms_half",
          "fireplaces_total",
          "rooms_total",
          "cooling_yn",
          "architectural_style",
          "construction_materials",
          "foundation_details",
          "overall_condition",
          "pool_private_yn",
          "new_construction_yn",
          "attached_garage_yn",
          "listing_special_listing_conditions",
          "last_sale_list_price_cents",
          "last_sale_listing_start_date");

  /** Address and characteristics of an MLS record (null columns left out: coalesced later). */
  private static Map<String, String> mlsColumns(final House house, final Version version) {
    final Map<String, String> c = address(house, version.street(), "APT ");
    c.put("address_county", house.market().county().toUpperCase(Locale.ROOT));
    if (house.subdivision() != null) {
      c.put("address_subdivision", house.subdivision());
    }
    c.put("property_type", "Residential");
    c.put("property_sub_type", house.subType());
    c.put("bedrooms", Integer.toString(house.bedrooms()));
    c.put("bathrooms", Integer.toString(house.bathrooms()));
    c.put("living_area_sqft", Integer.toString(version.livingArea()));
    c.put("lot_size_sqft", Long.toString(house.lotSize()));
    c.put("year_built", Integer.toString(house.yearBuilt()));
    c.put("zoning", house.market().zoning());
    c.put("garage_spaces", Integer.toString(house.garage()));
    c.put("fireplaces_total", Integer.toString(house.fireplaces()));
    c.put("cooling_yn", Boolean.toString(house.cooling()));
    return c;
  }

  /** Address and characteristics of a county deed (the clerk writes units as {@code Unit n}). */
  private static Map<String, String> countyColumns(final House house) {
    final Map<String, String> c = address(house, house.street(), "UNIT ");
    c.put("bedrooms", Integer.toString(house.bedrooms()));
    c.put("bathrooms", Integer.toString(house.bathrooms()));
    c.put("living_area_sqft", Integer.toString(house.livingArea()));
    c.put("lot_size_sqft", Long.toString(house.lotSize()));
    c.put("year_built", Integer.toString(house.yearBuilt()));
    c.put("land_use", FeedText.landUse(house));
    return c;
  }

  private static Map<String, String> address(
      final House house, final Street street, final String unitDesignator) {
    final Map<String, String> c = new LinkedHashMap<>();
    final String unit = street.unit() == null ? null : unitDesignator + street.unit();
    c.put("address_street_number", street.number());
    c.put("address_street_name", street.normalizedStreet());
    if (unit != null) {
      c.put("address_unit_number", unit);
    }
    c.put(
        "address_line",
        street.number() + " " + street.normalizedStreet() + (unit == null ? "" : " " + unit));
    c.put("address_city", house.market().city().toUpperCase(Locale.ROOT));
    c.put("address_state_or_province", house.market().state());
    c.put("address_postal_code", house.postal());
    c.put("address_latitude", PgText.decimal(house.latitude()));
    c.put("address_longitude", PgText.decimal(house.longitude()));
    return c;
  }

  private static ListingFact listingColumns(final Map<String, String> row, final Observation o) {
    final Listing listing = o.listing();
    final Version v = o.latest();
    final String status = status(v.rawStatus());
    row.put("listing_key", listing.key());
    row.put("listing_standard_status", status);
    row.put("listing_raw_status", v.rawStatus());
    row.put("listing_list_price_cents", Long.toString(v.listPrice() * 100));
    row.put("listing_original_list_price_cents", Long.toString(listing.originalListPrice() * 100));
    row.put(
        "listing_close_price_cents",
        v.closeDate() == null ? null : Long.toString(v.closePrice() * 100));
    row.put("listing_close_date", text(v.closeDate()));
    row.put("listing_contract_date", listing.contractDate().toString());
    row.put("listing_on_market_date", text(listing.onMarketDate()));
    row.put("listing_list_agent_key", listing.agentKey());
    row.put("listing_modification_timestamp", PgText.timestamp(v.modified()));
    row.put(
        "listing_special_listing_conditions",
        listing.specialConditions() == null
            ? null
            : listing.specialConditions().replace(", ", ","));
    final LocalDate lastKnown =
        status.equals("CLOSED") ? v.closeDate() : LocalDate.ofInstant(v.modified(), ZoneOffset.UTC);
    return new ListingFact(status, listing.start(), lastKnown, listing.key());
  }

  /** Every MLS close, and every deed not within 7 days of an MLS close, oldest first. */
  private static List<SaleFact> sales(final List<Observation> live) {
    final List<SaleFact> mls = new ArrayList<>();
    for (final Observation o : live) {
      if (o.mls() && o.latest().closeDate() != null) {
        mls.add(
            new SaleFact(
                true,
                true,
                o.sourceKey(),
                o.latest().closeDate(),
                o.latest().closePrice() * 100,
                null,
                o.latest().listPrice() * 100,
                o.listing().start()));
      }
    }
    final List<SaleFact> sales = new ArrayList<>(mls);
    for (final Observation o : live) {
      if (!o.mls()) {
        final Deed deed = o.deed();
        final boolean sameAsMls =
            mls.stream()
                .anyMatch(m -> Math.abs(ChronoUnit.DAYS.between(m.close(), deed.date())) <= 7);
        if (!sameAsMls) {
          sales.add(
              new SaleFact(
                  false,
                  deed.marketSale(),
                  o.sourceKey(),
                  deed.date(),
                  deed.priceDollars() * 100,
                  deed.documentType(),
                  null,
                  null));
        }
      }
    }
    sales.sort(SALE_ORDER);
    return List.copyOf(sales);
  }

  /** The ListingStatus of a raw StandardStatus of the feed. */
  static String status(final String raw) {
    return switch (raw) {
      case "Active" -> "ACTIVE";
      case "Active Under Contract", "ActiveUnderContract" -> "ACTIVE_UNDER_CONTRACT";
      case "Pending" -> "PENDING";
      case "Closed" -> "CLOSED";
      case "Withdrawn" -> "WITHDRAWN";
      case "Cancelled" -> "CANCELED";
      case "Expired" -> "EXPIRED";
      case "Hold" -> "HOLD";
      default -> throw new IllegalArgumentException("status " + raw + " is not generated");
    };
  }

  private static String text(final Object value) {
    return value == null ? null : value.toString();
  }

  private static String slug(final String text) {
    final String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return slug.replaceAll("^-+|-+$", "");
  }
}
