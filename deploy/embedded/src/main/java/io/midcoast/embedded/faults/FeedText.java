package io.midcoast.embedded.faults;

import io.midcoast.embedded.faults.Houses.Deed;
import io.midcoast.embedded.faults.Houses.House;
import io.midcoast.embedded.faults.Houses.Listing;
import io.midcoast.embedded.faults.Houses.Street;
import io.midcoast.embedded.faults.Houses.Version;
import io.midcoast.embedded.faults.Leads.Event;
import io.midcoast.embedded.faults.Leads.Lead;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Renders the ground truth as upstream feeds would send it: RESO Property JSON (one record, or an
 * OData page), county recorder CSV lines, lead event JSON. The renderings vary the way feeds do
 * (address in parts or on one line, ZIP+4, numbers as strings, {@code $452,000}, {@code M/D/YYYY},
 * street words spelled out by the county), always to values that normalize to the truth.
 */
final class FeedText {

  private FeedText() {}

  /** One RESO record of version {@code v} of {@code listing}. */
  static String reso(final House house, final Listing listing, final int v) {
    final Json json = new Json();
    reso(json, house, listing, listing.versions().get(v));
    return json.toString();
  }

  /** An OData page holding every version of {@code listing}, oldest first. */
  static String page(final House house, final Listing listing) {
    final Json json = new Json();
    json.raw("{\"value\":[");
    for (int v = 0; v < listing.versions().size(); v++) {
      if (v > 0) {
        json.raw(",");
      }
      reso(json, house, listing, listing.versions().get(v));
    }
    return json.raw("]}").toString();
  }

  private static void reso(
      final Json json, final House house, final Listing listing, final Version version) {
    json.open()
        .text("ListingKey", listing.key())
        .text("StandardStatus", version.rawStatus())
        .text("ModificationTimestamp", version.modified().toString());
    if (version.isDelete()) {
      json.close();
      return;
    }
    json.number("ListPrice", version.listPrice())
        .number("OriginalListPrice", listing.originalListPrice());
    if (version.closeDate() != null) {
      json.number("ClosePrice", version.closePrice())
          .text("CloseDate", version.closeDate().toString());
    }
    json.text("ListingContractDate", listing.contractDate().toString());
    if (listing.onMarketDate() != null) {
      json.text("OnMarketDate", listing.onMarketDate().toString());
    }
    final Street street = version.street();
    if (house.partsAddress()) {
      json.text("StreetNumber", street.number());
      if (street.north()) {
        json.text("StreetDirPrefix", "N");
      }
      json.text("StreetName", street.name()).text("StreetSuffix", titleCase(street.suffix()));
      if (street.unit() != null) {
        json.text("UnitNumber", street.unit());
      }
    } else {
      json.text(
          "UnparsedAddress",
          street.number()
              + (street.north() ? " N " : " ")
              + street.name()
              + " "
              + titleCase(street.suffix())
              + (street.unit() == null ? "" : ", Apt " + street.unit())
              + ", "
              + house.market().city()
              + ", "
              + house.market().state()
              + " "
              + house.zipPlus4());
    }
    json.text("City", house.market().city())
        .text("StateOrProvince", house.market().state())
        .text("PostalCode", house.zipPlus4())
        .text("CountyOrParish", house.market().county());
    if (house.subdivision() != null) {
      json.text("SubdivisionName", house.subdivision());
    }
    json.raw(",\"Latitude\":")
        .raw(house.latitude())
        .raw(",\"Longitude\":")
        .raw(house.longitude())
        .text("PropertyType", "Residential")
        .text("PropertySubType", house.subType())
        .count("BedroomsTotal", house.bedrooms(), house.numbersAsText())
        .count("BathroomsTotalInteger", house.bathrooms(), house.numbersAsText())
        .count("LivingArea", version.livingArea(), house.numbersAsText())
        .number("LotSizeSquareFeet", house.lotSize())
        .count("YearBuilt", house.yearBuilt(), house.numbersAsText())
        .text("Zoning", house.market().zoning())
        .number("GarageSpaces", house.garage())
        .number("FireplacesTotal", house.fireplaces())
        .raw(",\"CoolingYN\":")
        .raw(Boolean.toString(house.cooling()))
        .text("ListAgentKey", listing.agentKey());
    if (listing.specialConditions() != null) {
      json.text("SpecialListingConditions", listing.specialConditions());
    }
    json.close();
  }

