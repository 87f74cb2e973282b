package io.midcoast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.topology.ingest.collect.CountyCollector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of hostile feed records for the three feeds (RESO listings, county sales, lead
 * events): valid records mixed with every kind of damage a real or malicious upstream can send — a
 * field of the wrong JSON type, missing or huge, NaN and Infinity, invalid UTF-8, control
 * characters, 5,000-deep nesting, truncated and random bytes, empty values, OData pages mixing good
 * and bad elements, CSV lines with the wrong column count or broken quotes, and thousands of
 * listings at one point without a street address. Unkeyed or randomly keyed, as the feed contracts
 * allow.
 *
 * <p>Each message says how many source records it holds ({@link Message#elements()}): one for a
 * single record (valid or not: a message that cannot be parsed is one dead letter), the page size
 * for an OData page that parses, zero for a county header line. So a test can check that every
 * source record was either accepted or dead-lettered, exactly once. Message {@code i} is a pure
 * function of {@code (seed, i)}.
 */
public final class HostileFeed {

  /** The feed a message is for. */
  public enum Feed {
    RESO("feeds.reso.property"),
    COUNTY("feeds.county.sale"),
    LEAD("feeds.lead.event");

    private final String topic;

    Feed(final String topic) {
      this.topic = topic;
    }

    /** The feed topic. */
    public String topic() {
      return topic;
    }
  }

  /**
   * One feed message.
   *
   * @param feed the feed
   * @param key the record key (UTF-8 text), or null: keys are arbitrary in every feed contract
   * @param value the bytes, or null
   * @param kind what was done to it, for reports
   * @param elements how many source records it holds (each accepted or dead-lettered once)
   */
  public record Message(Feed feed, String key, byte[] value, String kind, int elements) {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final String[] STATUSES = {
    "Active", "Pending", "Closed", "Canceled", "Expired", "Withdrawn", "ComingSoon", "Hold"
  };
  private static final String[] STREETS = {
    "Maple St", "Oak Ave", "Cedar Ln", "Elm Dr", "Pine Ct", "Grand Ave", "Duff Ave", "Story St"
  };
  private static final String[] RESO_FIELDS = {
    "ListingKey",
    "StandardStatus",
    "ModificationTimestamp",
    "ListPrice",
    "ClosePrice",
    "CloseDate",
    "UnparsedAddress",
    "City",
    "PostalCode",
    "StateOrProvince",
    "BedroomsTotal",
    "BathroomsTotalInteger",
    "LivingArea",
    "LotSizeSquareFeet",
    "YearBuilt",
    "Latitude",
    "Longitude",
    "SubdivisionName",
    "ArchitecturalStyle",
    "GarageSpaces",
    "CoolingYN",
    "OnMarketDate",
    "SpecialListingConditions",
    "ListAgentKey"
  };
  private static final String[] LEAD_TYPES = {
    "created",
    "listing_viewed",
    "search_saved",
    "inquiry",
    "showing_requested",
    "email_opened",
    "call_logged",
    "status_changed"
  };

  private final long seed;
  private final int houses;

  /**
   * @param seed the seed
   * @param houses distinct street addresses valid listings are spread over
   */
  public HostileFeed(final long seed, final int houses) {
    this.seed = seed;
    this.houses = houses;
  }

  /** Message {@code i}: 60% RESO, 25% county, 15% lead events. */
  public Message message(final long i) {
    final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
    final int feed = random.nextInt(100);
    if (feed < 60) {
      return reso(i, random);
    }
    if (feed < 85) {
      return county(i, random);
    }
    return lead(i, random);
  }

  // ---------------------------------------------------------------- RESO

  private Message reso(final long i, final SplittableRandom random) {
    final String key = random.nextInt(4) == 0 ? null : "k" + random.nextInt(1_000);
    final int kind = random.nextInt(100);
    if (kind < 40) {
      return json(Feed.RESO, key, listing(i, random), "valid", 1);
    }
    if (kind < 46) {
      final ObjectNode json = listing(i, random);
      json.set(pick(random, RESO_FIELDS), randomNode(random, 0));
      return json(Feed.RESO, key, json, "wrong-type", 1);
    }
    if (kind < 50) {
      final ObjectNode json = listing(i, random);
      json.remove(
          pick(random, new String[] {"ListingKey", "StandardStatus", "ModificationTimestamp"}));
      return json(Feed.RESO, key, json, "missing-required", 1);
    }
    if (kind < 53) {
      final ObjectNode json = listing(i, random);
      final int size = random.nextInt(4) == 0 ? 300_000 + random.nextInt(600_000) : 1_500;
      json.put(pick(random, RESO_FIELDS), "x".repeat(size));
      return json(Feed.RESO, key, json, "huge-value", 1);
    }
    if (kind < 56) {
      final String text = text(listing(i, random));
      final String token = pick(random, new String[] {"NaN", "Infinity", "-Infinity", "1e400"});
      return raw(
          Feed.RESO,
          key,
          text.replaceFirst("\"ListPrice\":[0-9]+", "\"ListPrice\":" + token),
          "nan",
          1);
    }
    if (kind < 59) {
      final byte[] valid = bytes(listing(i, random));
      final int at = 1 + random.nextInt(valid.length - 2);
      final byte[] broken = new byte[valid.length + 2];
      System.arraycopy(valid, 0, broken, 0, at);
      broken[at] = (byte) 0xC3;
      broken[at + 1] = (byte) 0x28;
      System.arraycopy(valid, at, broken, at + 2, valid.length - at);
      return new Message(Feed.RESO, key, broken, "invalid-utf8", 1);
    }
    if (kind < 62) {
      final ObjectNode json = listing(i, random);
      json.put("City", "Ames\u0000\u001b[31m\u0007" + "\r\n");
      json.put("UnparsedAddress", "\u0000" + json.path("UnparsedAddress").asText());
      return json(Feed.RESO, key, json, "control-chars", 1);
    }
    if (kind < 64) {
      final String deep = "[".repeat(5_000) + "]".repeat(5_000);
      final String text = text(listing(i, random));
      return raw(
          Feed.RESO, key, text.replaceFirst("\\{", "{\"Nested\":" + deep + ","), "deep-nesting", 1);
    }
    if (kind < 67) {
      final byte[] valid = bytes(listing(i, random));
      return new Message(
          Feed.RESO, key, Arrays.copyOf(valid, random.nextInt(valid.length)), "truncated", 1);
    }
    if (kind < 69) {
      final byte[] noise = new byte[1 + random.nextInt(2_000)];
      for (int b = 0; b < noise.length; b++) {
        noise[b] = (byte) random.nextInt(256);
      }
      return new Message(Feed.RESO, key, noise, "random-bytes", 1);
    }
    if (kind < 70) {
      return new Message(Feed.RESO, key, random.nextBoolean() ? null : new byte[0], "empty", 1);
    }
    if (kind < 78) {
      final int size = 1 + random.nextInt(20);
      final ObjectNode page = NODES.objectNode();
      final ArrayNode value = page.putArray("value");
      for (int e = 0; e < size; e++) {
        final int which = random.nextInt(10);
        if (which < 6) {
          value.add(listing(i * 100 + e, random));
        } else if (which < 8) {
          final ObjectNode bad = listing(i * 100 + e, random);
          bad.set(pick(random, RESO_FIELDS), randomNode(random, 0));
          value.add(bad);
        } else {
          value.add(randomNode(random, 0));
        }
      }
      return json(Feed.RESO, key, page, "odata-page", size);
    }
    if (kind < 86) {
      final ObjectNode json = listing(i, random);
      json.remove(List.of("UnparsedAddress", "City", "PostalCode", "StateOrProvince"));
      json.put("Latitude", 42.0345);
      json.put("Longitude", -93.6203);
      json.put("SubdivisionName", "S".repeat(random.nextInt(1_000)));
      return json(Feed.RESO, key, json, "same-point", 1);
    }
    if (kind < 92) {
      final ObjectNode json = listing(i, random);
      switch (random.nextInt(6)) {
        case 0 -> json.put("ListPrice", -random.nextInt(1_000_000));
        case 1 -> json.put("YearBuilt", 99_999);
        case 2 -> json.put("CloseDate", "2024-13-45");
        case 3 -> json.put("Latitude", 1_000.5);
        case 4 -> json.put("LivingArea", 1e30);
        default -> json.put("ModificationTimestamp", "2999-01-01T00:00:00Z");
      }
      return json(Feed.RESO, key, json, "odd-values", 1);
    }
    // a re-send of an earlier valid listing (duplicate), or a newer version of it (correction)
    final long earlier = Math.max(0, i - 1 - random.nextInt(1_000));
    final ObjectNode json = listing(earlier, new SplittableRandom(seed * 31 + earlier));
    if (random.nextBoolean()) {
      json.put("ModificationTimestamp", NOW.minusSeconds(random.nextInt(1_000)).toString());
      json.put("ListPrice", 100_000 + random.nextInt(400_000));
      return json(Feed.RESO, key, json, "correction", 1);
    }
    return json(Feed.RESO, key, json, "duplicate", 1);
  }

  /** A valid listing at one of {@link #houses} addresses. */
  private ObjectNode listing(final long i, final SplittableRandom random) {
    final int house = random.nextInt(houses);
    final String status = pick(random, STATUSES);
    final ObjectNode json = NODES.objectNode();
    json.put("ListingKey", "H" + seed + "-" + i);
    json.put("StandardStatus", status);
    json.put(
        "ModificationTimestamp", NOW.minusSeconds(1_000 + random.nextInt(30_000_000)).toString());
    final int price = 80_000 + random.nextInt(600_000);
    json.put("ListPrice", price);
    if ("Closed".equals(status)) {
      json.put("ClosePrice", price - random.nextInt(20_000));
      json.put("CloseDate", LocalDate.of(2025, 1, 1).plusDays(random.nextInt(400)).toString());
    }
    json.put(
        "UnparsedAddress",
        (1 + house % 9_000)
            + " "
            + STREETS[house / 9_000 % STREETS.length]
            + ", Ames, IA 500"
            + (10 + house % 5));
    json.put("City", "Ames");
    json.put("StateOrProvince", "IA");
    json.put("PostalCode", "500" + (10 + house % 5));
    json.put("BedroomsTotal", 1 + random.nextInt(6));
    json.put("BathroomsTotalInteger", 1 + random.nextInt(4));
    json.put("LivingArea", 600 + random.nextInt(3_000));
    json.put("LotSizeSquareFeet", 2_000 + random.nextInt(20_000));
    json.put("YearBuilt", 1900 + random.nextInt(124));
    json.put("OnMarketDate", LocalDate.of(2024, 6, 1).plusDays(random.nextInt(500)).toString());
    return json;
  }

  // ---------------------------------------------------------------- county

  private Message county(final long i, final SplittableRandom random) {
    final String key = random.nextInt(3) == 0 ? null : "c" + random.nextInt(1_000);
    final int house = random.nextInt(houses);
    final String[] cells = {
      "APN-" + house,
      "\"" + (1 + house % 9_000) + " " + STREETS[house / 9_000 % STREETS.length] + "\"",
      "Ames",
      "IA",
      "500" + (10 + house % 5),
      LocalDate.of(2024, 1, 1).plusDays(random.nextInt(800)).toString(),
      Integer.toString(60_000 + random.nextInt(700_000)),
      "WD",
      Integer.toString(600 + random.nextInt(3_000)),
      Integer.toString(2_000 + random.nextInt(20_000)),
      Integer.toString(1900 + random.nextInt(124)),
      Integer.toString(1 + random.nextInt(6)),
      Integer.toString(1 + random.nextInt(4)),
      "RES",
      "42.0" + random.nextInt(1_000),
      "-93.6" + random.nextInt(1_000)
    };
    final int kind = random.nextInt(100);
    if (kind < 55) {
      return line(key, String.join(",", cells), "valid", 1);
    }
    if (kind < 63) {
      final int columns = random.nextBoolean() ? 1 + random.nextInt(15) : 17 + random.nextInt(10);
      final List<String> out = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        out.add(cells[c % cells.length]);
      }
      return line(key, String.join(",", out), "wrong-columns", 1);
    }
    if (kind < 70) {
      cells[1] = "\"" + cells[1].replace("\"", "") + " unterminated";
      return line(key, String.join(",", cells), "broken-quotes", 1);
    }
    if (kind < 73) {
      return line(key, String.join(",", CountyCollector.COLUMNS), "header", 0);
    }
    if (kind < 85) {
      final int cell = 5 + random.nextInt(11);
      cells[cell] = pick(random, new String[] {"NaN", "-1", "abc", "13/45/2024", "1e999", ""});
      return line(key, String.join(",", cells), "bad-value", 1);
    }
    if (kind < 90) {
      cells[2] = "C".repeat(random.nextInt(4) == 0 ? 300_000 : 2_000);
      return line(key, String.join(",", cells), "huge-value", 1);
    }
    if (kind < 95) {
      cells[2] = "Ames\u0000\u0007";
      return line(key, String.join(",", cells), "control-chars", 1);
    }
    final byte[] noise = new byte[1 + random.nextInt(500)];
    for (int b = 0; b < noise.length; b++) {
      noise[b] = (byte) random.nextInt(256);
    }
    return new Message(Feed.COUNTY, key, noise, "random-bytes", 1);
  }

  private static Message line(final String key, final String line, final String kind, final int n) {
    return new Message(Feed.COUNTY, key, line.getBytes(StandardCharsets.UTF_8), kind, n);
  }

  // ---------------------------------------------------------------- leads

  private Message lead(final long i, final SplittableRandom random) {
    final String key = random.nextInt(2) == 0 ? null : "l" + random.nextInt(100);
    final ObjectNode json = NODES.objectNode();
    json.put("eventId", "E" + seed + "-" + i);
    json.put("leadId", "L" + random.nextInt(Math.max(1, houses / 10)));
    final String type = pick(random, LEAD_TYPES);
    json.put("type", type);
    json.put("occurredAt", NOW.minusSeconds(random.nextInt(30_000_000)).toString());
    if (random.nextBoolean()) {
      json.put("listingKey", "H" + seed + "-" + random.nextInt(1_000_000));
    }
    final ObjectNode attributes = json.putObject("attributes");
    if ("status_changed".equals(type)) {
      attributes.put("status", pick(random, new String[] {"contacted", "qualified", "showing"}));
    }
    final int kind = random.nextInt(100);
    if (kind < 60) {
      return json(Feed.LEAD, key, json, "valid", 1);
    }
    if (kind < 70) {
      json.remove(pick(random, new String[] {"eventId", "leadId", "type", "occurredAt"}));
      return json(Feed.LEAD, key, json, "missing-required", 1);
    }
    if (kind < 78) {
      json.set(
          pick(random, new String[] {"eventId", "leadId", "type", "occurredAt", "attributes"}),
          randomNode(random, 0));
      return json(Feed.LEAD, key, json, "wrong-type", 1);
    }
    if (kind < 83) {
      attributes.put("notes", "n".repeat(random.nextInt(4) == 0 ? 400_000 : 3_000));
      return json(Feed.LEAD, key, json, "huge-value", 1);
    }
    if (kind < 86) {
      final int depth = random.nextInt(2) == 0 ? 5_000 : 200;
      return raw(
          Feed.LEAD,
          key,
          text(json)
              .replaceFirst(
                  "\"attributes\":\\{",
                  "\"attributes\":{\"nested\":" + "[".repeat(depth) + "]".repeat(depth) + ","),
          "deep-nesting",
          1);
    }
    if (kind < 90) {
      json.put("occurredAt", pick(random, new String[] {"yesterday", "2999-01-01T00:00:00Z", ""}));
      return json(Feed.LEAD, key, json, "bad-date", 1);
    }
    if (kind < 95) {
      final byte[] valid = bytes(json);
      return new Message(
          Feed.LEAD, key, Arrays.copyOf(valid, random.nextInt(valid.length)), "truncated", 1);
    }
    json.put("type", "teleported");
    return json(Feed.LEAD, key, json, "unknown-type", 1);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode randomNode(final SplittableRandom random, final int depth) {
    return switch (random.nextInt(depth > 2 ? 5 : 7)) {
      case 0 -> NODES.textNode("t" + random.nextInt(1_000));
      case 1 -> NODES.numberNode(random.nextLong());
      case 2 -> NODES.numberNode(random.nextDouble() * 1e12);
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.nullNode();
      case 5 -> {
        final ArrayNode array = NODES.arrayNode();
        for (int e = random.nextInt(4); e > 0; e--) {
          array.add(randomNode(random, depth + 1));
        }
        yield array;
      }
      default -> {
        final ObjectNode object = NODES.objectNode();
        for (int e = random.nextInt(4); e > 0; e--) {
          object.set("f" + e, randomNode(random, depth + 1));
        }
        yield object;
      }
    };
  }

  private static <T> T pick(final SplittableRandom random, final T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static Message json(
      final Feed feed, final String key, final JsonNode json, final String kind, final int n) {
    return new Message(feed, key, bytes(json), kind, n);
  }

  private static Message raw(
      final Feed feed, final String key, final String text, final String kind, final int n) {
    return new Message(feed, key, text.getBytes(StandardCharsets.UTF_8), kind, n);
  }

  private static String text(final JsonNode json) {
    return new String(bytes(json), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(final JsonNode json) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      JSON.writeValue(out, json);
    } catch (final java.io.IOException e) {
      throw new IllegalStateException("cannot write generated JSON", e);
    }
    return out.toByteArray();
  }
}
