#!/usr/bin/env bash
# Times `./midcoast dev --clean` (the whole one-machine stack: broker, Postgres, Connect, app, Ames
# feed) from launch to the launcher's "ready in X s" line, and to every Ames house being in
# Postgres (2930 rows in table property), RUNS times (default 3). The build is excluded
# (MIDCOAST_SKIP_BUILD=1): build once first (./mvnw -B -q install -DskipTests, or ./midcoast).
# Each run is stopped with SIGTERM (background jobs ignore SIGINT) and must leave no process behind.
#
#   bench/dev-startup.sh            3 runs, data directory bench/target/dev-startup (wiped each run)
#   RUNS=1 bench/dev-startup.sh
#
# Uses the launcher's default ports (9092, 9093, 15432, 8083, 8080): they must be free.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
DATA="${DATA_DIR:-$ROOT/bench/target/dev-startup}"
EXPECTED_ROWS=2930
READY_TIMEOUT=300
ROWS_TIMEOUT=300
PORTS=(9092 9093 15432 8083 8080)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# processes of this run's stack: their command line or environment names the data directory
stack_pids() {
  local pid
  for pid in $(pgrep -f 'kafka.Kafka|ConnectDistributed|io.midcoast.connect|io.midcoast.serving.Main|postgres' || true); do
    if grep -qsF "$DATA" "/proc/$pid/cmdline" "/proc/$pid/environ" 2>/dev/null; then
      echo "$pid"
    fi
  done
}

for port in "${PORTS[@]}"; do
  if ss -ltnH "sport = :$port" | grep -q .; then
    echo "port $port is in use; stop whatever listens there first" >&2
    exit 1
  fi
done

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) MIDCOAST_SKIP_BUILD=1 ./midcoast dev --clean --data-dir $DATA ($RUNS runs)"
ready_all=()
printed_all=()
rows_all=()
for run in $(seq 1 "$RUNS"); do
  mkdir -p "$(dirname "$DATA")"
  log="$(dirname "$DATA")/dev-startup-$run.log"
  start="$(now)"
  MIDCOAST_SKIP_BUILD=1 ./midcoast dev --clean --data-dir "$DATA" > "$log" 2>&1 &
  launcher=$!
  # ready: the launcher's own line
  deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until grep -q '^ready in ' "$log"; do
    if ! kill -0 "$launcher" 2>/dev/null || (( $(date +%s) > deadline )); then
      echo "run $run: the stack did not get ready; see $log" >&2
      kill -TERM "$launcher" 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
  ready_wall="$(elapsed "$start" "$(now)")"
  ready_printed="$(sed -n 's/^ready in \([0-9.]*\) s.*/\1/p' "$log")"
  # every house in Postgres: the launcher prints the psql command to use
  psql_cmd="$(sed -n 's/.*; \(psql -h .*\))$/\1/p' "$log" | head -1)"
  rows=0
  deadline=$(( $(date +%s) + ROWS_TIMEOUT ))
  while (( rows < EXPECTED_ROWS )); do
    rows="$(PGPASSWORD=midcoast $psql_cmd -tAc 'select count(*) from property' 2>/dev/null || echo 0)"
    if (( $(date +%s) > deadline )); then
      echo "run $run: only $rows rows after ${ROWS_TIMEOUT} s" >&2
      break
    fi
    (( rows >= EXPECTED_ROWS )) || sleep 0.2
  done
  rows_wall="$(elapsed "$start" "$(now)")"
  echo "run $run: ready in ${ready_printed} s (launcher's figure; ${ready_wall} s wall incl. JVM start)," \
    "$rows rows in property after ${rows_wall} s wall"
  ready_all+=("$ready_wall")
  printed_all+=("$ready_printed")
  rows_all+=("$rows_wall")

  # stop: SIGTERM to the launcher JVM (exec'd by ./midcoast), which stops app, Connect, broker, Postgres
  stop_start="$(now)"
  kill -TERM "$launcher"
  wait "$launcher" || true
  echo "run $run: stopped in $(elapsed "$stop_start" "$(now)") s"
  left="$(stack_pids)"
  if [[ -n "$left" ]]; then
    echo "run $run: processes left behind: $left" >&2
    ps -o pid,args -p "$(echo "$left" | paste -sd,)" >&2 || true
    exit 1
  fi
  echo "run $run: no kafka.Kafka, ConnectDistributed, io.midcoast.serving.Main or postgres process left"
done

summary() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.1f s (min %.1f, max %.1f, n=%d)", m, v[1], v[NR], NR }'
}
echo "dev_ready_launcher_s: $(summary "${printed_all[@]}")"
echo "dev_ready_s: $(summary "${ready_all[@]}")"
echo "dev_all_ames_rows_in_postgres_s: $(summary "${rows_all[@]}")"
