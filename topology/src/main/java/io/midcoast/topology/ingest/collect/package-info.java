/**
 * The collect stage: reads feed messages and splits them into single source records (one RESO JSON
 * object per element of an OData page; one county CSV line). Unparseable messages are rejected with
 * {@code EMPTY_RECORD}, {@code MALFORMED_JSON} or {@code MALFORMED_CSV}.
 */
package io.midcoast.topology.ingest.collect;
