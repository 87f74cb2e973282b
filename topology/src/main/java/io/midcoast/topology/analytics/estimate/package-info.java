/**
 * The estimate stage wired by {@link io.midcoast.topology.analytics.EstimateTopology}: price
 * estimates, property scores and their live accuracy over {@code property.state}. Rules: {@code
 * docs/estimates.md}.
 *
 * <ul>
 *   <li>Route: {@link io.midcoast.topology.analytics.estimate.EstimateRouteProcessor} tags each
 *       change with its market ({@link io.midcoast.topology.analytics.estimate.EstimateRules}),
 *       {@link io.midcoast.topology.analytics.estimate.MarketPartitioner} keeps a market in one
 *       task.
 *   <li>Estimate: {@link io.midcoast.topology.analytics.estimate.EstimateProcessor} routes each
 *       change to the regional indexes ({@link
 *       io.midcoast.topology.analytics.estimate.RegionIndexKeeper} over {@link
 *       io.midcoast.topology.analytics.estimate.SalePoints}, whose regions are windowed in memory
 *       by {@link io.midcoast.topology.analytics.window.DatedValues}), the model ({@link
 *       io.midcoast.topology.analytics.estimate.Estimator}), the scores ({@link
 *       io.midcoast.topology.analytics.estimate.Scorer}, {@link
 *       io.midcoast.topology.analytics.estimate.PropertyScores}, {@link
 *       io.midcoast.topology.analytics.estimate.RegionStats}) and the accuracy samples ({@link
 *       io.midcoast.topology.analytics.estimate.AccuracySampler}).
 *   <li>Accuracy: {@link io.midcoast.topology.analytics.estimate.AccuracyProcessor} keeps the
 *       samples per region (in memory too, {@link
 *       io.midcoast.topology.analytics.estimate.RegionSamples}) and publishes its figures ({@link
 *       io.midcoast.topology.analytics.estimate.EstimateAccuracies}).
 * </ul>
 */
package io.midcoast.topology.analytics.estimate;
