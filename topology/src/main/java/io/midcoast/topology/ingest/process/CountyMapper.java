package io.midcoast.topology.ingest.process;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.reso.ResoFieldException;
import io.midcoast.schemas.reso.ResoValues;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.collect.CountyRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Cleans one county sale line. Cells are trimmed, empty is null; {@code sale_price} may carry
 * {@code $} and thousands separators; {@code sale_date} is ISO or M/D/YYYY; {@code bathrooms} may
 * be fractional (2.5 counts as 2 whole baths). Numbers, cents, whole numbers and rounding follow
 * the RESO value rules ({@link ResoValues}); money, dates and postal codes the ingest's own ({@link
 * Values}).
 */
public final class CountyMapper {

  private CountyMapper() {}

  /**
   * The cleaned record.
   *
   * @throws Rejection on a wrong field type, bad date or no location
   */
  public static NormalizedRecord map(final CountyRecord record) {
    try {
      return clean(record);
    } catch (final ResoFieldException e) {
      throw Rejection.of(e);
    }
  }

  private static NormalizedRecord clean(final CountyRecord record) {
    final NormalizedStreet street = AddressNormalizer.normalize(cell(record, "situs_address"));
    final String postal = Values.postalCode(cell(record, "postal_code"));
    final BigDecimal latitudeDecimal = decimal(record, "latitude");
    final BigDecimal longitudeDecimal = decimal(record, "longitude");
    final Double latitude = latitudeDecimal == null ? null : latitudeDecimal.doubleValue();
    final Double longitude = longitudeDecimal == null ? null : longitudeDecimal.doubleValue();
    final Long lotSize = ResoValues.rounded("lot_size_sqft", decimal(record, "lot_size_sqft"));
    final Address address =
        Address.newBuilder()
            .setStreetNumber(street.number())
            .setStreetName(street.street())
            .setUnitNumber(street.unit())
            .setLine(street.line())
            .setCity(upper(cell(record, "city")))
            .setStateOrProvince(upper(cell(record, "state")))
            .setPostalCode(postal)
            .setLatitude(latitude)
            .setLongitude(longitude)
            .build();
    final BigDecimal bathrooms = decimal(record, "bathrooms");
    final Characteristics characteristics =
        Characteristics.newBuilder()
            .setBedrooms(ResoValues.wholeNumber("bedrooms", decimal(record, "bedrooms")))
            .setBathrooms(
                bathrooms == null
                    ? null
                    : ResoValues.wholeNumber(
                        "bathrooms", bathrooms.setScale(0, RoundingMode.FLOOR)))
            .setLivingAreaSqft(
                ResoValues.roundedInt("living_area_sqft", decimal(record, "living_area_sqft")))
            .setLotSizeSqft(lotSize)
            .setYearBuilt(ResoValues.wholeNumber("year_built", decimal(record, "year_built")))
            .setLandUse(cell(record, "land_use"))
            .build();
    final var id =
        PropertyIds.derive(street, postal, latitudeDecimal, longitudeDecimal, lotSize)
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectReason.NO_LOCATION,
                        "no situs_address with postal_code and no latitude/longitude"));
    return new NormalizedRecord(
        SourceFeed.COUNTY,
        id,
        address,
        characteristics,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        cell(record, "apn"),
        Values.countyDate("sale_date", cell(record, "sale_date")),
        ResoValues.cents(
            "sale_price", Values.countyMoney("sale_price", cell(record, "sale_price"))),
        cell(record, "document_type"));
  }

  private static String cell(final CountyRecord record, final String column) {
    return ResoValues.clean(record.column(column));
  }

  private static BigDecimal decimal(final CountyRecord record, final String column) {
    return ResoValues.decimal(column, record.column(column));
  }

  private static String upper(final String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }
}
