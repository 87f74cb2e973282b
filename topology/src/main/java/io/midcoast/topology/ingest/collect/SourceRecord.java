package io.midcoast.topology.ingest.collect;

/** One source record as collected from a feed, before any cleaning. */
public sealed interface SourceRecord permits ResoRecord, CountyRecord {}