  /** The county recorder's CSV line of {@code deed}. */
  static String county(final House house, final Deed deed) {
    final Street street = house.street();
    final boolean odd = house.index() % 2 == 1;
    final String situs =
        street.number()
            + (street.north() ? " North " : " ")
            + street.name()
            + " "
            + street.suffixWord()
            + (street.unit() == null ? "" : " Unit " + street.unit());
    final String price =
        odd
            ? String.format(Locale.ROOT, "\"$%,d\"", deed.priceDollars())
            : Long.toString(deed.priceDollars());
    return String.join(
            ",",
            situs,
            odd ? house.market().city().toUpperCase(Locale.ROOT) : house.market().city(),
            house.market().state(),
            house.zipPlus4(),
            odd ? usDate(deed.date()) : deed.date().toString(),
            price,
            deed.documentType(),
            Integer.toString(house.livingArea()),
            Long.toString(house.lotSize()),
            Integer.toString(house.yearBuilt()),
            Integer.toString(house.bedrooms()),
            house.halfBath() ? house.bathrooms() + ".5" : Integer.toString(house.bathrooms()),
            landUse(house),
            house.latitude(),
            house.longitude())
        .transform(line -> deed.apn() + "," + line);
  }

  /** The county land-use code of a house. */
  static String landUse(final House house) {
    return house.street().unit() == null ? "SFR" : "CONDO";
  }

  /** One lead event as JSON. */
  static String lead(final Lead lead, final Event event) {
    final Json json =
        new Json()
            .open()
            .text("eventId", event.id())
            .text("leadId", lead.id())
            .text("type", event.type())
            .text("occurredAt", event.at().toString());
    if (event.listingKey() != null) {
      json.text("listingKey", event.listingKey());
    }
    if (event.agentId() != null) {
      json.text("agentId", event.agentId());
    }
    json.raw(",\"attributes\":").open();
    if (event.type().equals("created")) {
      json.text("name", lead.name())
          .text("email", lead.id().toLowerCase(Locale.ROOT) + "@example.com")
          .text("phone", "555-01" + (lead.id().hashCode() & 0xff))
          .text("source", lead.source());
      if (lead.budgetMin() != null) {
        json.number("budgetMin", lead.budgetMin()).number("budgetMax", lead.budgetMax());
      }
      json.text("timeline", lead.timeline())
          .text("propertyType", lead.propertyType())
          .text("location", lead.location())
          .raw(",\"preApproved\":")
          .raw(Boolean.toString(lead.preApproved()));
    } else if (event.status() != null) {
      json.text("status", event.status());
    }
    return json.close().close().toString();
  }

  /**
   * The invalid inputs: kind {@code k % INVALID_KINDS.size()} of {@link #INVALID_KINDS}, each with
   * exactly one defect, so the stage and reason of its dead letter are known.
   */
  static final List<Invalid> INVALID_KINDS =
      List.of(
          new Invalid(Invalid.RESO, "collect", "MALFORMED_JSON"),
          new Invalid(Invalid.RESO, "collect", "EMPTY_RECORD"),
          new Invalid(Invalid.RESO, "validate", "MISSING_REQUIRED_FIELD"),
          new Invalid(Invalid.RESO, "validate", "PRICE_OUT_OF_RANGE"),
          new Invalid(Invalid.RESO, "process", "NO_LOCATION"),
          new Invalid(Invalid.RESO, "validate", "UNKNOWN_STATUS"),
          new Invalid(Invalid.RESO, "validate", "CLOSE_PRICE_NOT_CLOSED"),
          new Invalid(Invalid.RESO, "process", "WRONG_FIELD_TYPE"),
          new Invalid(Invalid.RESO, "validate", "LIVING_AREA_OUT_OF_RANGE"),
          new Invalid(Invalid.COUNTY, "collect", "MALFORMED_CSV"),
          new Invalid(Invalid.COUNTY, "process", "INVALID_DATE"),
          new Invalid(Invalid.COUNTY, "validate", "MISSING_REQUIRED_FIELD"),
          new Invalid(Invalid.LEAD, "leads-parse", "MALFORMED_JSON"),
          new Invalid(Invalid.LEAD, "leads-parse", "UNKNOWN_EVENT_TYPE"),
          new Invalid(Invalid.LEAD, "leads-parse", "UNKNOWN_LEAD_STATUS"),
          new Invalid(Invalid.LEAD, "leads-parse", "MISSING_REQUIRED_FIELD"));

