-- property: the merged current view of every property, one row per propertyId, written by the
-- Debezium JDBC sink "midcoast-property-sink" from topic property.state (upsert by property_id;
-- a tombstone deletes the row). Column names and types are exactly what the sink writes: see
-- docs/connect.md. The sink never creates or alters this table (schema.evolution=none).
-- Money is integer cents (bigint); dates are calendar dates; timestamps are UTC instants.
CREATE TABLE property (
    property_id                        text             NOT NULL,
    id_kind                            text             NOT NULL,
    address_street_number              text,
    address_street_name                text,
    address_unit_number                text,
    address_line                       text,
    address_city                       text,
    address_state_or_province          text,
    address_postal_code                text,
    address_county                     text,
    address_subdivision                text,
    address_latitude                   double precision,
    address_longitude                  double precision,
    property_type                      text,
    property_sub_type                  text,
    bedrooms                           integer,
    bathrooms                          integer,
    living_area_sqft                   integer,
    lot_size_sqft                      bigint,
    year_built                         integer,
    zoning                             text,
    garage_spaces                      double precision,
    land_use                           text,
    listing_key                        text,
    listing_standard_status            text,
    listing_raw_status                 text,
    listing_list_price_cents           bigint,
    listing_original_list_price_cents  bigint,
    listing_close_price_cents          bigint,
    listing_close_date                 date,
    listing_contract_date              date,
    listing_on_market_date             date,
    listing_list_agent_key             text,
    listing_modification_timestamp     timestamptz,
    last_sale_source                   text,
    last_sale_source_key               text,
    last_sale_close_date               date,
    last_sale_close_price_cents        bigint,
    last_sale_document_type            text,
    sales                              jsonb            NOT NULL,
    sources                            jsonb            NOT NULL,
    updated_at                         timestamptz      NOT NULL,
    CONSTRAINT property_pk PRIMARY KEY (property_id)
);

COMMENT ON TABLE property IS 'Current view of every property (topic property.state), one row per property_id.';
COMMENT ON COLUMN property.sales IS 'Every distinct sale, oldest first: [{source, source_key, close_date, close_price_cents, document_type}].';
COMMENT ON COLUMN property.sources IS 'Source records of this view: [{feed, source_key, topic, partition, offset, version}].';

-- dashboard filters and region drill-downs
CREATE INDEX property_postal_code_idx ON property (address_postal_code);
CREATE INDEX property_city_idx ON property (address_city, address_state_or_province);
CREATE INDEX property_subdivision_idx ON property (address_subdivision);
CREATE INDEX property_type_idx ON property (property_type);
-- listing views: status filter, then price ordering / ranges within a status
CREATE INDEX property_listing_status_price_idx ON property (listing_standard_status, listing_list_price_cents);
CREATE INDEX property_list_price_idx ON property (listing_list_price_cents);
CREATE INDEX property_listing_agent_idx ON property (listing_list_agent_key);
-- sales history and recency
CREATE INDEX property_last_sale_date_idx ON property (last_sale_close_date);
CREATE INDEX property_updated_at_idx ON property (updated_at);
