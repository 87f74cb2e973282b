/**
 * The price model: one feature definition ({@link io.midcoast.ml.price.PriceFeatures}) shared by
 * training and live scoring, the training command ({@link io.midcoast.ml.price.TrainPriceModel})
 * that reads closed sales (Ames CSV or RESO JSON lines) and writes a versioned Tribuo model with
 * its provenance and holdout evaluation, and the loader of the shipped model ({@link
 * io.midcoast.ml.price.PriceModel}). See docs/price-model.md.
 */
package io.midcoast.ml.price;
