package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.Characteristics;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.collect.CountyCollector;
import io.midcoast.topology.ingest.collect.CountyRecord;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The county value rules of {@link CountyMapper}: what a cell becomes, or its exact dead letter.
 */
class CountyMapperTest {

  private static final String LINE =
      "A,\"123 N. Main St.\",Ames,IA,50010-1234,6/15/2010,\"$1,234,567.89\",WD,"
          + "1500.5,8000,1995.0,3,2.5,RES,42.0,-93.6";

  private static CountyRecord record(final String column, final String cell) {
    final CountyRecord line =
        CountyCollector.collect(LINE.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    final Map<String, String> columns = new LinkedHashMap<>(line.columns());
    columns.put(column, cell);
    return new CountyRecord(columns);
  }

  @Test
  void shouldCleanEveryCell() {
    final NormalizedRecord record = CountyMapper.map(record("land_use", "  RES "));
    final Characteristics c = record.characteristics();

    assertThat(record.saleDate()).isEqualTo(LocalDate.of(2010, 6, 15));
    assertThat(record.salePriceCents()).isEqualTo(123_456_789L);
    assertThat(record.address().getPostalCode()).isEqualTo("50010");
    assertThat(c.getLivingAreaSqft()).isEqualTo(1501);
    assertThat(c.getLotSizeSqft()).isEqualTo(8000L);
    assertThat(c.getYearBuilt()).isEqualTo(1995);
    assertThat(c.getBedrooms()).isEqualTo(3);
    assertThat(c.getBathrooms()).isEqualTo(2);
    assertThat(c.getLandUse()).isEqualTo("RES");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sale_price|$abc|WRONG_FIELD_TYPE|sale_price='$abc' is not a number",
        "sale_price|' $ '|WRONG_FIELD_TYPE|sale_price='$' is not a number",
        "sale_price|1e30|WRONG_FIELD_TYPE|sale_price=1E+30 overflows",
        "sale_date|2/30/2010|INVALID_DATE|sale_date='2/30/2010' is not YYYY-MM-DD or M/D/YYYY",
        "sale_date|2010-13-01|INVALID_DATE|sale_date='2010-13-01' is not YYYY-MM-DD or M/D/YYYY",
        "bedrooms|3.5|WRONG_FIELD_TYPE|bedrooms=3.5 is not an integer",
        "bedrooms|' three '|WRONG_FIELD_TYPE|bedrooms='three' is not a number",
        "bedrooms|$3|WRONG_FIELD_TYPE|bedrooms='$3' is not a number",
        "bathrooms|1e10|WRONG_FIELD_TYPE|bathrooms=10000000000 is not an integer",
        "year_built|1,995|WRONG_FIELD_TYPE|year_built='1,995' is not a number",
        "living_area_sqft|1e10|WRONG_FIELD_TYPE|living_area_sqft=1E+10 overflows",
        "lot_size_sqft|1e30|WRONG_FIELD_TYPE|lot_size_sqft=1E+30 overflows",
        "latitude|north|WRONG_FIELD_TYPE|latitude='north' is not a number"
      })
  void shouldRejectACellWithItsReasonAndDetail(
      final String column, final String cell, final RejectReason reason, final String detail) {
    assertThatThrownBy(() -> CountyMapper.map(record(column, cell)))
        .isInstanceOf(Rejection.class)
        .hasMessage(detail)
        .extracting(e -> ((Rejection) e).reason())
        .isEqualTo(reason);
  }
}
