package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The merged view of one property: a pure function of its live (not deleted) observations, in
 * whatever order they are given.
 *
 * <ul>
 *   <li><b>Precedence</b>: RESO observations by {@code listing.modificationTimestamp}, newest
 *       first, then county observations by version (sale date), newest first; ties by sourceKey.
 *   <li><b>address</b>, <b>characteristics</b>: per field, the first non-null value in precedence
 *       order.
 *   <li><b>idKind</b>: that of the first observation in precedence order (every observation of a
 *       propertyId has the same kind).
 *   <li><b>listing</b>: the listing of the first RESO observation (the latest modified).
 *   <li><b>sales</b>: every observation's sale, oldest first (close date, then RESO before county,
 *       then sourceKey); a county sale within {@value #SAME_SALE_DAYS} days of an MLS close of the
 *       same property is the same sale and is dropped (the MLS one is kept). An MLS close carries
 *       the facts of its own listing ({@code listPriceCents}, {@code listingStartDate}), so they
 *       survive a relisting of the property.
 *   <li><b>lastSale</b>: the newest of {@code sales}.
 *   <li><b>sources</b>: every observation's SourceRef, sorted by feed (RESO, then COUNTY) then
 *       sourceKey.
 *   <li><b>updatedAt</b>: the greatest version.
 * </ul>
 */
public final class PropertyMerger {

  /** An MLS close and a county deed this many days apart, or fewer, are the same sale. */
  public static final int SAME_SALE_DAYS = 7;

  /** Precedence of observations for coalescing. */
  static final Comparator<PropertyObservation> PRECEDENCE =
      Comparator.comparing((PropertyObservation o) -> o.getListing() == null)
          .thenComparing(PropertyMerger::recency, Comparator.reverseOrder())
          .thenComparing(o -> o.getSource().getSourceKey());

  private static final Comparator<Sale> SALE_ORDER =
      Comparator.comparing(Sale::getCloseDate)
          .thenComparing(s -> s.getSource() == SourceFeed.RESO ? 0 : 1)
          .thenComparing(Sale::getSourceKey);

  private static final Comparator<SourceRef> SOURCE_ORDER =
      Comparator.comparing((SourceRef s) -> s.getFeed().ordinal())
          .thenComparing(SourceRef::getSourceKey);

  private PropertyMerger() {}

  /**
   * Merges the observations of one property.
   *
   * @param propertyId the property
   * @param observations its observations; deleted ones are ignored
   * @return the merged property, or null when no live observation remains
   */
  public static Property merge(
      final String propertyId, final List<PropertyObservation> observations) {
    final List<PropertyObservation> live = new ArrayList<>();
    for (final PropertyObservation o : observations) {
      if (!o.getDeleted()) {
        live.add(o);
      }
    }
    if (live.isEmpty()) {
      return null;
    }
    live.sort(PRECEDENCE);
    final Address address = new Address();
    final Characteristics characteristics = new Characteristics();
    for (final PropertyObservation o : live) {
      coalesce(address, o.getAddress());
      coalesce(characteristics, o.getCharacteristics());
    }
    final PropertyObservation first = live.get(0);
    final List<Sale> sales = sales(live);
    final List<SourceRef> sources = new ArrayList<>();
    Instant updatedAt = Instant.EPOCH;
    for (final PropertyObservation o : live) {
      sources.add(o.getSource());
      if (o.getSource().getVersion().isAfter(updatedAt)) {
        updatedAt = o.getSource().getVersion();
      }
    }
    sources.sort(SOURCE_ORDER);
    return Property.newBuilder()
        .setPropertyId(propertyId)
        .setIdKind(first.getIdKind())
        .setAddress(address)
        .setCharacteristics(characteristics)
        .setListing(first.getListing())
        .setSales(sales)
        .setLastSale(sales.isEmpty() ? null : sales.get(sales.size() - 1))
        .setSources(sources)
        .setUpdatedAt(updatedAt)
        .build();
  }

  private static Instant recency(final PropertyObservation o) {
    return o.getListing() != null
        ? o.getListing().getModificationTimestamp()
        : o.getSource().getVersion();
  }

  private static List<Sale> sales(final List<PropertyObservation> live) {
    final List<Sale> mls = new ArrayList<>();
    final List<Sale> county = new ArrayList<>();
    for (final PropertyObservation o : live) {
      final Sale sale = o.getSale();
      if (sale != null) {
        if (sale.getSource() == SourceFeed.RESO) {
          mls.add(withListingFacts(sale, o.getListing()));
        } else {
          county.add(sale);
        }
      }
    }
    final List<Sale> sales = new ArrayList<>(mls);
    for (final Sale deed : county) {
      final boolean sameAsMls =
          mls.stream()
              .anyMatch(
                  close ->
                      Math.abs(ChronoUnit.DAYS.between(close.getCloseDate(), deed.getCloseDate()))
                          <= SAME_SALE_DAYS);
      if (!sameAsMls) {
        sales.add(deed);
      }
    }
    sales.sort(SALE_ORDER);
    return sales;
  }

  /**
   * The MLS close {@code sale} carrying the facts of its own listing (the listing of the same
   * observation): list price and start date (OnMarketDate, else ListingContractDate). The sale
   * keeps them when a newer listing of the property replaces this one as {@code Property.listing}.
   * A value the sale already has is kept.
   */
  static Sale withListingFacts(final Sale sale, final Listing listing) {
    if (listing == null) {
      return sale;
    }
    final LocalDate start =
        listing.getOnMarketDate() != null
            ? listing.getOnMarketDate()
            : listing.getListingContractDate();
    return Sale.newBuilder(sale)
        .setListPriceCents(
            sale.getListPriceCents() != null
                ? sale.getListPriceCents()
                : listing.getListPriceCents())
        .setListingStartDate(
            sale.getListingStartDate() != null ? sale.getListingStartDate() : start)
        .build();
  }

  /** Sets every null field of {@code target} from {@code source}. */
  private static void coalesce(final SpecificRecordBase target, final SpecificRecordBase source) {
    if (source == null) {
      return;
    }
    for (final Schema.Field field : target.getSchema().getFields()) {
      if (target.get(field.pos()) == null) {
        target.put(field.pos(), source.get(field.pos()));
      }
    }
  }
}
