package io.midcoast.topology.ingest.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorsTest {

  private static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldCollectASingleObjectWithItsOwnBytes() {
    final byte[] value = utf8("{\"ListingKey\":\"L1\",\"ListPrice\":350000.10}");
    final List<ResoCollector.Element> elements = ResoCollector.collect(value);
    assertThat(elements).hasSize(1);
    assertThat(elements.get(0).bytes().get()).isEqualTo(value);
    assertThat(elements.get(0).record().fields().get("ListPrice").decimalValue())
        .isEqualByComparingTo(new BigDecimal("350000.10"));
  }

  @Test
  void shouldCollectEveryElementOfAnODataPage() {
    final List<ResoCollector.Element> elements =
        ResoCollector.collect(
            utf8("{\"value\":[{\"ListingKey\":\"A\"},{\"ListingKey\":\"B\"},7]}"));
    assertThat(elements).hasSize(3);
    assertThat(new String(elements.get(1).bytes().get(), StandardCharsets.UTF_8))
        .isEqualTo("{\"ListingKey\":\"B\"}");
    assertThat(elements.get(2).rejection().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void shouldRejectMalformedJsonAndTrailingGarbage() {
    assertThatThrownBy(() -> ResoCollector.collect(utf8("{\"a\":")))
        .isInstanceOf(Rejection.class)
        .hasFieldOrPropertyWithValue("reason", RejectReason.MALFORMED_JSON);
    assertThatThrownBy(() -> ResoCollector.collect(utf8("{} {}")))
        .hasFieldOrPropertyWithValue("reason", RejectReason.MALFORMED_JSON);
    assertThatThrownBy(() -> ResoCollector.collect(new byte[0]))
        .hasFieldOrPropertyWithValue("reason", RejectReason.EMPTY_RECORD);
  }

  @Test
  void shouldParseOneQuotedCsvLine() {
    final CountyRecord record =
        CountyCollector.collect(
                utf8(
                    "P-1,\"12 Oak Ct, Unit 2\",Ames,IA,50010,2010-01-02,\"$1,000\",WD,,,,,,,,\r\n"))
            .orElseThrow();
    assertThat(record.column("situs_address")).isEqualTo("12 Oak Ct, Unit 2");
    assertThat(record.column("sale_price")).isEqualTo("$1,000");
    assertThat(record.column("longitude")).isEmpty();
  }

  @Test
  void shouldSkipTheHeaderLine() {
    assertThat(CountyCollector.collect(utf8(String.join(",", CountyCollector.COLUMNS)))).isEmpty();
    assertThat(CountyCollector.collect(utf8("APN,situs_address"))).isEmpty();
  }

  @Test
  void shouldRejectAWrongNumberOfColumns() {
    assertThatThrownBy(() -> CountyCollector.collect(utf8("a,b,c")))
        .hasFieldOrPropertyWithValue("reason", RejectReason.MALFORMED_CSV);
  }
}
