package io.midcoast.topology.ingest.process;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.SourceFeed;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One cleaned source record, the output of the process stage: typed, normalized, not yet validated.
 * Fields of the other feed are null (a county record has no listingKey, a RESO record no apn).
 *
 * @param feed RESO or COUNTY
 * @param propertyId the derived propertyId; null for a RESO Delete (resolved later by sourceKey)
 * @param address normalized address
 * @param characteristics normalized physical facts
 * @param listingKey RESO ListingKey
 * @param rawStatus RESO StandardStatus as sent (trimmed)
 * @param status RESO StandardStatus mapped, null when unknown
 * @param modificationTimestamp RESO ModificationTimestamp
 * @param listPriceCents RESO ListPrice
 * @param originalListPriceCents RESO OriginalListPrice
 * @param closePriceCents RESO ClosePrice
 * @param closeDate RESO CloseDate
 * @param listingContractDate RESO ListingContractDate
 * @param onMarketDate RESO OnMarketDate
 * @param listAgentKey RESO ListAgentKey
 * @param specialListingConditions RESO SpecialListingConditions, values comma-joined
 * @param apn county parcel number
 * @param saleDate county sale date
 * @param salePriceCents county sale price
 * @param documentType county document type
 */
public record NormalizedRecord(
    SourceFeed feed,
    PropertyIds.PropertyId propertyId,
    Address address,
    Characteristics characteristics,
    String listingKey,
    String rawStatus,
    ListingStatus status,
    Instant modificationTimestamp,
    Long listPriceCents,
    Long originalListPriceCents,
    Long closePriceCents,
    LocalDate closeDate,
    LocalDate listingContractDate,
    LocalDate onMarketDate,
    String listAgentKey,
    String specialListingConditions,
    String apn,
    LocalDate saleDate,
    Long salePriceCents,
    String documentType) {}
