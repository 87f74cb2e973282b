package io.midcoast.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used by this JVM (the ingest app, the load producer and the counting consumer) and by
 * its child processes (the broker), so a figure can say where the machine's cores went.
 */
final class CpuMeter {

  private final long selfStart;
  private final long childrenStart;
  private final long wallStart;
  private final long machineStart;

  private CpuMeter() {
    this.selfStart = selfCpuNanos();
    this.childrenStart = childrenCpuNanos();
    this.wallStart = System.nanoTime();
    this.machineStart = machineBusyNanos();
  }

  /** Starts measuring now. */
  static CpuMeter start() {
    return new CpuMeter();
  }

  /** {@code "bench JVM x.x cores, broker y.y cores"}: average cores busy since start. */
  String summary() {
    final double wall = System.nanoTime() - wallStart;
    final double self = (selfCpuNanos() - selfStart) / wall;
    final double children = (childrenCpuNanos() - childrenStart) / wall;
    final double machine = (machineBusyNanos() - machineStart) / wall;
    return String.format(
        java.util.Locale.ROOT,
        "bench JVM (app+load+counting) %.2f cores, broker JVM %.2f cores, other processes %.2f"
            + " cores, of %d",
        self,
        children,
        Math.max(0, machine - self - children),
        Runtime.getRuntime().availableProcessors());
  }

  private static long selfCpuNanos() {
    final var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  /** Busy time of all CPUs (user+nice+system+irq+softirq+steal) from /proc/stat; 0 elsewhere. */
  private static long machineBusyNanos() {
    try {
      final String[] f =
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
              .get(0)
              .split("\\s+");
      long ticks = 0;
      for (final int i : new int[] {1, 2, 3, 6, 7, 8}) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    } catch (final java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long childrenCpuNanos() {
    return ProcessHandle.current()
        .children()
        .mapToLong(child -> child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }
}
