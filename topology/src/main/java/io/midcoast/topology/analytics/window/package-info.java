/**
 * Order statistics over windows of dates: {@link io.midcoast.topology.analytics.window.DatedValues}
 * keeps a multiset of dated values and answers, for any window of dates, its count, exact k-th
 * value and median, the count at most a limit, and its mean and variance, each in far less than a
 * pass over the window. The estimate stage keeps one per region in memory, rebuilt from its state
 * stores (docs/estimates.md, "Cost and limits").
 */
package io.midcoast.topology.analytics.window;
