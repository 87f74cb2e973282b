package io.midcoast.serving.push;

import io.midcoast.schemas.RegionType;
import io.midcoast.topology.catalog.TrendKeys;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The names of one family of WebSocket channels: a fixed name ({@code alerts}) or a prefix and a
 * parameter ({@code properties:<propertyId>}, {@code trends:<regionType>:<regionId>}). Turns the
 * name a client asks for into the canonical name the pushes use, so {@code trends:City:Ames} and
 * {@code trends:city:AMES} are one channel.
 *
 * @param prefix the fixed name, or the part before the parameter (without the separating colon)
 * @param form how clients write the parameter, for error messages: {@code <propertyId>}; empty for
 *     a fixed name
 * @param parameter canonical form of the parameter, throwing {@link IllegalArgumentException} with
 *     a reason when it is invalid; null for a fixed name
 */
record ChannelSyntax(String prefix, String form, UnaryOperator<String> parameter) {

  /** Ids: 1..256 letters, digits, '.', '_', ':' or '-' (the property-id rule of the HTTP API). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

  /** Region ids: 1..256 characters without control characters (as TrendController). */
  private static final Pattern REGION_ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  /** {@code trends:<regionType>:<regionId>}: the market-trend cells of one region. */
  static final ChannelSyntax TRENDS =
      withParameter("trends", "<regionType>:<regionId>", ChannelSyntax::region);

  /** {@code properties:<propertyId>}: the merged view of one property. */
  static final ChannelSyntax PROPERTIES = withId("properties", "<propertyId>");

  ChannelSyntax {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(form, "form");
    if (prefix.isEmpty() || prefix.endsWith(":")) {
      throw new IllegalArgumentException("bad channel prefix: " + prefix);
    }
  }

  /** A channel without parameter, e.g. {@code exact("alerts")}. */
  static ChannelSyntax exact(final String name) {
    return new ChannelSyntax(name, "", null);
  }

  /**
   * Channels {@code <prefix>:<id>} whose id is 1..256 letters, digits, '.', '_', ':' or '-', kept
   * verbatim, e.g. {@code withId("leads:agent", "<agentId>")} for {@code leads:agent:<agentId>}.
   */
  static ChannelSyntax withId(final String prefix, final String form) {
    return withParameter(
        prefix,
        form,
        id -> {
          if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "the id must be 1..256 letters, digits, '.', '_', ':' or '-'");
          }
          return id;
        });
  }

  /** Channels {@code <prefix>:<parameter>} with the parameter's own canonical form. */
  static ChannelSyntax withParameter(
      final String prefix, final String form, final UnaryOperator<String> canonical) {
    return new ChannelSyntax(prefix, form, Objects.requireNonNull(canonical, "canonical"));
  }

  /** The channel with this prefix and {@code parameter}, as pushes name it. */
  String channel(final String parameter) {
    if (this.parameter == null) {
      throw new IllegalStateException(prefix + " takes no parameter");
    }
    return prefix + ":" + parameter;
  }

  /** Whether {@code channel} belongs to this family (valid or not). */
  boolean covers(final String channel) {
    return parameter == null
        ? channel.equals(prefix)
        : channel.length() > prefix.length()
            && channel.startsWith(prefix)
            && channel.charAt(prefix.length()) == ':';
  }

  /**
   * The canonical name of a channel this family {@link #covers}.
   *
   * @throws IllegalArgumentException with the reason when the parameter is invalid
   */
  String canonical(final String channel) {
    if (parameter == null) {
      return prefix;
    }
    return channel(parameter.apply(channel.substring(prefix.length() + 1)));
  }

  /** How a client names this family, for error messages: {@code properties:<propertyId>}. */
  String describe() {
    return parameter == null ? prefix : prefix + ":" + form;
  }

  /** The trend channel of a cell key {@code <regionType>:<regionId>:<YYYY-MM>}. */
  static String trendChannelOfCell(final String cellKey) {
    return TRENDS.channel(TrendKeys.regionOf(cellKey));
  }

  /**
   * {@code <regionType>:<regionId>} in the form of the trend keys: type lower case; postal codes
   * and cities upper case, as ingest normalizes them; subdivisions verbatim.
   */
  private static String region(final String parameter) {
    final int colon = parameter.indexOf(':');
    final Optional<RegionType> type =
        colon < 0 ? Optional.empty() : TrendKeys.type(parameter.substring(0, colon));
    if (type.isEmpty()) {
      throw new IllegalArgumentException(
          "use trends:<regionType>:<regionId> with regionType postal, city or subdivision");
    }
    final String id = parameter.substring(colon + 1);
    if (!REGION_ID.matcher(id).matches() || id.isBlank()) {
      throw new IllegalArgumentException(
          "the regionId must be 1..256 characters without control characters");
    }
    return TrendKeys.region(
        type.get(), type.get() == RegionType.SUBDIVISION ? id : id.toUpperCase(Locale.ROOT));
  }
}
