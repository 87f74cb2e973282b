/**
 * Typed configuration: one record per area, each declared once (key, type, default) and parsed from
 * a {@link io.midcoast.topology.config.ConfigSource} (environment over properties file).
 */
package io.midcoast.topology.config;
