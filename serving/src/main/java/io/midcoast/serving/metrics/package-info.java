/**
 * Prometheus metrics of the application through Micrometer: stage counters, lead-model monitor and
 * the live-accuracy gauges.
 */
package io.midcoast.serving.metrics;
