-- market_trend: the market-trend cells, one row per (region_type, region_id, month), written by
-- the Debezium JDBC sink "midcoast-trend-sink" from topic analytics.trend (upsert by the key
-- "<region_type>:<region_id>:<YYYY-MM>", split into the three key columns by the SplitKey
-- transform; a tombstone - a cell left without sales, listings or inventory - deletes the row).
-- Definitions of the figures: docs/analytics.md. Money is integer cents (bigint); ratios are
-- scaled integers (basis points, hundredths). The sink never creates or alters this table.
CREATE TABLE market_trend (
    region_type                   text             NOT NULL,
    region_id                     text             NOT NULL,
    month                         text             NOT NULL,
    closed_sales                  integer          NOT NULL,
    median_close_price_cents      bigint,
    mean_close_price_cents        bigint,
    median_price_per_sqft_cents   bigint,
    new_listings                  integer          NOT NULL,
    active_inventory_month_end    integer          NOT NULL,
    median_days_on_market         integer,
    median_sale_to_list_ratio_bps integer,
    months_of_supply_hundredths   integer,
    CONSTRAINT market_trend_pk PRIMARY KEY (region_type, region_id, month),
    CONSTRAINT market_trend_region_type_ck CHECK (region_type IN ('postal', 'city', 'subdivision')),
    CONSTRAINT market_trend_month_ck CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);

COMMENT ON TABLE market_trend IS 'Market trends per region and calendar month (topic analytics.trend); see docs/analytics.md.';
COMMENT ON COLUMN market_trend.region_type IS 'postal, city or subdivision.';
COMMENT ON COLUMN market_trend.month IS 'Calendar month YYYY-MM (event time: close date, on-market date, month end).';
COMMENT ON COLUMN market_trend.median_sale_to_list_ratio_bps IS 'Median close price / list price in basis points (10000 = 100%).';
COMMENT ON COLUMN market_trend.months_of_supply_hundredths IS 'active_inventory_month_end / closed_sales in hundredths of a month; null without sales.';

-- the primary key serves one region's series (region_type, region_id, month range);
-- dashboards also compare every region of a type in one month, and scan recent months
CREATE INDEX market_trend_type_month_idx ON market_trend (region_type, month);
CREATE INDEX market_trend_month_idx ON market_trend (month);
