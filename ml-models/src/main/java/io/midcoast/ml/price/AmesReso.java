package io.midcoast.ml.price;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders Ames CSV rows as RESO Data Dictionary 2.0 Property records: the one Ames → RESO mapping,
 * used by the demo feed ({@code io.midcoast.embedded.AmesFeed}) and by price-model training ({@link
 * PriceTraining#loadAmes}). The rendering is exact and deterministic. Row {@code n} (1-based, in
 * file order):
 *
 * <ul>
 *   <li>{@code ListingKey} = {@code AMES-<n>}, {@code StandardStatus} = {@code Closed}, {@code
 *       ClosePrice} = {@code Sale_Price} (whole dollars);
 *   <li>{@code CloseDate} = {@code Year_Sold-Mo_Sold-15} (the data has month precision only),
 *       {@code ModificationTimestamp} = CloseDate at 12:00Z, {@code ListingContractDate} = 45 days
 *       before CloseDate;
 *   <li>{@code ListPrice} = {@code OriginalListPrice} = ClosePrice: the data has no list price, so
 *       list-to-sale ratios computed on the demo data are 1.0;
 *   <li>{@code PropertyType} = {@code Residential}; {@code PropertySubType} from {@code Bldg_Type}:
 *       OneFam → SingleFamilyResidence, TwnhsE and Twnhs (end / inside townhouse) → Townhouse,
 *       Duplex and TwoFmCon (two-family conversion) → Duplex;
 *   <li>{@code BedroomsTotal} = {@code Bedroom_AbvGr}; {@code BathroomsTotalInteger} = {@code
 *       Full_Bath + Half_Bath} (above grade; half baths count as one, as RESO does; basement baths
 *       are not counted);
 *   <li>{@code LivingArea} = {@code Gr_Liv_Area} in Square Feet, {@code LotSizeSquareFeet} = {@code
 *       Lot_Area}, {@code YearBuilt}, {@code GarageSpaces} = {@code Garage_Cars}, {@code Zoning} =
 *       {@code MS_Zoning}, {@code SubdivisionName} = {@code Neighborhood} (verbatim, e.g. {@code
 *       North_Ames});
 *   <li>City Ames, StateOrProvince IA, CountyOrParish Story, Latitude/Longitude as in the file
 *       (exact decimals); no street address or postal code (the data has none), so the ingest
 *       derives a geo-based propertyId;
 * </ul>
 *
 * <p>plus the extended RESO fields of {@link ExtendedCharacteristics}:
 *
 * <ul>
 *   <li>{@code YearBuiltEffective} ← {@code Year_Remod_Add};
 *   <li>{@code BelowGradeFinishedArea} ← {@code Total_Bsmt_SF − Bsmt_Unf_SF}, never below 0 (the
 *       modeldata export's {@code BsmtFin_SF_1} holds a type code, not an area), {@code
 *       BelowGradeUnfinishedArea} ← {@code Bsmt_Unf_SF} (square feet, no units field);
 *   <li>{@code BathroomsFull} ← {@code Full_Bath + Bsmt_Full_Bath}, {@code BathroomsHalf} ← {@code
 *       Half_Bath + Bsmt_Half_Bath};
 *   <li>{@code FireplacesTotal} ← {@code Fireplaces}, {@code RoomsTotal} ← {@code TotRms_AbvGrd};
 *   <li>{@code CoolingYN} ← {@code Central_Air = Y}, {@code PoolPrivateYN} ← {@code Pool_Area > 0},
 *       {@code NewConstructionYN} ← {@code Sale_Type = New}, {@code AttachedGarageYN} ← {@code
 *       Garage_Type} in Attchd, BuiltIn, Basment (JSON booleans);
 *   <li>{@code ArchitecturalStyle} ← {@code House_Style}, {@code ConstructionMaterials} ← {@code
 *       Exterior_1st}, {@code FoundationDetails} ← {@code Foundation} (verbatim values);
 *   <li>{@code SpecialListingConditions} ← {@code Sale_Condition}: Abnorml (trade, foreclosure,
 *       short sale) → RealEstateOwned, every other value → Standard;
 *   <li>local field {@code OverallCondition} ← {@code Overall_Cond} as 1 (Very_Poor) … 10
 *       (Very_Excellent).
 * </ul>
 */
public final class AmesReso {

  /** Close year of the holdout: never trained on. */
  public static final int HOLDOUT_YEAR = 2010;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final Map<String, String> SUBTYPES =
      Map.of(
          "OneFam", "SingleFamilyResidence",
          "TwnhsE", "Townhouse",
          "Twnhs", "Townhouse",
          "Duplex", "Duplex",
          "TwoFmCon", "Duplex");

  private static final List<String> CONDITIONS =
      List.of(
          "Very_Poor",
          "Poor",
          "Fair",
          "Below_Average",
          "Average",
          "Above_Average",
          "Good",
          "Very_Good",
          "Excellent",
          "Very_Excellent");

  private static final Set<String> ATTACHED_GARAGES = Set.of("Attchd", "BuiltIn", "Basment");

  private AmesReso() {}

  /** Reads every row of an Ames CSV (header line, modeldata column names). */
  public static List<Map<String, String>> readRows(final InputStream in) throws IOException {
    final MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(in);
    return it.readAll();
  }

  /** The RESO Property record of {@code row}, the {@code n}-th (1-based) of its file. */
  public static ObjectNode resoRecord(final int n, final Map<String, String> row) {
    final LocalDate closeDate = closeDate(row);
    final long price = Long.parseLong(field(row, "Sale_Price"));
    final ObjectNode record = JSON.createObjectNode();
    record.put("ListingKey", "AMES-" + n);
    record.put("StandardStatus", "Closed");
    record.put("ModificationTimestamp", closeDate + "T12:00:00Z");
    record.put("ListingContractDate", closeDate.minusDays(45).toString());
    record.put("CloseDate", closeDate.toString());
    record.put("ListPrice", price);
    record.put("OriginalListPrice", price);
    record.put("ClosePrice", price);
    record.put("PropertyType", "Residential");
    record.put("PropertySubType", subType(row));
    record.put("BedroomsTotal", integer(row, "Bedroom_AbvGr"));
    record.put("BathroomsTotalInteger", bathrooms(row));
    record.put("LivingArea", integer(row, "Gr_Liv_Area"));
    record.put("LivingAreaUnits", "Square Feet");
    record.put("LotSizeSquareFeet", integer(row, "Lot_Area"));
    record.put("YearBuilt", integer(row, "Year_Built"));
    record.put("City", "Ames");
    record.put("StateOrProvince", "IA");
    record.put("CountyOrParish", "Story");
    record.put("SubdivisionName", field(row, "Neighborhood"));
    record.put("Latitude", new BigDecimal(field(row, "Latitude")));
    record.put("Longitude", new BigDecimal(field(row, "Longitude")));
    record.put("Zoning", field(row, "MS_Zoning"));
    record.put("GarageSpaces", integer(row, "Garage_Cars"));
    // extended RESO fields (not yet in the canonical schema)
    record.put("YearBuiltEffective", integer(row, "Year_Remod_Add"));
    final int basement = integer(row, "Total_Bsmt_SF");
    final int unfinished = integer(row, "Bsmt_Unf_SF");
    record.put("BelowGradeFinishedArea", Math.max(0, basement - unfinished));
    record.put("BelowGradeUnfinishedArea", unfinished);
    record.put("BathroomsFull", integer(row, "Full_Bath") + integer(row, "Bsmt_Full_Bath"));
    record.put("BathroomsHalf", integer(row, "Half_Bath") + integer(row, "Bsmt_Half_Bath"));
    record.put("FireplacesTotal", integer(row, "Fireplaces"));
    record.put("RoomsTotal", integer(row, "TotRms_AbvGrd"));
    record.put("CoolingYN", "Y".equals(field(row, "Central_Air")));
    record.put("PoolPrivateYN", integer(row, "Pool_Area") > 0);
    record.put("NewConstructionYN", "New".equals(field(row, "Sale_Type")));
    record.put("AttachedGarageYN", ATTACHED_GARAGES.contains(field(row, "Garage_Type")));
    record.put("ArchitecturalStyle", field(row, "House_Style"));
    record.put("ConstructionMaterials", field(row, "Exterior_1st"));
    record.put("FoundationDetails", field(row, "Foundation"));
    record.put(
        "SpecialListingConditions",
        "Abnorml".equals(field(row, "Sale_Condition")) ? "RealEstateOwned" : "Standard");
    final int condition = CONDITIONS.indexOf(field(row, "Overall_Cond"));
    if (condition >= 0) {
      record.put("OverallCondition", condition + 1);
    }
    return record;
  }

  /** The close date of {@code row}: the 15th of {@code Year_Sold-Mo_Sold}. */
  public static LocalDate closeDate(final Map<String, String> row) {
    return LocalDate.of(integer(row, "Year_Sold"), integer(row, "Mo_Sold"), 15);
  }

  /** The RESO PropertySubType of {@code row}'s {@code Bldg_Type}. */
  public static String subType(final Map<String, String> row) {
    final String bldgType = field(row, "Bldg_Type");
    final String subType = SUBTYPES.get(bldgType);
    if (subType == null) {
      throw new IllegalArgumentException("unmapped Bldg_Type " + bldgType);
    }
    return subType;
  }

  /** BathroomsTotalInteger of {@code row}: {@code Full_Bath + Half_Bath} (above grade). */
  public static int bathrooms(final Map<String, String> row) {
    return integer(row, "Full_Bath") + integer(row, "Half_Bath");
  }

  /** The close year of {@code row}. */
  public static int closeYear(final Map<String, String> row) {
    return integer(row, "Year_Sold");
  }

  private static int integer(final Map<String, String> row, final String column) {
    final String text = field(row, column);
    try {
      return Integer.parseInt(text);
    } catch (final NumberFormatException e) {
      // a few numeric columns are written as decimals ("0.0") by some exports
      return new BigDecimal(text).intValueExact();
    }
  }

  /** The stripped text of {@code column} in {@code row}; a missing column is an error. */
  public static String field(final Map<String, String> row, final String column) {
    final String value = row.get(column);
    if (value == null) {
      throw new IllegalArgumentException("column " + column + " missing");
    }
    return value.strip();
  }
}
