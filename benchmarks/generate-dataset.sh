#!/usr/bin/env bash
# Benchmark of the dataset generator: wall time for N subjects x 19 views at 180x180 on the
# DirectRunner (default N=50, the seed-sized set of 950 views). Run from the repository root:
#   benchmarks/generate-dataset.sh [numSubjects]
# Output goes to benchmarks/out/ (git-ignored). The pipeline prints its own wall time (model
# load, rendering and writing, after Maven has started the JVM) and subjects/s; `time` adds the
# Maven start-up and an up-to-date check of the build.
set -euo pipefail
n="${1:-50}"
out="benchmarks/out/dataset-$n"
rm -rf "$out"
time mvn -q -B -pl pipelines -am compile exec:java \
  -Dexec.mainClass=io.headrecon.pipelines.GenerateDataset \
  -Dexec.args="--output=$out --numSubjects=$n --seed=1"
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
