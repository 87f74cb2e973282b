#!/usr/bin/env bash
# Trains the price model (io.midcoast.ml.price.TrainPriceModel); arguments are passed through,
# e.g. ./ml-models/train-price-model.sh --algorithm RANDOM_FOREST --features FEED
# Run from the repository root after `./mvnw -B -q -pl ml-models install -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f ml-models/target/classpath.txt || ! -d ml-models/target/classes ]]; then
  ./mvnw -B -q -pl ml-models compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
exec java -Xmx2g -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
  -Dlogback.configurationFile=ml-models/logback-cli.xml \
  io.midcoast.ml.price.TrainPriceModel "$@"
