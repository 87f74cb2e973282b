package io.midcoast.topology.ingest.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits a {@code feeds.reso.property} message into RESO records: a single JSON object is one
 * record; an OData page {@code {"value":[...]}} yields one record per element. An element's own
 * JSON bytes (re-serialized compactly) are produced only when it is dead-lettered.
 */
public final class ResoCollector {

  /** The shared mapper: BigDecimal for floats, trailing garbage rejected. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final String ODATA_VALUE = "value";

  /**
   * One element of a message: the record, or the rejection of that element alone.
   *
   * @param bytes supplies the element's own JSON bytes (the whole message for a single record); for
   *     a page element they are serialized on each call, so call it only to dead-letter
   * @param record the record, null when rejected
   * @param rejection why the element was rejected, null when accepted
   */
  public record Element(Supplier<byte[]> bytes, ResoRecord record, Rejection rejection) {}

  private ResoCollector() {}

  /**
   * Parses one message.
   *
   * @param value the message bytes
   * @return the elements, in page order
   * @throws Rejection when the message as a whole is empty or not JSON, or is a single record
   *     larger than 256 KiB
   */
  public static List<Element> collect(final byte[] value) {
    if (value == null || value.length == 0) {
      throw new Rejection(RejectReason.EMPTY_RECORD, "the message has no value");
    }
    final JsonNode root;
    try {
      root = MAPPER.readTree(value);
    } catch (final IOException e) {
      throw new Rejection(RejectReason.MALFORMED_JSON, summary(e));
    }
    if (root == null || root.isMissingNode()) {
      throw new Rejection(RejectReason.EMPTY_RECORD, "the message is blank");
    }
    if (!root.isObject()) {
      throw new Rejection(
          RejectReason.MALFORMED_JSON, "expected a JSON object, got " + root.getNodeType());
    }
    final JsonNode page = root.get(ODATA_VALUE);
    if (page == null || !page.isArray()) {
      InputSize.check(value, "the RESO record");
      return List.of(new Element(() -> value, new ResoRecord((ObjectNode) root), null));
    }
    final List<Element> elements = new ArrayList<>(page.size());
    int index = 0;
    for (final JsonNode element : page) {
      final Supplier<byte[]> bytes = () -> bytes(element);
      if (element.isObject()) {
        elements.add(new Element(bytes, new ResoRecord((ObjectNode) element), null));
      } else {
        elements.add(
            new Element(
                bytes,
                null,
                new Rejection(
                    RejectReason.MALFORMED_JSON,
                    "page element "
                        + index
                        + " is "
                        + element.getNodeType()
                        + ", expected an object")));
      }
      index++;
    }
    return elements;
  }

  private static byte[] bytes(final JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot write a parsed JSON node", e);
    }
  }

  private static String summary(final IOException e) {
    final String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
