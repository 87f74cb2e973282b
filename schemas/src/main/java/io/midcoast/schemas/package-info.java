/**
 * Midcoast's canonical records (generated from {@code src/main/avro/midcoast.avdl}) and the serdes
 * that put them on Kafka topics: {@link io.midcoast.schemas.RecordSerdes} is the one entry point,
 * {@link io.midcoast.schemas.ReleasedSchemas} the store of every released schema version.
 */
package io.midcoast.schemas;
