package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Characteristics;
import io.midcoast.topology.ingest.collect.ResoCollector;
import io.midcoast.topology.ingest.process.NormalizedRecord;
import io.midcoast.topology.ingest.process.ResoMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live path of the extended facts: the demo feed's RESO JSON, collected and mapped by the
 * ingest process stage, gives the values the price model was trained on (ml-models' {@code
 * AmesReso} → {@code ResoSales.extended}, written out by hand for the first rows of the data).
 */
class AmesFeedLivePathTest {

  private static AmesFeed feed;

  @BeforeAll
  static void load() {
    feed = AmesFeed.load();
  }

  /** Field order: the 15 extended Characteristics fields, then Listing SpecialListingConditions. */
  @ParameterizedTest(name = "row {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1|1960|639|441|2|0|2|7|true|One_Story|BrkFace|CBlock|5|false|false|true|Standard",
        "2|1961|612|270|1|0|0|5|true|One_Story|VinylSd|CBlock|6|false|false|true|Standard",
        "3|1958|923|406|1|1|0|6|true|One_Story|Wd Sdng|CBlock|6|false|false|true|Standard"
      })
  void shouldGiveTheExtendedFactsThePriceModelWasTrainedOn(
      final int row,
      final int yearBuiltEffective,
      final int belowGradeFinished,
      final int belowGradeUnfinished,
      final int bathroomsFull,
      final int bathroomsHalf,
      final int fireplaces,
      final int rooms,
      final boolean cooling,
      final String style,
      final String materials,
      final String foundation,
      final int condition,
      final boolean pool,
      final boolean newConstruction,
      final boolean attachedGarage,
      final String specialListingConditions) {
    final byte[] page = feed.resoPages().get(0).value();
    final ResoCollector.Element element = ResoCollector.collect(page).get(row - 1);
    final NormalizedRecord mapped = ResoMapper.map(element.record());
    final Characteristics c = mapped.characteristics();

    assertThat(
            Arrays.<Object>asList(
                c.getYearBuiltEffective(),
                c.getBelowGradeFinishedAreaSqft(),
                c.getBelowGradeUnfinishedAreaSqft(),
                c.getBathroomsFull(),
                c.getBathroomsHalf(),
                c.getFireplacesTotal(),
                c.getRoomsTotal(),
                c.getCoolingYN(),
                c.getArchitecturalStyle(),
                c.getConstructionMaterials(),
                c.getFoundationDetails(),
                c.getOverallCondition(),
                c.getPoolPrivateYN(),
                c.getNewConstructionYN(),
                c.getAttachedGarageYN(),
                mapped.specialListingConditions()))
        .containsExactlyElementsOf(
            List.<Object>of(
                yearBuiltEffective,
                belowGradeFinished,
                belowGradeUnfinished,
                bathroomsFull,
                bathroomsHalf,
                fireplaces,
                rooms,
                cooling,
                style,
                materials,
                foundation,
                condition,
                pool,
                newConstruction,
                attachedGarage,
                specialListingConditions));
  }
}
