/**
 * Benchmark drivers, run by hand through {@code bench/run.sh} (never by the test suite): ingest
 * throughput under exactly-once ({@link io.midcoast.bench.IngestThroughputBench}), the raw broker
 * limit measured with Kafka's own perf tools ({@link io.midcoast.bench.BrokerLimitBench}) and
 * end-to-end latency from feed to {@code property.state} ({@link io.midcoast.bench.LatencyBench}),
 * estimate latency ({@link io.midcoast.bench.EstimateLatencyBench}) and lead event → score latency
 * with model swaps under load ({@link io.midcoast.bench.LeadLatencyBench}). Each of these starts
 * its own KRaft broker (free ports, temporary directory) and stops it. Two more measure a model
 * alone, without a broker: price-model scoring ({@link io.midcoast.bench.ScoringThroughputBench})
 * and lead scoring ({@link io.midcoast.bench.LeadScoringThroughputBench}); and one drives the
 * estimates topology in a TopologyTestDriver with every house in one city ({@link
 * io.midcoast.bench.EstimateCityBench}). Results and how to read them: {@code docs/benchmarks.md}.
 */
package io.midcoast.bench;