  /**
   * One kind of invalid input.
   *
   * @param feed {@link #RESO}, {@link #COUNTY} or {@link #LEAD}
   * @param stage the dead letter's stage
   * @param reason the dead letter's reason
   */
  record Invalid(int feed, String stage, String reason) {
    static final int RESO = 0;
    static final int COUNTY = 1;
    static final int LEAD = 2;

    /** {@code "<stage>/<REASON>"}. */
    String code() {
      return stage + "/" + reason;
    }
  }

  /** The value of invalid input {@code k} (valid in all but its one defect). */
  static String invalid(final int k) {
    final String key = "TFX-" + k;
    final String record =
        "\"ListingKey\":\""
            + key
            + "\",\"ModificationTimestamp\":\"2022-03-04T10:00:00Z\",\"ListingContractDate\":\"2022-03-01\"";
    final String place =
        ",\"UnparsedAddress\":\""
            + (9_000 + k)
            + " Quarry Rd\",\"City\":\"Riverton\","
            + "\"StateOrProvince\":\"OR\",\"PostalCode\":\"97301\"";
    final String county = "X-" + k + "," + (9_000 + k) + " Quarry Road,Riverton,OR,97301,";
    final String lead = "\"eventId\":\"TLX-" + k + "\",\"occurredAt\":\"2022-03-04T10:00:00Z\"";
    return switch (k % INVALID_KINDS.size()) {
      case 0 -> "{" + record + place + ",\"StandardStatus\":\"Active\",\"ListPrice\":";
      case 1 -> "";
      case 2 ->
          "{\"StandardStatus\":\"Active\",\"ModificationTimestamp\":\"2022-03-04T10:00:00Z\",\"ListPrice\":300000"
              + place
              + "}";
      case 3 -> "{" + record + place + ",\"StandardStatus\":\"Active\",\"ListPrice\":250}";
      case 4 ->
          "{"
              + record
              + ",\"StandardStatus\":\"Active\",\"ListPrice\":300000,\"City\":\"Riverton\"}";
      case 5 -> "{" + record + place + ",\"StandardStatus\":\"Sold Maybe\",\"ListPrice\":300000}";
      case 6 ->
          "{"
              + record
              + place
              + ",\"StandardStatus\":\"Active\",\"ListPrice\":300000,\"ClosePrice\":295000}";
      case 7 ->
          "{" + record + place + ",\"StandardStatus\":\"Active\",\"ListPrice\":\"three hundred\"}";
      case 8 ->
          "{"
              + record
              + place
              + ",\"StandardStatus\":\"Active\",\"ListPrice\":300000,\"LivingArea\":12}";
      case 9 -> county + "2022-03-04,300000,WD,1500,6000,1990,3,2,SFR,44.9";
      case 10 -> county + "not a date,300000,WD,1500,6000,1990,3,2,SFR,44.9,-123.0";
      case 11 -> county + "2022-03-04,,WD,1500,6000,1990,3,2,SFR,44.9,-123.0";
      case 12 -> "{" + lead + ",\"leadId\":\"TLX-" + k + "\",\"type\":\"inquiry\",\"attributes\":{";
      case 13 ->
          "{" + lead + ",\"leadId\":\"TLX-" + k + "\",\"type\":\"tweeted\",\"attributes\":{}}";
      case 14 ->
          "{"
              + lead
              + ",\"leadId\":\"TLX-"
              + k
              + "\",\"type\":\"status_changed\",\"attributes\":{\"status\":\"ghosted\"}}";
      default -> "{" + lead + ",\"type\":\"inquiry\",\"attributes\":{}}";
    };
  }

  private static String usDate(final LocalDate date) {
    return date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear();
  }

  private static String titleCase(final String word) {
    return word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
  }

  /** A minimal JSON writer for the ASCII texts of the feed. */
  private static final class Json {
    private final StringBuilder out = new StringBuilder(1_024);
    private boolean first = true;

    Json open() {
      out.append('{');
      first = true;
      return this;
    }

    Json close() {
      out.append('}');
      first = false;
      return this;
    }

    Json raw(final String text) {
      out.append(text);
      first = false;
      return this;
    }

    Json text(final String name, final String value) {
      return name(name).quoted(value);
    }

    Json number(final String name, final long value) {
      name(name).out.append(value);
      return this;
    }

    Json count(final String name, final long value, final boolean asText) {
      return asText ? text(name, Long.toString(value)) : number(name, value);
    }

    private Json name(final String name) {
      if (!first) {
        out.append(',');
      }
      first = false;
      return quoted(name).raw(":");
    }

    private Json quoted(final String value) {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        final char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('"');
      return this;
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }
}
