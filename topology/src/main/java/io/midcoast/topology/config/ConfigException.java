package io.midcoast.topology.config;

/** A configuration value that is missing or invalid; the message names the key and the fix. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(final String key, final String value, final String problem) {
    super(
        "invalid configuration "
            + key
            + "="
            + value
            + ": "
            + problem
            + " (set it in the properties file or as "
            + ConfigSource.envName(key)
            + ")");
  }
}
