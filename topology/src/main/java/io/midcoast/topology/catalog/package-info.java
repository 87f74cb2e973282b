/**
 * The public contract of the topologies, what serving, the embedded stack, the benchmarks and the
 * tests use: the topics with their serdes ({@link io.midcoast.topology.catalog.Topics}), the
 * queryable state stores ({@link io.midcoast.topology.catalog.StoreNames}), the key formats and
 * partitioning of regional keys ({@link io.midcoast.topology.catalog.TrendKeys}, {@link
 * io.midcoast.topology.catalog.RegionPartitioner}), and the lead-model contract ({@link
 * io.midcoast.topology.catalog.LeadModelContract}). Nothing here depends on a processor.
 */
package io.midcoast.topology.catalog;
