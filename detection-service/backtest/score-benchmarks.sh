#!/usr/bin/env bash
# Runs the offline backtest (the live detection engine) over the SKAB valve1 files and the NAB dev files and prints
# both benchmark scores with the independent scorer.
#
#   detection-service/backtest/score-benchmarks.sh [extra BacktestCommand options, e.g. --set mewma.thresholdFactor=5]
#
# Expects the built module (mvn -pl detection-service -am install -DskipTests) and the datasets at
# $(git rev-parse --show-toplevel)/../shared/datasets (override with PLANTWATCH_DATASETS). Predictions are written to
# $OUT (default: a temporary directory, printed at the end).
#   SKAB: fit on the first 400 rows of each file, is_anomaly scored with --skip-first 400 (SKAB outlier protocol).
#   NAB:  warm-up = NAB probation period, the alarm_onset column is scored (one detection per alarm).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/../.." && pwd))"
module="$repo/detection-service"
datasets="${PLANTWATCH_DATASETS:-$repo/../shared/datasets}"
scorer="${PLANTWATCH_SCORER:-$datasets/../tools/score_anomalies.py}"
out="${OUT:-$(mktemp -d -t plantwatch-backtest.XXXXXX)}"

[[ -d "$datasets/skab/valve1" && -d "$datasets/nab" ]] || {
  echo "datasets not found at $datasets (set PLANTWATCH_DATASETS)" >&2; exit 1; }
[[ -f "$scorer" ]] || { echo "scorer not found at $scorer (set PLANTWATCH_SCORER)" >&2; exit 1; }
[[ -d "$module/target/classes/io/plantwatch/detection/backtest" ]] || {
  echo "build the module first: mvn -q -B -pl detection-service -am install -DskipTests" >&2; exit 1; }

cpfile="$module/target/backtest.classpath"
if [[ ! -s "$cpfile" || "$module/pom.xml" -nt "$cpfile" ]]; then
  (cd "$repo" && mvn -q -B -pl detection-service dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null)
fi
cp="$module/target/classes:$(cat "$cpfile")"
run() { java -XX:+UseSerialGC -cp "$cp" io.plantwatch.detection.backtest.BacktestCommand --quiet "$@"; }

mkdir -p "$out/skab" "$out/nab"
echo "== SKAB valve1 (train rows 400, skip-first 400) ==" >&2
skab_args=()
for f in "$datasets"/skab/valve1/*.csv; do
  b="$(basename "$f")"
  run --input "$f" --output "$out/skab/$b" --format skab --train-rows 400 "$@"
  skab_args+=("$f" "$out/skab/$b")
done
python3 "$scorer" skab --skip-first 400 "${skab_args[@]}"

echo "== NAB dev files (alarm_onset) ==" >&2
nab_args=()
keys="$(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$datasets/nab/windows_dev.json")"
while IFS= read -r key; do
  name="${key//\//_}"
  run --input "$datasets/nab/$key" --output "$out/nab/$name" --format nab "$@"
  { echo "timestamp,is_anomaly"; tail -n +2 "$out/nab/$name" | cut -d, -f1,4; } > "$out/nab/onset_$name"
  nab_args+=("$key=$datasets/nab/$key" "$out/nab/onset_$name")
done <<< "$keys"
python3 "$scorer" nab --windows "$datasets/nab/windows_dev.json" "${nab_args[@]}"
echo "predictions in $out" >&2
