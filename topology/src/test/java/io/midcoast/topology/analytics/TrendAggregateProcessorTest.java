package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContributions;
import io.midcoast.topology.deadletter.UnskippableRecordException;
import io.midcoast.topology.monitor.StageCounters;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class TrendAggregateProcessorTest {

  @Test
  void shouldMarkAFailedDeltaAsUnskippable() {
    final TrendAggregateProcessor processor =
        new TrendAggregateProcessor(StageCounters.none(), "missing-aggregates", "missing-cells");
    // no stores registered: the first store access fails, as a broken store would
    processor.init(new MockProcessorContext<String, TrendCell>());

    assertThatThrownBy(
            () ->
                processor.process(
                    new Record<>(
                        "subdivision:North_Ames:2010-05",
                        TrendContributions.newBuilder().setContributions(List.of()).build(),
                        0L)))
        .isInstanceOf(UnskippableRecordException.class)
        .hasMessageContaining("subdivision:North_Ames:2010-05");
  }
}
