/**
 * The resolve stage, keyed by sourceKey: keeps the latest accepted version of every source record
 * and the property it resolved to ({@link io.midcoast.schemas.SourceVersion}); drops duplicates and
 * stale versions early, gives a RESO Delete the propertyId of the listing it deletes, and retracts
 * a source record from the property it no longer resolves to after an address correction.
 */
package io.midcoast.topology.ingest.resolve;
