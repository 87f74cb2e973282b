#!/usr/bin/env bash
# Runs a Midcoast benchmark driver with bench's runtime classpath (written by its build).
#
#   bench/run.sh build                                 build bench only (other modules from ~/.m2)
#   bench/run.sh ingest  [--records 200000 --runs 3]   IngestThroughputBench
#   bench/run.sh broker  [--records 1000000]           BrokerLimitBench (Kafka's perf tools)
#   bench/run.sh latency [--rate 2000 --warmup-s 20 --duration-s 60 --commit-interval-ms 100]
#   bench/run.sh estimates [--rate 50 --warmup-s 20 --duration-s 60 --markets 4 --seed S]
#                                                      EstimateLatencyBench: property change →
#                                                      estimate on analytics.estimate, p50/p99
#   bench/run.sh leads [--rate 300 --warmup-s 20 --duration-s 60 --seed S --swaps 3]
#                                                      LeadLatencyBench: lead event → leads.score
#                                                      p50/p99, model swap time under load
#   bench/run.sh hostile [--messages 1000000 --seed 7 --houses 20000 --timeout-min 180 --keep 1]
#                                                      HostileStackBench: the Ames feed, then the
#                                                      hostile feed through the embedded stack
#                                                      (broker, Postgres, Connect, app); checks
#                                                      drain, no thread replaced, accounting
#   bench/run.sh lead-loop [--world second --leads 4000 --seed 11 --shuffle-days 3 --timeout-min 90]
#                                                      LeadLoopBench: a lead world the trainer was not
#                                                      tuned on, unkeyed and shuffled, through the
#                                                      embedded stack with the trainer loop; served
#                                                      scores judged against the hidden truth
#   bench/run.sh all                                   ingest, broker, latency, estimates, leads in sequence
#   bench/run.sh price-scoring [ames.csv] [seconds]    ScoringThroughputBench: price model alone,
#                                                      one thread, no broker (OMP_NUM_THREADS=1)
#   bench/run.sh lead-scoring [leads] [seconds]        LeadScoringThroughputBench: lead scorer
#                                                      alone, one thread, no broker
#   bench/run.sh estimate-city [--houses 20000 --corrections 2000 --subdivisions 1]
#                                                      EstimateCityBench: changes/s of the estimate
#                                                      stage with every house in one city, no broker
#
# Every driver but estimate-city and the two *-scoring ones starts its own KRaft broker (free
# ports, temporary directory) and stops it at the end. Never run two at once: they would share the machine's cores.
# Environment: JAVA_HOME, BENCH_HEAP (heap of the driver JVM, default 1g). See docs/benchmarks.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="bench/target/classpath.txt"

JAVA="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
fi

build() {
  ./mvnw -B -q -o -pl bench install -DskipTests
}

run_main() {
  local main="$1"
  shift
  [[ -f "$CP_FILE" && -d bench/target/classes ]] || build
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) io.midcoast.bench.$main $*"
  "$JAVA" "-Xmx${BENCH_HEAP:-1g}" -Dmidcoast.home="$ROOT" \
    -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" "io.midcoast.bench.$main" "$@"
}

case "${1:-help}" in
  build) build ;;
  ingest) shift; run_main IngestThroughputBench "$@" ;;
  broker) shift; run_main BrokerLimitBench "$@" ;;
  latency) shift; run_main LatencyBench "$@" ;;
  estimates) shift; run_main EstimateLatencyBench "$@" ;;
  leads) shift; run_main LeadLatencyBench "$@" ;;
  price-scoring) shift; OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" run_main ScoringThroughputBench "$@" ;;
  estimate-city) shift; OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" run_main EstimateCityBench "$@" ;;
  lead-scoring) shift; run_main LeadScoringThroughputBench "$@" ;;
  hostile) shift; run_main HostileStackBench "$@" ;;
  lead-loop) shift; run_main LeadLoopBench "$@" ;;
  all)
    run_main IngestThroughputBench
    run_main BrokerLimitBench
    run_main LatencyBench
    run_main EstimateLatencyBench
    run_main LeadLatencyBench
    ;;
  *) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
