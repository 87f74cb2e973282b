-- property_estimate: the latest price estimate of every property, one row per propertyId, written
-- by the Debezium JDBC sink "midcoast-estimate-sink" from topic analytics.estimate (upsert by
-- property_id; a tombstone - the property left the store - deletes the row). Column names and
-- types are exactly what the sink writes: see docs/connect.md. No foreign key to property: the two
-- tables are written by independent connectors, in no guaranteed order. Money is integer cents
-- (bigint); as_of is the valuation date. The sink never creates or alters this table.
CREATE TABLE property_estimate (
    property_id                  text             NOT NULL,
    model_id                     text             NOT NULL,
    model_version                text             NOT NULL,
    estimate_cents               bigint           NOT NULL,
    low_cents                    bigint           NOT NULL,
    high_cents                   bigint           NOT NULL,
    as_of                        date             NOT NULL,
    city                         text,
    subdivision                  text,
    region_price_per_sqft_cents  bigint,
    region_index_level           text             NOT NULL,
    list_price_cents             bigint,
    factors                      jsonb            NOT NULL,
    CONSTRAINT property_estimate_pk PRIMARY KEY (property_id)
);

COMMENT ON TABLE property_estimate IS 'Latest price estimate of every property (topic analytics.estimate), one row per property_id.';
COMMENT ON COLUMN property_estimate.low_cents IS 'Lower bound of the 80% interval.';
COMMENT ON COLUMN property_estimate.high_cents IS 'Upper bound of the 80% interval.';
COMMENT ON COLUMN property_estimate.as_of IS 'Valuation date: the market''s event-time clock when the estimate was made.';
COMMENT ON COLUMN property_estimate.region_price_per_sqft_cents IS 'The region''s trailing median close price per sq ft the model read (cents).';
COMMENT ON COLUMN property_estimate.region_index_level IS 'Where that median came from: SUBDIVISION, CITY, CITY_ALL_TIME, NONE or UNKNOWN.';
COMMENT ON COLUMN property_estimate.list_price_cents IS 'The current listing''s list price; null when not listed.';
COMMENT ON COLUMN property_estimate.factors IS 'Inputs that moved the estimate most, largest |effect| first: [{name, effect}], effect a signed fraction (0.05 = +5%).';

-- region drill-downs, and the listed properties compared with their list price
CREATE INDEX property_estimate_city_idx ON property_estimate (city);
CREATE INDEX property_estimate_subdivision_idx ON property_estimate (subdivision);
CREATE INDEX property_estimate_listed_idx ON property_estimate (list_price_cents)
    WHERE list_price_cents IS NOT NULL;
-- which model version produced which rows (rollouts, rollbacks)
CREATE INDEX property_estimate_model_idx ON property_estimate (model_id, model_version);
