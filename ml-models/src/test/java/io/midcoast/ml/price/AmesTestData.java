package io.midcoast.ml.price;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The project's one copy of the Ames data (shipped with the demo feed in deploy/embedded), loaded
 * once per JVM; tests run with the module folder as working directory.
 */
final class AmesTestData {

  static final Path AMES = Path.of("../deploy/embedded/src/main/resources/data/ames.csv");

  private static PriceTraining.Data data;

  private AmesTestData() {}

  static synchronized PriceTraining.Data load() {
    if (data == null) {
      try {
        data = PriceTraining.loadAmes(AMES);
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }
}
