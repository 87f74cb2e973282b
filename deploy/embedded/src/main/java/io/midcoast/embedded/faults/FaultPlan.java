package io.midcoast.embedded.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * What one fault-harness run does: the feed's size and seed, the cluster's shape, and the faults to
 * inject while the feed runs.
 *
 * @param seed seed of the feed and of the fault order
 * @param houses houses in the feed
 * @param leads leads in the feed
 * @param rate messages produced per second at most
 * @param brokers Kafka nodes (3: replication 3, {@code min.insync.replicas} 2)
 * @param instances Midcoast instances (one application id, one standby replica per store)
 * @param instanceKills kill -9 of a random instance, each followed by its restart
 * @param brokerKills kill -9 of a random broker, each followed by its restart
 * @param postgresDown how long Postgres stays stopped (zero: no outage)
 * @param connectRestarts restarts of the Connect worker
 * @param pause time between two faults
 * @param drainTimeout bound on every consumer draining once the faults are over (on the 2-core
 *     machine the full feed takes about an hour after its faults: the property store and the
 *     estimates behind it run at about 100 changes/s there)
 */
public record FaultPlan(
    long seed,
    int houses,
    int leads,
    int rate,
    int brokers,
    int instances,
    int instanceKills,
    int brokerKills,
    Duration postgresDown,
    int connectRestarts,
    Duration pause,
    Duration drainTimeout) {

  /** One fault, in the order the run injects them. */
  public enum Fault {
    INSTANCE_KILL,
    BROKER_KILL,
    POSTGRES_OUTAGE,
    CONNECT_RESTART
  }

  /** The full run of issue 10: ≥ 1M messages over 50k houses, 10 instance kills and the rest. */
  public static FaultPlan full() {
    return new FaultPlan(
        20261205L,
        50_000,
        20_000,
        4_000,
        3,
        2,
        10,
        1,
        Duration.ofSeconds(60),
        1,
        Duration.ofSeconds(10),
        Duration.ofMinutes(150));
  }

  /** The short run of the default test suite. */
  public static FaultPlan quick() {
    return new FaultPlan(
        7L,
        1_500,
        300,
        400,
        3,
        2,
        2,
        1,
        Duration.ofSeconds(15),
        1,
        Duration.ofSeconds(3),
        Duration.ofMinutes(30));
  }

  /**
   * The faults in the order they are injected: shuffled with the seed, except that the first is
   * always an instance kill (while the feed is young) and no two kills of the same kind follow each
   * other when it can be avoided.
   */
  public List<Fault> schedule() {
    final List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < brokerKills; i++) {
      faults.add(Fault.BROKER_KILL);
    }
    if (!postgresDown.isZero()) {
      faults.add(Fault.POSTGRES_OUTAGE);
    }
    for (int i = 0; i < connectRestarts; i++) {
      faults.add(Fault.CONNECT_RESTART);
    }
    final List<Fault> others = new ArrayList<>(faults);
    Collections.shuffle(others, new Random(seed));
    final List<Fault> order = new ArrayList<>();
    int kills = instanceKills;
    while (kills > 0 || !others.isEmpty()) {
      if (kills > 0) {
        order.add(Fault.INSTANCE_KILL);
        kills--;
      }
      if (!others.isEmpty()) {
        order.add(others.remove(0));
      }
    }
    return List.copyOf(order);
  }

  /** The option names {@link #parse} knows. */
  static final Set<String> OPTIONS =
      Set.of(
          "seed",
          "houses",
          "leads",
          "rate",
          "instances",
          "instance-kills",
          "broker-kills",
          "postgres-down-s",
          "connect-restarts",
          "pause-s",
          "drain-timeout-min");

  /** Reads {@code --name value} options over {@code base} (names: {@link #OPTIONS}). */
  public static FaultPlan parse(final FaultPlan base, final String... args) {
    final Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      final String name = args[i].replaceFirst("^--", "");
      if (!OPTIONS.contains(name) || !args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + OPTIONS);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      options.put(name, args[i + 1]);
    }
    final ToIntFunction<String> number = name -> Integer.parseInt(options.getOrDefault(name, "-1"));
    return new FaultPlan(
        Long.parseLong(options.getOrDefault("seed", Long.toString(base.seed))),
        or(number.applyAsInt("houses"), base.houses),
        or(number.applyAsInt("leads"), base.leads),
        or(number.applyAsInt("rate"), base.rate),
        base.brokers,
        or(number.applyAsInt("instances"), base.instances),
        or(number.applyAsInt("instance-kills"), base.instanceKills),
        or(number.applyAsInt("broker-kills"), base.brokerKills),
        Duration.ofSeconds(
            or(number.applyAsInt("postgres-down-s"), (int) base.postgresDown.toSeconds())),
        or(number.applyAsInt("connect-restarts"), base.connectRestarts),
        Duration.ofSeconds(or(number.applyAsInt("pause-s"), (int) base.pause.toSeconds())),
        Duration.ofMinutes(
            or(number.applyAsInt("drain-timeout-min"), (int) base.drainTimeout.toMinutes())));
  }

  private static int or(final int value, final int otherwise) {
    return value >= 0 ? value : otherwise;
  }
}
