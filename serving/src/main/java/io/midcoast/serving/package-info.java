/**
 * The runnable Midcoast application: {@link io.midcoast.serving.Main} starts the Kafka Streams
 * topologies and a Javalin server that answers interactive queries from their state stores, health
 * checks and Prometheus metrics, with every error as {@code application/problem+json}, and pushes
 * result changes to WebSocket clients ({@code /ws}, {@code PushChannels}).
 */
package io.midcoast.serving;
