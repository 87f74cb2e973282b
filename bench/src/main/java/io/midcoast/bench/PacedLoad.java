package io.midcoast.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An open-loop load: one record due every 1/rate s (whether or not earlier ones were acknowledged,
 * so queueing is not hidden), each stamped with the wall clock at send, from now until a wall-clock
 * end; the producer is {@link BenchCluster#producerConfig}'s.
 */
final class PacedLoad {

  /** Record {@code i} of the load, with Kafka timestamp {@code timestamp}. */
  @FunctionalInterface
  interface Source {
    ProducerRecord<String, byte[]> record(long i, long timestamp);
  }

  /**
   * What was sent.
   *
   * @param sent records sent in all (warm-up included)
   * @param inWindow records sent inside the measured window
   * @param cpu where the cores went during the measured window ({@link CpuMeter#summary})
   * @param lateSends sends in the window that started more than 100 ms after they were due
   */
  record Result(long sent, long inWindow, String cpu, long lateSends) {}

  private PacedLoad() {}

  /**
   * Sends at {@code rate} records/s until {@code end} (wall clock ms); counts records sent in the
   * measured window {@code [from, end)} and measures CPU over that window.
   */
  static Result run(
      final String bootstrap,
      final String clientId,
      final double rate,
      final long from,
      final long end,
      final Source source) {
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long intervalNanos = (long) (1e9 / rate);
    final long startNanos = System.nanoTime();
    long inWindow = 0;
    long late = 0;
    long sent = 0;
    CpuMeter cpu = null;
    String cpuSummary = "n/a";
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(BenchCluster.producerConfig(bootstrap, clientId))) {
      for (long i = 0; ; i++) {
        final long due = startNanos + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        final long now = System.currentTimeMillis();
        if (now >= end) {
          break;
        }
        if (now >= from) {
          if (cpu == null) {
            cpu = CpuMeter.start();
          }
          inWindow++;
          if (System.nanoTime() - due > 100_000_000L) {
            late++;
          }
        }
        producer.send(
            source.record(i, now),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        sent++;
      }
      if (cpu != null) {
        cpuSummary = cpu.summary();
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed: " + failure.get(), failure.get());
    }
    return new Result(sent, inWindow, cpuSummary, late);
  }
}
