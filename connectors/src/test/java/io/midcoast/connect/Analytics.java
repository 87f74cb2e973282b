package io.midcoast.connect;

import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndexLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fixtures of the analytics outputs (estimates, scores, estimate accuracy) and their single-object
 * encoding, as the topologies write them.
 */
final class Analytics {

  static final LocalDate AS_OF = LocalDate.of(2010, 6, 30);

  private Analytics() {}

  /** An estimate with every field, optional or not, set. */
  static PriceEstimate fullEstimate(final String propertyId) {
    return PriceEstimate.newBuilder()
        .setPropertyId(propertyId)
        .setModelId("price-gbt")
        .setModelVersion("2010-06-01.1")
        .setEstimateCents(24_500_000L)
        .setLowCents(21_000_000L)
        .setHighCents(27_900_000L)
        .setAsOf(AS_OF)
        .setCity("AMES")
        .setSubdivision("North_Ames")
        .setRegionPricePerSqftCents(13_250L)
        .setRegionIndexLevel(RegionIndexLevel.SUBDIVISION)
        .setListPriceCents(21_990_000L)
        .setFactors(List.of(factor("living_area", 0.125), factor("subdivision=North_Ames", -0.031)))
        .build();
  }

  /** An estimate with only the required fields: optional fields null, no factors. */
  static PriceEstimate minimalEstimate(final String propertyId) {
    return PriceEstimate.newBuilder()
        .setPropertyId(propertyId)
        .setModelId("price-gbt")
        .setModelVersion("2010-06-01.1")
        .setEstimateCents(15_000_000L)
        .setLowCents(13_000_000L)
        .setHighCents(17_000_000L)
        .setAsOf(AS_OF)
        .build();
  }

  /** A score with every factor list set. */
  static PropertyScore fullScore(final String propertyId) {
    return PropertyScore.newBuilder()
        .setPropertyId(propertyId)
        .setAsOf(AS_OF)
        .setFormulaVersion("1")
        .setInvestment(72)
        .setRisk(31)
        .setDevelopment(18)
        .setInvestmentFactors(List.of(factor("value_gap", 11.5), factor("price_cut", 2.0)))
        .setRiskFactors(List.of(factor("age", 6.0)))
        .setDevelopmentFactors(List.of())
        .build();
  }

  /** The accuracy of a region with every figure set. */
  static EstimateAccuracy fullAccuracy(final String region) {
    return EstimateAccuracy.newBuilder()
        .setRegion(region)
        .setSamples(341)
        .setWindowEnd(LocalDate.of(2010, 7, 30))
        .setMdapeBps(812)
        .setWithin5Bps(3_310)
        .setWithin10Bps(5_870)
        .setWithin20Bps(8_650)
        .setInIntervalBps(7_180)
        .build();
  }

  /** The accuracy of a region without samples: every optional figure null. */
  static EstimateAccuracy emptyAccuracy(final String region) {
    return EstimateAccuracy.newBuilder().setRegion(region).build();
  }

  static Factor factor(final String name, final double effect) {
    return Factor.newBuilder().setName(name).setEffect(effect).build();
  }

  /** Avro single-object encoding of a generated record. */
  static <T extends SpecificRecord> byte[] encode(final T record) {
    @SuppressWarnings("unchecked")
    final Class<T> type = (Class<T>) record.getClass();
    final BinaryMessageEncoder<T> encoder =
        new BinaryMessageEncoder<>(SpecificData.getForClass(type), record.getSchema());
    try {
      final ByteBuffer buffer = encoder.encode(record);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
