/**
 * The validate stage: the documented rules of {@link io.midcoast.topology.deadletter.RejectReason}
 * applied to a cleaned record, which then becomes a {@link
 * io.midcoast.schemas.PropertyObservation}.
 */
package io.midcoast.topology.ingest.validate;
