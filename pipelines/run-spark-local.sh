#!/usr/bin/env bash
# Runs ReconstructHeads on Spark (classic SparkRunner, Spark 3.5 inside headrecon-spark.jar) in
# local mode and on the Direct runner from the same jar, and checks that both wrote the same
# fused clouds and summary rows (but for the timing column). From the repository root:
#   pipelines/run-spark-local.sh [input=testdata/synthetic] [out=out/spark-check]
set -euo pipefail
cd "$(dirname "$0")/.."
input="${1:-testdata/synthetic}"
out="${2:-out/spark-check}"
jar=pipelines/target/headrecon-spark.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -ntp -q -Pspark -pl pipelines -am package -DskipTests
fi
rm -rf "$out"
common=(--input="$input" --depthSource=groundtruth)
java -jar "$jar" --runner=SparkRunner --sparkMaster='local[2]' --output="$out/spark" "${common[@]}"
java -jar "$jar" --runner=DirectRunner --output="$out/direct" "${common[@]}"
strip_timing() { cut -d, -f1-8,10- "$1"; }
if ! diff <(strip_timing "$out/spark/summary.csv") <(strip_timing "$out/direct/summary.csv"); then
  echo "summary.csv differs between Spark and Direct" >&2
  exit 1
fi
for ply in "$out"/direct/*/fused.ply; do
  subject="$(basename "$(dirname "$ply")")"
  cmp "$ply" "$out/spark/$subject/fused.ply"
done
echo "Spark (local[2]) and Direct wrote the same fused.ply and summary rows: $out"
