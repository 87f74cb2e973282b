/**
 * The one-machine Midcoast stack, started for real: a single-node KRaft broker and a distributed
 * Kafka Connect worker as child JVMs, an embedded Postgres server, the topic catalogue, the app
 * (module serving) as a child JVM, and the Ames demo feed.
 *
 * <p>{@link io.midcoast.embedded.DevStack} is the command-line entry point used by the {@code
 * ./midcoast} launcher; {@link io.midcoast.embedded.Stack} starts the same parts on free ports in a
 * temporary directory for integration tests.
 */
package io.midcoast.embedded;
