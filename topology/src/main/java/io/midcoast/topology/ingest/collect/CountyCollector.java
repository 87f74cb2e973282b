package io.midcoast.topology.ingest.collect;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a {@code feeds.county.sale} message: exactly one CSV line (RFC 4180 quoting) of the 16
 * {@link #COLUMNS}. A header line (first cell {@code apn}) is skipped, not rejected.
 */
public final class CountyCollector {

  /** The county columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "apn",
          "situs_address",
          "city",
          "state",
          "postal_code",
          "sale_date",
          "sale_price",
          "document_type",
          "living_area_sqft",
          "lot_size_sqft",
          "year_built",
          "bedrooms",
          "bathrooms",
          "land_use",
          "latitude",
          "longitude");

  private static final ObjectReader READER =
      new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);

  private CountyCollector() {}

  /**
   * Parses one message.
   *
   * @param value the message bytes
   * @return the record, or empty for a header line
   * @throws Rejection when the message is empty, larger than 256 KiB or not one line of 16 columns
   */
  public static Optional<CountyRecord> collect(final byte[] value) {
    if (value == null || value.length == 0) {
      throw new Rejection(RejectReason.EMPTY_RECORD, "the message has no value");
    }
    InputSize.check(value, "the county line");
    final List<String[]> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = READER.readValues(value)) {
      while (it.hasNextValue()) {
        final String[] row = it.nextValue();
        if (!(row.length == 0 || (row.length == 1 && row[0].isBlank()))) {
          rows.add(row);
        }
      }
    } catch (final IOException | RuntimeException e) {
      throw new Rejection(RejectReason.MALFORMED_CSV, "not parseable as CSV: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new Rejection(RejectReason.EMPTY_RECORD, "the message is blank");
    }
    if (rows.size() > 1) {
      throw new Rejection(
          RejectReason.MALFORMED_CSV, "expected one CSV line, got " + rows.size() + " lines");
    }
    final String[] row = rows.get(0);
    if (row[0].strip().toLowerCase(Locale.ROOT).equals(COLUMNS.get(0))) {
      return Optional.empty();
    }
    if (row.length != COLUMNS.size()) {
      throw new Rejection(
          RejectReason.MALFORMED_CSV, "expected " + COLUMNS.size() + " columns, got " + row.length);
    }
    final Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      columns.put(COLUMNS.get(i), row[i]);
    }
    return Optional.of(new CountyRecord(columns));
  }
}
