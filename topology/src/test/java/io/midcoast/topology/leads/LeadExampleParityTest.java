package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadExample;
import io.midcoast.ml.lead.LeadExamples;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.schemas.LeadTrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The examples the topology publishes on {@code leads.example} carry the feature vectors that
 * {@link LeadExamples#fromEvents} (what the offline evaluation trains on) computes for the same
 * events: a model trained on one scores the other alike.
 */
class LeadExampleParityTest {

  @Test
  void shouldPublishTheVectorsOfTheOfflineExamples() {
    final LeadSimulator.Simulation sim = LeadFixtures.simulate(11L, 30, LeadFixtures.T0);
    final Map<String, LeadTrainingExample> published = new TreeMap<>();
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipeListingPrices(sim);
      f.pipeAll(sim);
      f.latestExamples(published);
    }
    final List<LeadExample> offline =
        LeadExamples.fromEvents(sim.events(), sim::listingPrice, sim.end());
    final List<String> differences = new ArrayList<>();
    int compared = 0;
    for (final LeadExample e : offline) {
      final LeadTrainingExample p = published.get(e.leadId() + ":" + e.eventId());
      if (p == null) {
        continue;
      }
      compared++;
      final double[] x = e.features().values();
      for (int i = 0; i < x.length; i++) {
        if (Math.abs(x[i] - p.getFeatures().get(i)) > 1e-9 && differences.size() < 20) {
          differences.add(
              e.leadId()
                  + "@"
                  + e.asOf()
                  + " "
                  + LeadFeatures.NAMES.get(i)
                  + ": offline "
                  + x[i]
                  + ", topology "
                  + p.getFeatures().get(i));
        }
      }
    }
    assertThat(compared).isGreaterThan(offline.size() / 2);
    assertThat(differences).isEmpty();
  }
}
