/**
 * Gradient-boosted tree ensembles read from XGBoost's JSON dump: fast single-row evaluation and
 * per-feature path contributions ({@link io.midcoast.ml.tree.TreeContributions}), shared by the
 * price model ({@code io.midcoast.ml.price}) and the lead model ({@code io.midcoast.ml.lead}).
 */
package io.midcoast.ml.tree;
