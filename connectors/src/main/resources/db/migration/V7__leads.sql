-- The lead tables, written by three Debezium JDBC sinks (see docs/connect.md and
-- docs/leads-loop.md). Column names and types are exactly what the sinks write. No foreign keys:
-- the tables are written by independent connectors, in no guaranteed order. Money is integer
-- cents (bigint); timestamps are UTC instants. The sinks never create or alter these tables.

-- lead: the current profile of every lead, one row per leadId, from topic leads.profile
-- (sink "midcoast-lead-sink", upsert by lead_id; a tombstone deletes the row).
CREATE TABLE lead (
    lead_id            text             NOT NULL,
    agent_id           text,
    name               text,
    source             text,
    budget_min_cents   bigint,
    budget_max_cents   bigint,
    timeline           text,
    property_type      text,
    location           text,
    pre_approved       boolean          NOT NULL,
    created_at         timestamptz,
    status             text             NOT NULL,
    status_at          timestamptz,
    last_activity_at   timestamptz,
    updated_at         timestamptz      NOT NULL,
    CONSTRAINT lead_pk PRIMARY KEY (lead_id)
);

COMMENT ON TABLE lead IS 'Current profile of every lead (topic leads.profile), one row per lead_id.';
COMMENT ON COLUMN lead.status IS 'Wire name of the current status: new, contacted, qualified, showing, offer, closed_won, closed_lost.';
COMMENT ON COLUMN lead.updated_at IS 'Event time of the latest event applied to the profile.';

CREATE INDEX lead_agent_idx ON lead (agent_id);
CREATE INDEX lead_status_idx ON lead (status);

-- lead_score: the latest score of every lead, one row per leadId, from topic leads.score
-- (sink "midcoast-lead-score-sink", upsert by lead_id: the last record of a lead wins).
CREATE TABLE lead_score (
    lead_id                 text             NOT NULL,
    agent_id                text,
    probability             double precision NOT NULL,
    model_id                text             NOT NULL,
    model_version           text             NOT NULL,
    factors                 jsonb            NOT NULL,
    as_of                   timestamptz      NOT NULL,
    event_id                text,
    challenger_version      text,
    challenger_probability  double precision,
    CONSTRAINT lead_score_pk PRIMARY KEY (lead_id),
    CONSTRAINT lead_score_probability_ck CHECK (probability BETWEEN 0 AND 1)
);

COMMENT ON TABLE lead_score IS 'Latest score of every lead (topic leads.score), one row per lead_id.';
COMMENT ON COLUMN lead_score.probability IS 'Champion probability of closed_won within 90 days.';
COMMENT ON COLUMN lead_score.factors IS 'Signed shares of the score: [{feature, value, contribution}], contribution to the log-odds.';
COMMENT ON COLUMN lead_score.as_of IS 'Event time of the event that moved the score.';
COMMENT ON COLUMN lead_score.challenger_probability IS 'Shadow score of the challenger model, when one exists.';

-- "top leads of an agent"
CREATE INDEX lead_score_agent_idx ON lead_score (agent_id, probability DESC);
CREATE INDEX lead_score_probability_idx ON lead_score (probability DESC);
CREATE INDEX lead_score_model_idx ON lead_score (model_id, model_version);

-- lead_score_history: every score update, one row per leads.score record (sink
-- "midcoast-lead-score-history-sink"). Primary key: the record's Kafka coordinates, so a record
-- Connect delivers again (at-least-once after a crash) rewrites its own row instead of adding one.
CREATE TABLE lead_score_history (
    connect_topic           text             NOT NULL,
    connect_partition       integer          NOT NULL,
    connect_offset          bigint           NOT NULL,
    lead_id                 text             NOT NULL,
    agent_id                text,
    probability             double precision NOT NULL,
    model_id                text             NOT NULL,
    model_version           text             NOT NULL,
    factors                 jsonb            NOT NULL,
    as_of                   timestamptz      NOT NULL,
    event_id                text,
    challenger_version      text,
    challenger_probability  double precision,
    CONSTRAINT lead_score_history_pk PRIMARY KEY (connect_topic, connect_partition, connect_offset),
    CONSTRAINT lead_score_history_probability_ck CHECK (probability BETWEEN 0 AND 1)
);

COMMENT ON TABLE lead_score_history IS 'Every score update of every lead (topic leads.score), append-only.';
COMMENT ON COLUMN lead_score_history.connect_offset IS 'Offset of the leads.score record; with topic and partition the primary key.';

-- a lead's history in time order; what a model version scored
CREATE INDEX lead_score_history_lead_idx ON lead_score_history (lead_id, as_of);
CREATE INDEX lead_score_history_model_idx ON lead_score_history (model_id, model_version);
