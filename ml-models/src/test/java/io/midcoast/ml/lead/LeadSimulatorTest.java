package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadSimulatorTest {

  @Test
  void shouldBeDeterministicForASeed() {
    final List<String> a = LeadModelEvaluation.simulate(50, 5L).jsonLines();
    final List<String> b = LeadModelEvaluation.simulate(50, 5L).jsonLines();
    assertThat(a).isEqualTo(b);
    assertThat(LeadModelEvaluation.simulate(50, 6L).jsonLines()).isNotEqualTo(a);
  }

  @Test
  void shouldEmitWellFormedWireEventsInEventTimeOrder() {
    final LeadSimulator.Simulation sim = LeadModelEvaluation.simulate(200, 5L);
    LeadEvent previous = null;
    final Set<LeadEventType> types = new HashSet<>();
    int duplicates = 0;
    final Set<String> ids = new HashSet<>();
    for (final LeadEvent e : sim) {
      if (previous != null) {
        assertThat(e.occurredAt()).isAfterOrEqualTo(previous.occurredAt());
      }
      assertThat(e.occurredAt()).isBefore(sim.end());
      assertThat(LeadEvent.fromJson(e.toJson())).isEqualTo(e);
      types.add(e.type());
      if (!ids.add(e.eventId())) {
        duplicates++;
      }
      previous = e;
    }
    assertThat(types).containsExactlyInAnyOrder(LeadEventType.values());
    assertThat(duplicates).isPositive().isLessThan(sim.events().size() / 100);
    assertThat(sim.truths()).hasSize(200);
  }

  @Test
  void shouldGiveCalibratedTrueProbabilities() {
    final LeadSimulator.Simulation sim = LeadModelEvaluation.simulate(1_000, 8L);
    final List<LeadExample> examples = assertCalibratedTruth(sim);
    assertThat(sim.bestAchievableAuc(examples)).isBetween(0.8, 0.95);
  }

  @Test
  void shouldSimulateASecondWorldWithItsOwnTruth() {
    final LeadSimulator.Simulation sim =
        LeadModelEvaluation.simulate(1_000, 8L, LeadSimulator.World.SECOND);
    assertThat(LeadModelEvaluation.simulate(1_000, 8L, LeadSimulator.World.SECOND).jsonLines())
        .isEqualTo(sim.jsonLines());
    // its CRM source names, which the standard world never writes
    assertThat(
            sim.events().stream()
                .filter(e -> e.type() == LeadEventType.CREATED)
                .map(e -> String.valueOf(e.attributes().get("source")))
                .distinct())
        .containsExactlyInAnyOrderElementsOf(LeadSimulator.World.SECOND.sources());
    // some leads are reassigned: two assignments to different agents
    final long reassigned =
        sim.events().stream()
            .filter(e -> e.type() == LeadEventType.ASSIGNED)
            .collect(java.util.stream.Collectors.groupingBy(LeadEvent::leadId))
            .values()
            .stream()
            .filter(list -> list.stream().map(LeadEvent::agentId).distinct().count() > 1)
            .count();
    assertThat(reassigned).isBetween(100L, 400L);
    final List<LeadExample> examples = assertCalibratedTruth(sim);
    assertThat(sim.bestAchievableAuc(examples)).isBetween(0.7, 0.97);
  }

  /** The mean true probability of the labelled examples matches their positive rate. */
  private static List<LeadExample> assertCalibratedTruth(final LeadSimulator.Simulation sim) {
    final List<LeadExample> examples =
        sim.examples().stream().filter(LeadExample::labelled).toList();
    double p = 0;
    double y = 0;
    for (final LeadExample e : examples) {
      p += sim.trueProbability(e);
      y += e.label();
    }
    assertThat(p / examples.size())
        .isCloseTo(y / examples.size(), org.assertj.core.api.Assertions.within(0.03));
    return examples;
  }
}
