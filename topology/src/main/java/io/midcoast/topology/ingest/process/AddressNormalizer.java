package io.midcoast.topology.ingest.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes US street addresses to USPS Publication 28 style, so that the MLS listing and the
 * county record of the same house produce the same line.
 *
 * <ol>
 *   <li>Upper case. Periods and apostrophes are deleted ({@code N.} → {@code N}); {@code #} becomes
 *       its own token; any other character except letters, digits, {@code -} and {@code /} is a
 *       space; runs of spaces collapse.
 *   <li>In a one-line address with commas, only the first segment (the street) and any later
 *       segment that starts with a unit designator are kept; the rest (city, state, ZIP) is
 *       dropped, it travels in its own fields.
 *   <li>Unit: the first designator after the street — {@code APARTMENT}, {@code APT}, {@code #},
 *       {@code UNIT}, {@code SUITE}, {@code STE} — and the tokens after it form the unit. {@code
 *       APARTMENT}, {@code APT} and {@code #} become {@code APT}; {@code SUITE} and {@code STE}
 *       become {@code STE}; {@code UNIT} stays {@code UNIT}. A unit number given without a
 *       designator (RESO {@code UnitNumber "4"}) is {@code APT 4}. A designator without an
 *       identifier is dropped.
 *   <li>House number: the first token when it starts with a digit, plus a following fraction
 *       ({@code 123 1/2}).
 *   <li>Directionals ({@code NORTH} → {@code N}, {@code SOUTHWEST} → {@code SW}, ...) are
 *       abbreviated as the first or the last street token, unless the word is the street's only
 *       name ({@code 100 NORTH ST} stays {@code NORTH ST}).
 *   <li>Street suffix: the last street token (before a trailing directional) is abbreviated per the
 *       USPS table ({@code STREET} → {@code ST}, {@code AVENUE} → {@code AVE}, common misspellings
 *       included) when a name token precedes it.
 * </ol>
 */
public final class AddressNormalizer {

  private static final Pattern DELETED = Pattern.compile("[.']");
  private static final Pattern NOT_KEPT = Pattern.compile("[^A-Z0-9#/\\- ]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern FRACTION = Pattern.compile("\\d+/\\d+");

  private static final Map<String, String> DIRECTIONALS =
      Map.of(
          "NORTH", "N",
          "SOUTH", "S",
          "EAST", "E",
          "WEST", "W",
          "NORTHEAST", "NE",
          "NORTHWEST", "NW",
          "SOUTHEAST", "SE",
          "SOUTHWEST", "SW");

  private static final Set<String> DIRECTIONAL_ABBREVIATIONS =
      Set.of("N", "S", "E", "W", "NE", "NW", "SE", "SW");

  private static final Map<String, String> UNIT_DESIGNATORS =
      Map.of(
          "APARTMENT", "APT",
          "APT", "APT",
          "#", "APT",
          "UNIT", "UNIT",
          "SUITE", "STE",
          "STE", "STE");

  /** USPS Publication 28 Appendix C1: common suffixes and their usual variants → abbreviation. */
  private static final Map<String, String> SUFFIXES = suffixes();

  private AddressNormalizer() {}

  /**
   * Normalizes a one-line street address ({@code UnparsedAddress}, county {@code situs_address}).
   *
   * @param line the address as given; may include ", city, state zip"
   * @return the normalized street; all parts null when nothing is left
   */
  public static NormalizedStreet normalize(final String line) {
    if (line == null) {
      return new NormalizedStreet(null, null, null, null, null);
    }
    final String[] segments = line.split(",");
    final List<String> tokens = new ArrayList<>(tokens(segments[0]));
    for (int i = 1; i < segments.length; i++) {
      final List<String> segment = tokens(segments[i]);
      if (!segment.isEmpty() && UNIT_DESIGNATORS.containsKey(segment.get(0))) {
        tokens.addAll(segment);
      }
    }
    return parse(tokens);
  }

  /**
   * Normalizes an address given in parts (RESO {@code StreetNumber}, {@code StreetDirPrefix},
   * {@code StreetName}, {@code StreetSuffix}, {@code StreetDirSuffix}, {@code UnitNumber}); any
   * part may be null. Gives the same result as the equivalent one-line address.
   */
  public static NormalizedStreet fromParts(
      final String number,
      final String dirPrefix,
      final String name,
      final String suffix,
      final String dirSuffix,
      final String unit) {
    final List<String> tokens = new ArrayList<>();
    for (final String part : Arrays.asList(number, dirPrefix, name, suffix, dirSuffix)) {
      if (part != null) {
        tokens.addAll(tokens(part));
      }
    }
    if (unit != null) {
      final List<String> unitTokens = tokens(unit);
      if (!unitTokens.isEmpty() && !UNIT_DESIGNATORS.containsKey(unitTokens.get(0))) {
        tokens.add("APT");
      }
      tokens.addAll(unitTokens);
    }
    return parse(tokens);
  }

  private static List<String> tokens(final String text) {
    String s = text.toUpperCase(Locale.ROOT);
    s = DELETED.matcher(s).replaceAll("");
    s = s.replace("#", " # ");
    s = NOT_KEPT.matcher(s).replaceAll(" ");
    final List<String> out = new ArrayList<>();
    for (final String token : SPACES.split(s.strip())) {
      final String t = stripHyphens(token);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static String stripHyphens(final String token) {
    int start = 0;
    int end = token.length();
    while (start < end && token.charAt(start) == '-') {
      start++;
    }
    while (end > start && token.charAt(end - 1) == '-') {
      end--;
    }
    return token.substring(start, end);
  }

  private static NormalizedStreet parse(final List<String> all) {
    // unit: first designator after the first token
    List<String> streetTokens = all;
    String unit = null;
    String unitId = null;
    for (int i = 1; i < all.size(); i++) {
      final String designator = UNIT_DESIGNATORS.get(all.get(i));
      if (designator != null) {
        streetTokens = all.subList(0, i);
        final List<String> id = new ArrayList<>();
        for (final String t : all.subList(i + 1, all.size())) {
          if (!t.equals("#")) {
            id.add(t);
          }
        }
        unitId = id.isEmpty() ? null : String.join(" ", id);
        unit = unitId == null ? null : designator + " " + unitId;
        break;
      }
    }
    // house number
    String number = null;
    int first = 0;
    if (!streetTokens.isEmpty() && Character.isDigit(streetTokens.get(0).charAt(0))) {
      number = streetTokens.get(0);
      first = 1;
      if (streetTokens.size() > 1 && FRACTION.matcher(streetTokens.get(1)).matches()) {
        number = number + " " + streetTokens.get(1);
        first = 2;
      }
    }
    final List<String> street = new ArrayList<>(streetTokens.subList(first, streetTokens.size()));
    abbreviateStreet(street);
    final String streetText = street.isEmpty() ? null : String.join(" ", street);
    final List<String> lineParts = new ArrayList<>(3);
    for (final String part : Arrays.asList(number, streetText, unit)) {
      if (part != null) {
        lineParts.add(part);
      }
    }
    final String line = lineParts.isEmpty() ? null : String.join(" ", lineParts);
    return new NormalizedStreet(number, streetText, unit, unitId, line);
  }

  private static void abbreviateStreet(final List<String> street) {
    final int n = street.size();
    if (n == 0) {
      return;
    }
    // trailing directional: "MAIN ST WEST" -> "MAIN ST W"
    int suffixAt = n - 1;
    if (n >= 3 && isDirectional(street.get(n - 1))) {
      street.set(n - 1, DIRECTIONALS.getOrDefault(street.get(n - 1), street.get(n - 1)));
      suffixAt = n - 2;
    }
    // leading directional, unless it is the only name word: "NORTH MAIN ST" but not "NORTH ST"
    final boolean leadingDirectional =
        isDirectional(street.get(0))
            && (suffixAt >= 2 || (suffixAt == 1 && !SUFFIXES.containsKey(street.get(1))));
    if (leadingDirectional) {
      street.set(0, DIRECTIONALS.getOrDefault(street.get(0), street.get(0)));
    }
    // suffix, when a name token precedes it
    final int nameTokens = suffixAt - (leadingDirectional ? 1 : 0);
    if (nameTokens >= 1 && SUFFIXES.containsKey(street.get(suffixAt))) {
      street.set(suffixAt, SUFFIXES.get(street.get(suffixAt)));
    }
  }

  private static boolean isDirectional(final String token) {
    return DIRECTIONALS.containsKey(token) || DIRECTIONAL_ABBREVIATIONS.contains(token);
  }

  private static Map<String, String> suffixes() {
    final String[][] table = {
      {"ALY", "ALLEY", "ALLEE", "ALLY"},
      {"ANX", "ANNEX", "ANNX", "ANEX"},
      {"ARC", "ARCADE"},
      {"AVE", "AVENUE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"},
      {"BCH", "BEACH"},
      {"BND", "BEND"},
      {"BLF", "BLUFF", "BLUF"},
      {"BLVD", "BOULEVARD", "BOUL", "BOULV"},
      {"BR", "BRANCH", "BRNCH"},
      {"BRG", "BRIDGE", "BRDGE"},
      {"BRK", "BROOK"},
      {"BYP", "BYPASS", "BYPA", "BYPAS", "BYPS"},
      {"CYN", "CANYON", "CANYN", "CNYN"},
      {"CSWY", "CAUSEWAY", "CAUSWA"},
      {"CTR", "CENTER", "CENTRE", "CEN", "CENT", "CENTR", "CNTER", "CNTR"},
      {"CIR", "CIRCLE", "CIRC", "CIRCL", "CRCL", "CRCLE"},
      {"CLF", "CLIFF"},
      {"CLB", "CLUB"},
      {"CMN", "COMMON"},
      {"COR", "CORNER"},
      {"CRSE", "COURSE"},
      {"CT", "COURT", "CRT"},
      {"CTS", "COURTS"},
      {"CV", "COVE"},
      {"CRK", "CREEK"},
      {"CRES", "CRESCENT", "CRSENT", "CRSNT"},
      {"CRST", "CREST"},
      {"XING", "CROSSING", "CRSSNG"},
      {"CURV", "CURVE"},
      {"DL", "DALE"},
      {"DM", "DAM"},
      {"DR", "DRIVE", "DRIV", "DRV"},
      {"EST", "ESTATE"},
      {"ESTS", "ESTATES"},
      {"EXPY", "EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW"},
      {"EXT", "EXTENSION", "EXTN", "EXTNSN"},
      {"FLS", "FALLS"},
      {"FRY", "FERRY", "FRRY"},
      {"FLD", "FIELD"},
      {"FLDS", "FIELDS"},
      {"FLT", "FLAT"},
      {"FRD", "FORD"},
      {"FRST", "FOREST", "FORESTS"},
      {"FRG", "FORGE", "FORG"},
      {"FRK", "FORK"},
      {"FT", "FORT", "FRT"},
      {"FWY", "FREEWAY", "FREEWY", "FRWAY", "FRWY"},
      {"GDN", "GARDEN", "GARDN", "GRDEN", "GRDN"},
      {"GDNS", "GARDENS", "GRDNS"},
      {"GTWY", "GATEWAY", "GATEWY", "GATWAY", "GTWAY"},
      {"GLN", "GLEN"},
      {"GRN", "GREEN"},
      {"GRV", "GROVE", "GROV"},
      {"HBR", "HARBOR", "HARB", "HARBR", "HRBOR"},
      {"HVN", "HAVEN"},
      {"HTS", "HEIGHTS", "HT"},
      {"HWY", "HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY"},
      {"HL", "HILL"},
      {"HLS", "HILLS"},
      {"HOLW", "HOLLOW", "HLLW", "HOLLOWS", "HOLWS"},
      {"INLT", "INLET"},
      {"IS", "ISLAND", "ISLND"},
      {"JCT", "JUNCTION", "JCTION", "JCTN", "JUNCTN", "JUNCTON"},
      {"KY", "KEY"},
      {"KNL", "KNOLL", "KNOL"},
      {"LK", "LAKE"},
      {"LKS", "LAKES"},
      {"LNDG", "LANDING", "LNDNG"},
      {"LN", "LANE"},
      {"LGT", "LIGHT"},
      {"LOOP", "LOOPS"},
      {"MALL"},
      {"MNR", "MANOR"},
      {"MDW", "MEADOW"},
      {"MDWS", "MEADOWS", "MEDOWS"},
      {"ML", "MILL"},
      {"MSN", "MISSION", "MISSN", "MSSN"},
      {"MT", "MOUNT", "MNT"},
      {"MTN", "MOUNTAIN", "MNTAIN", "MNTN", "MOUNTIN", "MTIN"},
      {"ORCH", "ORCHARD", "ORCHRD"},
      {"OVAL", "OVL"},
      {"PARK", "PRK"},
      {"PKWY", "PARKWAY", "PARKWY", "PKWAY", "PKY", "PARKWAYS", "PKWYS"},
      {"PASS"},
      {"PATH", "PATHS"},
      {"PIKE", "PIKES"},
      {"PNES", "PINES"},
      {"PL", "PLACE"},
      {"PLN", "PLAIN"},
      {"PLNS", "PLAINS"},
      {"PLZ", "PLAZA", "PLZA"},
      {"PT", "POINT"},
      {"PRT", "PORT"},
      {"PR", "PRAIRIE", "PRR"},
      {"RNCH", "RANCH", "RANCHES", "RNCHS"},
      {"RDG", "RIDGE", "RDGE"},
      {"RIV", "RIVER", "RVR", "RIVR"},
      {"RD", "ROAD"},
      {"RDS", "ROADS"},
      {"RTE", "ROUTE"},
      {"ROW"},
      {"RUN"},
      {"SHR", "SHORE", "SHOAR"},
      {"SPG", "SPRING", "SPNG", "SPRNG"},
      {"SPGS", "SPRINGS", "SPNGS", "SPRNGS"},
      {"SQ", "SQUARE", "SQR", "SQRE", "SQU"},
      {"STA", "STATION", "STATN", "STN"},
      {"ST", "STREET", "STRT", "STR"},
      {"SMT", "SUMMIT", "SUMIT", "SUMITT"},
      {"TER", "TERRACE", "TERR"},
      {"TRCE", "TRACE", "TRACES"},
      {"TRAK", "TRACK", "TRACKS", "TRK", "TRKS"},
      {"TRL", "TRAIL", "TRAILS", "TRLS"},
      {"TRLR", "TRAILER", "TRLRS"},
      {"TUNL", "TUNNEL", "TUNEL", "TUNLS", "TUNNELS", "TUNNL"},
      {"TPKE", "TURNPIKE", "TRNPK", "TURNPK"},
      {"UN", "UNION"},
      {"VLY", "VALLEY", "VALLY", "VLLY"},
      {"VIA", "VIADUCT", "VDCT", "VIADCT"},
      {"VW", "VIEW"},
      {"VLG", "VILLAGE", "VILL", "VILLAG", "VILLG", "VILLIAGE"},
      {"VIS", "VISTA", "VIST", "VST", "VSTA"},
      {"WALK", "WALKS"},
      {"WAY", "WY"},
      {"WLS", "WELLS"},
    };
    final Map<String, String> map = new java.util.HashMap<>();
    for (final String[] row : table) {
      for (final String word : row) {
        map.put(word, row[0]);
      }
    }
    return Map.copyOf(map);
  }
}
