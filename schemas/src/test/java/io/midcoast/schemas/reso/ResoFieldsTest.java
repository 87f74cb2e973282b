package io.midcoast.schemas.reso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.reso.ResoFieldException.Kind;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResoFieldsTest {

  private static ObjectNode record(final String json) throws Exception {
    return (ObjectNode) JsonMapper.builder().build().readTree(json);
  }

  @Test
  void shouldReadNumbersFromJsonNumbersAndNumericText() throws Exception {
    final ObjectNode json =
        record("{\"ListPrice\":\"350000.005\",\"BedroomsTotal\":3.0,\"GarageSpaces\":\" 2 \"}");

    assertThat(ResoFields.cents(json, "ListPrice")).isEqualTo(35_000_001L);
    assertThat(ResoFields.wholeNumber(json, "BedroomsTotal")).isEqualTo(3);
    assertThat(ResoFields.number(json, "GarageSpaces")).isEqualTo(2.0);
    assertThat(ResoFields.decimal(json, "ClosePrice")).isNull();
  }

  @Test
  void shouldConvertAreasFromTheirOwnUnits() throws Exception {
    final ObjectNode json =
        record(
            "{\"LivingArea\":100,\"LivingAreaUnits\":\"Square Meters\","
                + "\"LotSizeArea\":2,\"LotSizeUnits\":\"Acres\",\"LotSizeAcres\":9}");

    assertThat(ResoFields.area(json, "LivingArea")).isEqualTo(1076);
    assertThat(ResoFields.lotSizeSqft(json)).isEqualTo(87_120L);
  }

  @Test
  void shouldReadDatesTimestampsAndStatuses() throws Exception {
    final ObjectNode json =
        record(
            "{\"CloseDate\":\"2010-06-15T23:00:00-05:00\","
                + "\"ModificationTimestamp\":\"2010-06-15T12:00:00\","
                + "\"StandardStatus\":\"Active Under Contract\"}");

    assertThat(ResoFields.isoDate(json, "CloseDate")).isEqualTo(LocalDate.of(2010, 6, 16));
    assertThat(ResoFields.timestamp(json, "ModificationTimestamp"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThat(ResoValues.status(ResoFields.text(json, "StandardStatus")))
        .isEqualTo(ListingStatus.ACTIVE_UNDER_CONTRACT);
    assertThat(ResoValues.status("Sold")).isNull();
  }

  @Test
  void shouldGiveTheSameListFromAnArrayAndFromACommaString() throws Exception {
    final ObjectNode json =
        record("{\"a\":[\"Brick\",\" Vinyl Siding \",null],\"b\":\"Brick, Vinyl Siding,\"}");

    assertThat(ResoFields.list(json, "a"))
        .isEqualTo(ResoFields.list(json, "b"))
        .isEqualTo("Brick,Vinyl Siding");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"v\":\"12k\"}|decimal|WRONG_FIELD_TYPE",
        "{\"v\":[1]}|decimal|WRONG_FIELD_TYPE",
        "{\"v\":1.5}|wholeNumber|WRONG_FIELD_TYPE",
        "{\"v\":{}}|text|WRONG_FIELD_TYPE",
        "{\"v\":\"maybe\"}|yesNo|WRONG_FIELD_TYPE",
        "{\"v\":[{}]}|list|WRONG_FIELD_TYPE",
        "{\"v\":\"2010-02-30\"}|isoDate|INVALID_DATE",
        "{\"v\":1,\"vUnits\":\"Hectares\"}|area|UNKNOWN_UNIT"
      })
  void shouldNameWhatIsWrongWithAValue(final String json, final String reader, final Kind kind)
      throws Exception {
    final ObjectNode record = record(json);

    assertThatThrownBy(
            () -> {
              switch (reader) {
                case "decimal" -> ResoFields.decimal(record, "v");
                case "wholeNumber" -> ResoFields.wholeNumber(record, "v");
                case "text" -> ResoFields.text(record, "v");
                case "yesNo" -> ResoFields.yesNo(record, "v");
                case "list" -> ResoFields.list(record, "v");
                case "isoDate" -> ResoFields.isoDate(record, "v");
                case "area" -> ResoFields.area(record, "v");
                default -> throw new AssertionError(reader);
              }
            })
        .isInstanceOf(ResoFieldException.class)
        .hasMessageStartingWith("v")
        .extracting(e -> ((ResoFieldException) e).kind())
        .isEqualTo(kind);
  }
}
