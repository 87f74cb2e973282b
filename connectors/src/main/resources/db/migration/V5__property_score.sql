-- property_score: the investment, risk and development-potential scores (0-100) of every
-- property, one row per propertyId, written by the Debezium JDBC sink "midcoast-score-sink" from
-- topic analytics.score (upsert by property_id; a tombstone deletes the row). Column names and
-- types are exactly what the sink writes: see docs/connect.md. No foreign key to property: the
-- tables are written by independent connectors. The sink never creates or alters this table.
CREATE TABLE property_score (
    property_id           text             NOT NULL,
    as_of                 date             NOT NULL,
    formula_version       text             NOT NULL,
    investment            integer          NOT NULL,
    risk                  integer          NOT NULL,
    development           integer          NOT NULL,
    investment_factors    jsonb            NOT NULL,
    risk_factors          jsonb            NOT NULL,
    development_factors   jsonb            NOT NULL,
    CONSTRAINT property_score_pk PRIMARY KEY (property_id),
    CONSTRAINT property_score_investment_ck CHECK (investment BETWEEN 0 AND 100),
    CONSTRAINT property_score_risk_ck CHECK (risk BETWEEN 0 AND 100),
    CONSTRAINT property_score_development_ck CHECK (development BETWEEN 0 AND 100)
);

COMMENT ON TABLE property_score IS 'Investment, risk and development scores of every property (topic analytics.score); formulas: docs/analytics.md.';
COMMENT ON COLUMN property_score.formula_version IS 'Version of the documented formulas that produced the scores.';
COMMENT ON COLUMN property_score.investment_factors IS 'Rules that added or took points: [{name, effect}], effect in points of the 0-100 score.';
COMMENT ON COLUMN property_score.risk_factors IS 'Rules that added or took points: [{name, effect}], effect in points of the 0-100 score.';
COMMENT ON COLUMN property_score.development_factors IS 'Rules that added or took points: [{name, effect}], effect in points of the 0-100 score.';

-- "top N by score" lists
CREATE INDEX property_score_investment_idx ON property_score (investment DESC);
CREATE INDEX property_score_risk_idx ON property_score (risk);
CREATE INDEX property_score_development_idx ON property_score (development DESC);
