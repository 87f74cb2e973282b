/**
 * The process stage: cleans and normalizes one source record (strings trimmed, money in cents via
 * {@code BigDecimal}, areas in square feet, dates parsed, statuses mapped, addresses in USPS form)
 * and derives its propertyId ({@link io.midcoast.topology.ingest.process.PropertyIds}).
 */
package io.midcoast.topology.ingest.process;
