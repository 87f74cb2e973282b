/**
 * The ingest topology: feed records from {@code feeds.reso.property} and {@code feeds.county.sale}
 * pass collect → process → validate → store and become the merged {@link
 * io.midcoast.schemas.Property} view on {@code property.state}; rejected records go to {@code
 * ingest.dlq}. {@link io.midcoast.topology.ingest.IngestTopology} wires the stages; the stage logic
 * lives in the sub-packages ({@code collect}, {@code process}, {@code validate}, {@code store}),
 * each unit-tested on its own. Rules: docs/ingest.md.
 */
package io.midcoast.topology.ingest;
