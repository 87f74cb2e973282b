/**
 * Interactive queries of the Kafka Streams state stores: the running Streams instance and its
 * readiness ({@link io.midcoast.serving.query.StreamsRuntime}), key lookups, ranges and listings
 * wherever the key lives, forwarding to the owning instance ({@link
 * io.midcoast.serving.query.InteractiveQueries}), and the published lead models.
 */
package io.midcoast.serving.query;
