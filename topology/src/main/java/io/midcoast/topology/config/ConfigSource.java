package io.midcoast.topology.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from: environment variables win over a properties file, which
 * wins over declared defaults. A key {@code midcoast.kafka.bootstrap.servers} is read from the
 * environment as {@code MIDCOAST_KAFKA_BOOTSTRAP_SERVERS}.
 *
 * <p>Each config area is a record with a {@code from(ConfigSource)} factory that declares its keys,
 * types and defaults once and validates the values with a clear message.
 */
public final class ConfigSource {

  private final Properties properties;
  private final Map<String, String> environment;

  private ConfigSource(final Properties properties, final Map<String, String> environment) {
    this.properties = properties;
    this.environment = Map.copyOf(environment);
  }

  /** A source over the given properties and environment. */
  public static ConfigSource of(final Properties properties, final Map<String, String> env) {
    final Properties copy = new Properties();
    copy.putAll(properties);
    return new ConfigSource(copy, env);
  }

  /** The process environment plus the properties file, when given and present. */
  public static ConfigSource load(final Optional<Path> propertiesFile) {
    final Properties properties = new Properties();
    if (propertiesFile.isPresent()) {
      try (InputStream in = Files.newInputStream(propertiesFile.get())) {
        properties.load(in);
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read config file " + propertiesFile.get(), e);
      }
    }
    return new ConfigSource(properties, System.getenv());
  }

  /**
   * The properties file a command was given: {@code --config FILE} among {@code args}, else the
   * {@code MIDCOAST_CONFIG} environment variable, else none.
   */
  public static Optional<Path> configFile(final String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--config")) {
        return Optional.of(Path.of(args[i + 1]));
      }
    }
    return Optional.ofNullable(System.getenv("MIDCOAST_CONFIG"))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }

  /** The same source with {@code key} set, as if it were in the properties file. */
  public ConfigSource with(final String key, final String value) {
    final Properties copy = new Properties();
    copy.putAll(properties);
    copy.setProperty(key, value);
    return new ConfigSource(copy, environment);
  }

  /** The environment variable name of a key. */
  public static String envName(final String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value of a key, if set anywhere. */
  public Optional<String> raw(final String key) {
    final String fromEnv = environment.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.strip());
    }
    return Optional.ofNullable(properties.getProperty(key)).map(String::strip);
  }

  /** A string value, or the default. */
  public String string(final String key, final String defaultValue) {
    return raw(key).orElse(defaultValue);
  }

  /** An int value, or the default; a non-number is a {@link ConfigException}. */
  public int integer(final String key, final int defaultValue) {
    return raw(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
  }

  /** A long value, or the default; a non-number is a {@link ConfigException}. */
  public long longValue(final String key, final long defaultValue) {
    return raw(key).map(v -> parse(key, v, Long::parseLong, "an integer")).orElse(defaultValue);
  }

  /** A boolean value ({@code true}/{@code false}), or the default. */
  public boolean bool(final String key, final boolean defaultValue) {
    return raw(key)
        .map(
            v -> {
              if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new ConfigException(key, v, "must be true or false");
              }
              return Boolean.parseBoolean(v);
            })
        .orElse(defaultValue);
  }

  /** Every property-file entry whose key starts with {@code prefix}, prefix removed. */
  public Properties withPrefix(final String prefix) {
    final Properties out = new Properties();
    for (final String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        out.setProperty(name.substring(prefix.length()), properties.getProperty(name));
      }
    }
    return out;
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private static <T> T parse(
      final String key, final String value, final Parser<T> parser, final String expected) {
    try {
      return parser.parse(value);
    } catch (final RuntimeException e) {
      throw new ConfigException(key, value, "must be " + expected);
    }
  }
}
