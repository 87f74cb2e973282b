package io.midcoast.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place topologies, serving and tools get serdes for Midcoast's canonical records.
 *
 * <p>Keys are plain UTF-8 strings; values are Avro records. The encoding behind this interface is
 * an implementation detail: {@link SingleObjectSerdes} writes Avro single-object encoding and
 * resolves writer schemas from {@link ReleasedSchemas}; a schema-registry-backed implementation can
 * replace it without touching any topology.
 */
public interface RecordSerdes {

  /**
   * A serde for values of the given generated Avro class.
   *
   * @param type the generated specific record class, e.g. {@code Property.class}
   * @return a serde that writes with the current schema and reads every released version
   */
  <T extends SpecificRecord> Serde<T> serde(Class<T> type);

  /** The default implementation: Avro single-object encoding over the released schemas. */
  static RecordSerdes singleObject() {
    return SingleObjectSerdes.INSTANCE;
  }
}
