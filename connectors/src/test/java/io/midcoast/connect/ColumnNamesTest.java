package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnNamesTest {

  @ParameterizedTest
  @CsvSource({
    "propertyId, property_id",
    "postalCode, postal_code",
    "listPriceCents, list_price_cents",
    "HTTPServer, http_server",
    "yearBuilt2, year_built2",
    "already_snake, already_snake",
    "lower, lower"
  })
  void shouldTurnCamelCaseIntoSnakeCase(final String name, final String expected) {
    assertThat(ColumnNames.snakeCase(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "address_postalCode, address_postal_code",
    "listing_listingKey, listing_key",
    "listing_listingContractDate, listing_contract_date",
    "listing_standardStatus, listing_standard_status",
    "lastSale_closePriceCents, last_sale_close_price_cents",
    "characteristics_livingAreaSqft, living_area_sqft",
    "characteristics, characteristics",
    "property_id, property_id",
    "updatedAt, updated_at"
  })
  void shouldNameFlattenedFieldPaths(final String path, final String expected) {
    assertThat(ColumnNames.column(path, List.of("characteristics_"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"characteristics_bedrooms, characteristics_bedrooms", "address_city, address_city"})
  void shouldKeepPrefixesWhenNoneAreConfigured(final String path, final String expected) {
    final SnakeCaseColumnNamingStrategy strategy = new SnakeCaseColumnNamingStrategy();
    strategy.configure(Map.of());

    assertThat(strategy.resolveColumnName(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"characteristics_bedrooms, bedrooms", "address_city, city"})
  void shouldDropConfiguredPrefixes(final String path, final String expected) {
    final SnakeCaseColumnNamingStrategy strategy = new SnakeCaseColumnNamingStrategy();
    strategy.configure(
        Map.of(
            SnakeCaseColumnNamingStrategy.DROPPED_PREFIXES_CONFIG, " characteristics_ , address_"));

    assertThat(strategy.resolveColumnName(path)).isEqualTo(expected);
  }
}
