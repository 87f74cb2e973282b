-- estimate_accuracy: how often the close price lay inside the estimate's 80% interval (release
-- EstimateAccuracy-2: inIntervalBps, over the window's samples that carry an interval; null when
-- none does). Apply before a plugin that writes EstimateAccuracy-2 is deployed: the sink never
-- alters the table.
ALTER TABLE estimate_accuracy
    ADD COLUMN in_interval_bps integer;

ALTER TABLE estimate_accuracy
    ADD CONSTRAINT estimate_accuracy_in_interval_ck CHECK (in_interval_bps BETWEEN 0 AND 10000);

COMMENT ON COLUMN estimate_accuracy.in_interval_bps IS 'Share of the samples carrying an interval whose close price lay inside the estimate''s 80% interval, basis points; null when none carries one.';
