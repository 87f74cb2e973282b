/**
 * The Kafka Streams topologies of Midcoast and what they share: the topic catalogue ({@link
 * io.midcoast.topology.catalog.Topics}), typed configuration, error handlers and RocksDB settings.
 * Each bounded context (ingest, analytics, leads) has its own sub-package with a side-effect-free
 * {@code build(StreamsBuilder, ...)} method.
 */
package io.midcoast.topology;
