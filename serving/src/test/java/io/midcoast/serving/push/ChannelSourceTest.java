package io.midcoast.serving.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import io.midcoast.serving.ServingFixtures;
import io.midcoast.serving.json.AvroJson;
import io.midcoast.topology.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ChannelSourceTest {

  @SuppressWarnings("unchecked")
  private static final ChannelSource<String, TrendCell> TRENDS =
      (ChannelSource<String, TrendCell>) PushChannels.standard().sources().get(0);

  @SuppressWarnings("unchecked")
  private static final ChannelSource<String, Property> PROPERTIES =
      (ChannelSource<String, Property>) PushChannels.standard().sources().get(1);

  private static byte[] key(final String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldPushATrendRecordToItsRegionsChannelAsTheApiRendersIt() {
    final TrendCell cell = PushTesting.cell(RegionType.SUBDIVISION, "North_Ames", "2010-05");
    final byte[] value =
        Topics.ANALYTICS_TREND.valueSerde().serializer().serialize("analytics.trend", cell);
    final List<ChannelSource.Push> pushes =
        TRENDS.pushes(key("subdivision:North_Ames:2010-05"), value, new RecordHeaders(), c -> true);
    assertThat(pushes).hasSize(1);
    final ChannelSource.Push push = pushes.get(0);
    assertThat(push.channel()).isEqualTo("trends:subdivision:North_Ames");
    assertThat(push.key()).isEqualTo("subdivision:North_Ames:2010-05");
    assertThat(push.data()).isEqualTo(AvroJson.toJson(cell));
    assertThat(push.data().get("regionType").asText()).isEqualTo("SUBDIVISION");
    assertThat(push.data().get("medianClosePriceCents").asLong()).isEqualTo(21_500_000L);
  }

  @Test
  void shouldPushATombstoneWithNullData() {
    final List<ChannelSource.Push> pushes =
        TRENDS.pushes(key("city:AMES:2010-05"), null, new RecordHeaders(), c -> true);
    assertThat(pushes).singleElement().satisfies(p -> assertThat(p.data().isNull()).isTrue());
    assertThat(pushes.get(0).channel()).isEqualTo("trends:city:AMES");
  }

  @Test
  void shouldPushAPropertyToItsOwnChannel() {
    final Property property = ServingFixtures.property();
    final byte[] value =
        Topics.PROPERTY_STATE.valueSerde().serializer().serialize("property.state", property);
    final List<ChannelSource.Push> pushes =
        PROPERTIES.pushes(key(property.getPropertyId()), value, new RecordHeaders(), c -> true);
    assertThat(pushes)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.channel()).isEqualTo("properties:" + property.getPropertyId());
              assertThat(p.data().at("/address/subdivision").asText()).isEqualTo("North_Ames");
            });
  }

  @Test
  void shouldLeaveOutChannelsNobodyWantsWithoutRendering() {
    final ChannelSource<String, TrendCell> source =
        ChannelSource.of(
            Topics.ANALYTICS_TREND,
            ChannelSyntax.TRENDS,
            (k, v) -> List.of("trends:city:A", "trends:city:B", "trends:city:A"),
            v -> {
              throw new AssertionError("rendered although nobody listens");
            });
    final TrendCell cell = PushTesting.cell(RegionType.CITY, "A", "2010-01");
    assertThat(source.pushes("k", cell, c -> false)).isEmpty();
    final ChannelSource<String, TrendCell> rendering =
        ChannelSource.of(
            Topics.ANALYTICS_TREND,
            ChannelSyntax.TRENDS,
            (k, v) -> List.of("trends:city:A", "trends:city:B", "trends:city:A"),
            AvroJson::toJson);
    assertThat(rendering.pushes("k", cell, c -> true))
        .as("duplicate channels once")
        .extracting(ChannelSource.Push::channel)
        .containsExactly("trends:city:A", "trends:city:B");
    assertThat(rendering.pushes("k", cell, "trends:city:B"::equals))
        .extracting(ChannelSource.Push::channel)
        .containsExactly("trends:city:B");
  }

  @Test
  void shouldFailOnAValueThatIsNotItsTopicsRecord() {
    assertThatThrownBy(
            () ->
                TRENDS.pushes(
                    key("city:AMES:2010-05"),
                    "not avro".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(),
                    c -> true))
        .isInstanceOf(RuntimeException.class);
  }
}
