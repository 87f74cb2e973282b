/**
 * The RESO Data Dictionary input format (records of {@code feeds.reso.property}): how each field of
 * a Property record is read into the canonical types ({@link io.midcoast.schemas.reso.ResoFields},
 * {@link io.midcoast.schemas.reso.ResoValues}) and the rules on its lookups ({@link
 * io.midcoast.schemas.reso.SpecialListingConditions}). The one home of these rules: the ingest
 * process stage ({@code ResoMapper}, topology) and the price model's reader of training files
 * ({@code ResoSales}, ml-models) both use it. Pure functions; a value that cannot be read is a
 * {@link io.midcoast.schemas.reso.ResoFieldException}.
 */
package io.midcoast.schemas.reso;
