/**
 * The store stage: per propertyId, the latest version of every source record ({@link
 * io.midcoast.topology.ingest.store.AggregateRules}) and the merged property view, a pure function
 * of it ({@link io.midcoast.topology.ingest.store.PropertyMerger}).
 */
package io.midcoast.topology.ingest.store;
