/**
 * The analytics topologies over {@code property.state}. Market trends ({@link
 * io.midcoast.topology.analytics.TrendTopology}): per region and calendar month, closed sales,
 * exact median and mean prices, new listings, inventory, days on market, sale-to-list ratio and
 * months of supply, kept correct under corrections, deletes, replays and out-of-order arrival by
 * signed contributions. Rules: {@code docs/analytics.md}. Price estimates, property scores and
 * their live accuracy ({@link io.midcoast.topology.analytics.EstimateTopology}, its stages in
 * {@link io.midcoast.topology.analytics.estimate}). Rules: {@code docs/estimates.md}.
 */
package io.midcoast.topology.analytics;
