package io.midcoast.topology.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.RegionType;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendKeysTest {

  @Test
  void shouldBuildAndParseCellKeysWhoseRegionIdContainsColons() {
    final String key = TrendKeys.cell(RegionType.SUBDIVISION, "Old:Town", YearMonth.of(2010, 5));
    assertThat(key).isEqualTo("subdivision:Old:Town:2010-05");
    assertThat(TrendKeys.parse(key))
        .isEqualTo(new TrendKeys.Cell(RegionType.SUBDIVISION, "Old:Town", YearMonth.of(2010, 5)));
    assertThat(TrendKeys.regionOf(key)).isEqualTo("subdivision:Old:Town");
  }

  @Test
  void shouldRejectMalformedKeys() {
    assertThatThrownBy(() -> TrendKeys.parse("planet:mars:2010-05"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrendKeys.parse("city:2010-05"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPartitionEveryMonthOfARegionTogether() {
    final RegionPartitioner<Object> partitioner = new RegionPartitioner<>();
    final Set<Integer> partitions = new HashSet<>();
    for (int month = 1; month <= 12; month++) {
      partitions.addAll(
          partitioner
              .partitions(
                  "t", TrendKeys.cell(RegionType.CITY, "AMES", YearMonth.of(2010, month)), null, 12)
              .orElseThrow());
    }
    assertThat(partitions).hasSize(1);
    final Set<Integer> regions = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      regions.add(RegionPartitioner.partition("postal:5001" + i + ":2010-01", 12));
    }
    assertThat(regions).as("regions spread over partitions").hasSizeGreaterThan(6);
  }
}
