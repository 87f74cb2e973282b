package io.midcoast.topology.ingest.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One RESO Property record: the JSON object as sent. Floating-point numbers are {@code BigDecimal}
 * nodes (never doubles), so prices keep their exact decimal value.
 *
 * @param fields the JSON object; treat as read-only
 */
public record ResoRecord(ObjectNode fields) implements SourceRecord {}
