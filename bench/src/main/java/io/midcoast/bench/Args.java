package io.midcoast.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} command-line options of the drivers; unknown names are an error. */
final class Args {

  private final Map<String, String> values;

  private Args(final Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Parses {@code args}; every option must be one of {@code known} and have a value. */
  static Args parse(final String[] args, final List<String> known) {
    final Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      final String name = args[i];
      if (!name.startsWith("--") || !known.contains(name.substring(2))) {
        throw new IllegalArgumentException(
            "unknown option " + name + "; options: --" + String.join(" --", known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      values.put(name.substring(2), args[++i]);
    }
    return new Args(values);
  }

  long longValue(final String name, final long defaultValue) {
    return Optional.ofNullable(values.get(name)).map(Long::parseLong).orElse(defaultValue);
  }

  int intValue(final String name, final int defaultValue) {
    return Optional.ofNullable(values.get(name)).map(Integer::parseInt).orElse(defaultValue);
  }

  Optional<String> string(final String name) {
    return Optional.ofNullable(values.get(name));
  }
}
