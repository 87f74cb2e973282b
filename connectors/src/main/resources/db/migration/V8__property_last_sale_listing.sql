-- property: the listing facts of the last sale (release Property-3: Sale.listPriceCents and
-- Sale.listingStartDate, carried from the MLS listing that closed; null for county deeds). Apply
-- before a plugin that writes Property-3 is deployed: the sink never alters the table.
ALTER TABLE property
    ADD COLUMN last_sale_list_price_cents          bigint,
    ADD COLUMN last_sale_listing_start_date        date;
