package io.midcoast.connect;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/** Property fixtures and their single-object encoding, as the topologies write them. */
final class Properties {

  static final Instant UPDATED_AT = Instant.parse("2010-06-30T17:45:12.345Z");
  static final Instant MODIFIED_AT = Instant.parse("2010-06-01T08:00:00.500Z");

  // The generated class's own model carries the date/timestamp conversions.
  private static final BinaryMessageEncoder<Property> ENCODER =
      new BinaryMessageEncoder<>(
          SpecificData.getForClass(Property.class), Property.getClassSchema());

  private Properties() {}

  /** A property with every field, optional or not, set. */
  static Property full(final String propertyId) {
    final Sale earlier =
        Sale.newBuilder()
            .setSource(SourceFeed.COUNTY)
            .setSourceKey("county:0903202160:2006-03-15")
            .setCloseDate(LocalDate.of(2006, 3, 15))
            .setClosePriceCents(17_250_000L)
            .setDocumentType("WD")
            .build();
    final Sale last =
        Sale.newBuilder()
            .setSource(SourceFeed.RESO)
            .setSourceKey("reso:L-1001")
            .setCloseDate(LocalDate.of(2010, 6, 28))
            .setClosePriceCents(21_500_000L)
            .setDocumentType(null)
            .build();
    return Property.newBuilder()
        .setPropertyId(propertyId)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(
            Address.newBuilder()
                .setStreetNumber("2118")
                .setStreetName("N DAKOTA AVE")
                .setUnitNumber("APT 4")
                .setLine("2118 N DAKOTA AVE APT 4")
                .setCity("AMES")
                .setStateOrProvince("IA")
                .setPostalCode("50010")
                .setCounty("STORY")
                .setSubdivision("North_Ames")
                .setLatitude(42.054035)
                .setLongitude(-93.619754)
                .build())
        .setCharacteristics(
            Characteristics.newBuilder()
                .setPropertyType("Residential")
                .setPropertySubType("SingleFamilyResidence")
                .setBedrooms(3)
                .setBathrooms(2)
                .setLivingAreaSqft(1656)
                .setLotSizeSqft(31_770L)
                .setYearBuilt(1960)
                .setZoning("RL")
                .setGarageSpaces(2.0)
                .setLandUse("R1")
                .setYearBuiltEffective(1985)
                .setBelowGradeFinishedAreaSqft(639)
                .setBelowGradeUnfinishedAreaSqft(441)
                .setBathroomsFull(2)
                .setBathroomsHalf(1)
                .setFireplacesTotal(2)
                .setRoomsTotal(7)
                .setCoolingYN(true)
                .setArchitecturalStyle("One_Story")
                .setConstructionMaterials("BrkFace,VinylSd")
                .setFoundationDetails("CBlock")
                .setOverallCondition(5)
                .setPoolPrivateYN(false)
                .setNewConstructionYN(false)
                .setAttachedGarageYN(true)
                .build())
        .setListing(
            Listing.newBuilder()
                .setListingKey("L-1001")
                .setStandardStatus(ListingStatus.CLOSED)
                .setRawStatus("Closed")
                .setListPriceCents(21_990_000L)
                .setOriginalListPriceCents(22_500_000L)
                .setClosePriceCents(21_500_000L)
                .setCloseDate(LocalDate.of(2010, 6, 28))
                .setListingContractDate(LocalDate.of(2010, 4, 2))
                .setOnMarketDate(LocalDate.of(2010, 4, 5))
                .setListAgentKey("AGENT-7")
                .setModificationTimestamp(MODIFIED_AT)
                .setSpecialListingConditions("Standard")
                .build())
        .setLastSale(last)
        .setSales(List.of(earlier, last))
        .setSources(
            List.of(
                SourceRef.newBuilder()
                    .setFeed(SourceFeed.RESO)
                    .setSourceKey("reso:L-1001")
                    .setTopic("feeds.reso.property")
                    .setPartition(3)
                    .setOffset(42L)
                    .setVersion(MODIFIED_AT)
                    .build()))
        .setUpdatedAt(UPDATED_AT)
        .build();
  }

  /** A property with only the required fields: every optional field is null, arrays are empty. */
  static Property minimal(final String propertyId) {
    return Property.newBuilder()
        .setPropertyId(propertyId)
        .setIdKind(PropertyIdKind.GEO)
        .setAddress(Address.newBuilder().build())
        .setCharacteristics(Characteristics.newBuilder().build())
        .setSales(List.of())
        .setSources(List.of())
        .setUpdatedAt(UPDATED_AT)
        .build();
  }

  /** Avro single-object encoding of a property. */
  static byte[] encode(final Property property) {
    try {
      final ByteBuffer buffer = ENCODER.encode(property);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
