-- estimate_accuracy: the rolling live accuracy of the price estimates (the last estimate made
-- before each close, compared with the close price), one row per region, written by the Debezium
-- JDBC sink "midcoast-estimate-accuracy-sink" from topic analytics.estimate.accuracy (upsert by
-- the key: "all", "city:<city>" or "subdivision:<name>"; a tombstone deletes the row). Shares are
-- basis points (10000 = 100%). The sink never creates or alters this table.
CREATE TABLE estimate_accuracy (
    region         text             NOT NULL,
    samples        integer          NOT NULL,
    window_end     date,
    mdape_bps      integer,
    within5_bps    integer,
    within10_bps   integer,
    within20_bps   integer,
    CONSTRAINT estimate_accuracy_pk PRIMARY KEY (region),
    CONSTRAINT estimate_accuracy_region_ck CHECK (region = 'all' OR region ~ '^(city|subdivision):.+$'),
    CONSTRAINT estimate_accuracy_samples_ck CHECK (samples >= 0),
    CONSTRAINT estimate_accuracy_mdape_ck CHECK (mdape_bps >= 0),
    CONSTRAINT estimate_accuracy_within_ck CHECK (
        within5_bps BETWEEN 0 AND 10000
        AND within10_bps BETWEEN 0 AND 10000
        AND within20_bps BETWEEN 0 AND 10000)
);

COMMENT ON TABLE estimate_accuracy IS 'Rolling live accuracy of the price estimates per region (topic analytics.estimate.accuracy).';
COMMENT ON COLUMN estimate_accuracy.region IS 'all, city:<city> or subdivision:<name>.';
COMMENT ON COLUMN estimate_accuracy.samples IS 'Samples with a close date in (window_end - 365 days, window_end].';
COMMENT ON COLUMN estimate_accuracy.window_end IS 'Latest close date among the region''s samples; null without samples.';
COMMENT ON COLUMN estimate_accuracy.mdape_bps IS 'Median absolute percentage error, basis points.';
COMMENT ON COLUMN estimate_accuracy.within5_bps IS 'Share of samples whose estimate is within 5% of the close price, basis points.';
COMMENT ON COLUMN estimate_accuracy.within10_bps IS 'Share of samples within 10%, basis points.';
COMMENT ON COLUMN estimate_accuracy.within20_bps IS 'Share of samples within 20%, basis points.';
