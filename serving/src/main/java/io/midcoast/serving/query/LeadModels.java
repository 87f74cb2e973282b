package io.midcoast.serving.query;

import io.midcoast.schemas.ModelRecord;
import java.util.List;

/** The published lead models as this instance sees them, and the way to change their stages. */
public interface LeadModels {

  /**
   * Every record of the global {@code ml.model} store of this instance.
   *
   * @throws NotReadyException while the store cannot be queried
   */
  List<ModelRecord> all();

  /** Writes {@code records} to {@code ml.model} and waits for the broker's acknowledgement. */
  void publish(List<ModelRecord> records);

  /** No models, and nothing can be published (applications without the lead loop, tests). */
  static LeadModels none() {
    return new LeadModels() {
      @Override
      public List<ModelRecord> all() {
        return List.of();
      }

      @Override
      public void publish(final List<ModelRecord> records) {
        throw new IllegalStateException("this instance cannot publish models");
      }
    };
  }
}
