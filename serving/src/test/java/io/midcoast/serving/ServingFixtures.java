package io.midcoast.serving;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Records shared by the serving tests. */
public final class ServingFixtures {

  private ServingFixtures() {}

  /** One closed Ames sale as the merged property view. */
  public static Property property() {
    return Property.newBuilder()
        .setPropertyId("geo-42.054035_-93.619754-l31770")
        .setIdKind(PropertyIdKind.GEO)
        .setAddress(
            Address.newBuilder()
                .setCity("Ames")
                .setStateOrProvince("IA")
                .setSubdivision("North_Ames")
                .setLatitude(42.054035)
                .setLongitude(-93.619754)
                .build())
        .setCharacteristics(
            Characteristics.newBuilder().setLivingAreaSqft(1656).setLotSizeSqft(31770L).build())
        .setListing(
            Listing.newBuilder()
                .setListingKey("AMES-1")
                .setStandardStatus(ListingStatus.CLOSED)
                .setClosePriceCents(21_500_000L)
                .setCloseDate(LocalDate.of(2010, 5, 15))
                .setModificationTimestamp(Instant.parse("2010-05-15T12:00:00Z"))
                .build())
        .setLastSale(
            Sale.newBuilder()
                .setSource(SourceFeed.RESO)
                .setSourceKey("reso:AMES-1")
                .setCloseDate(LocalDate.of(2010, 5, 15))
                .setClosePriceCents(21_500_000L)
                .build())
        .setSales(List.of())
        .setSources(
            List.of(
                SourceRef.newBuilder()
                    .setFeed(SourceFeed.RESO)
                    .setSourceKey("reso:AMES-1")
                    .setTopic("feeds.reso.property")
                    .setPartition(0)
                    .setOffset(7L)
                    .setVersion(Instant.parse("2010-05-15T12:00:00Z"))
                    .build()))
        .setUpdatedAt(Instant.parse("2010-05-15T12:00:00Z"))
        .build();
  }
}
