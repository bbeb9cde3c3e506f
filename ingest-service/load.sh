#!/usr/bin/env bash
# Bounded ingest load generator against a running local stack (./plantwatch up): readings/s over HTTP batches
# and over MQTT QoS 1, counted end to end on plant.readings. Arguments are key=value (see IngestLoad's javadoc),
# e.g. ingest-service/load.sh httpSeconds=20 httpWorkers=4 batch=500 mqttMessages=100000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(cd .. && pwd)"
if [ ! -f target/test-classes/io/plantwatch/ingest/load/IngestLoad.class ] || [ ! -f target/load.classpath ]; then
  # test-compile, not package: a running stack keeps using target/quarkus-app undisturbed
  (cd "$ROOT" && mvn -B -ntp -q -pl ingest-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/load.classpath)
fi
exec java -Xmx512m -cp "target/test-classes:$(cat target/load.classpath)" io.plantwatch.ingest.load.IngestLoad \
  root="$ROOT" "$@"
