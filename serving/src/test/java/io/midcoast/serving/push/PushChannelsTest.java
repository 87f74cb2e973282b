package io.midcoast.serving.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.serving.json.AvroJson;
import io.midcoast.topology.catalog.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushChannelsTest {

  private final PushChannels channels = PushChannels.standard();

  @Test
  void shouldCanonicalizeTrendChannelsLikeTheTrendKeys() {
    assertThat(channels.canonical("trends:subdivision:North_Ames"))
        .isEqualTo("trends:subdivision:North_Ames");
    assertThat(channels.canonical("trends:Subdivision:North_Ames"))
        .as("type in any case; subdivision names verbatim")
        .isEqualTo("trends:subdivision:North_Ames");
    assertThat(channels.canonical("trends:city:Ames")).isEqualTo("trends:city:AMES");
    assertThat(channels.canonical("trends:postal:50010")).isEqualTo("trends:postal:50010");
    assertThat(channels.canonical("trends:city:New York: Downtown"))
        .as("region ids may hold colons")
        .isEqualTo("trends:city:NEW YORK: DOWNTOWN");
  }

  @Test
  void shouldMapATrendCellKeyToItsRegionsChannel() {
    assertThat(ChannelSyntax.trendChannelOfCell("subdivision:North_Ames:2010-05"))
        .isEqualTo("trends:subdivision:North_Ames");
    assertThat(ChannelSyntax.trendChannelOfCell("city:AMES:2010-05"))
        .isEqualTo(channels.canonical("trends:city:ames"));
  }

  @Test
  void shouldRejectInvalidTrendChannels() {
    for (final String bad :
        List.of(
            "trends",
            "trends:",
            "trends:planet:Mars",
            "trends:city",
            "trends:city:",
            "trends:city:   ",
            "trends:city:a\u0007b",
            "trends:city:" + "x".repeat(257))) {
      assertThatThrownBy(() -> channels.canonical(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldAcceptPropertyChannelsWithAValidId() {
    assertThat(channels.canonical("properties:geo-42.054035_-93.619754-l31770"))
        .isEqualTo("properties:geo-42.054035_-93.619754-l31770");
    assertThatThrownBy(() -> channels.canonical("properties:bad id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
  }

  @Test
  void shouldNameTheKnownChannelsWhenOneIsUnknown() {
    assertThatThrownBy(() -> channels.canonical("weather:Ames"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown channel weather:Ames")
        .hasMessageContaining("trends:<regionType>:<regionId>")
        .hasMessageContaining("properties:<propertyId>");
    assertThatThrownBy(() -> channels.canonical("propertiesX:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTailTheTopicsOfItsSources() {
    assertThat(channels.topics())
        .containsExactlyInAnyOrder(
            Topics.ANALYTICS_TREND,
            Topics.PROPERTY_STATE,
            Topics.ANALYTICS_ESTIMATE,
            Topics.ANALYTICS_SCORE,
            Topics.ANALYTICS_ESTIMATE_ACCURACY,
            Topics.LEADS_SCORE,
            Topics.LEADS_ALERT);
  }

  @Test
  void shouldPreferTheLongestPrefixAndAcceptFixedNames() {
    final PushChannels registry =
        new PushChannels(
            List.of(
                ChannelSource.byKey(
                    Topics.PROPERTY_STATE, ChannelSyntax.withId("leads", "<leadId>"), p -> null),
                ChannelSource.byKey(
                    Topics.PROPERTY_STATE,
                    ChannelSyntax.withParameter(
                        "leads:agent", "<agentId>", id -> id.toLowerCase(java.util.Locale.ROOT)),
                    p -> null),
                ChannelSource.of(
                    Topics.ANALYTICS_TREND,
                    ChannelSyntax.exact("alerts"),
                    (k, v) -> List.of("alerts"),
                    AvroJson::toJson)));
    assertThat(registry.canonical("leads:agent:A7")).isEqualTo("leads:agent:a7");
    assertThat(registry.canonical("leads:L-1")).isEqualTo("leads:L-1");
    assertThat(registry.canonical("alerts")).isEqualTo("alerts");
    assertThatThrownBy(() -> registry.canonical("alerts:x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseOneFamilyWithTwoForms() {
    assertThatThrownBy(
            () ->
                new PushChannels(
                    List.of(
                        ChannelSource.byKey(
                            Topics.PROPERTY_STATE, ChannelSyntax.withId("x", "<a>"), p -> null),
                        ChannelSource.byKey(
                            Topics.PROPERTY_STATE, ChannelSyntax.withId("x", "<b>"), p -> null))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
