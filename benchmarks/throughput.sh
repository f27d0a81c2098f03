#!/usr/bin/env bash
# Throughput of ReconstructHeads (issue 17), one command, medians of repeated runs side by side:
# end-to-end subjects per CPU-hour on testdata-like subjects (each sample subject copied, without
# its ground-truth mesh), the CPU per subject of each stage alone (decode, inference, metric scale
# and back-projection, fusion, refinement, meshing, writing, shuffle) and its share of the end to
# end, fusion's Beam counters per subject (kd-trees, ICP iterations, nearest-neighbour queries),
# the metrics against ground truth (only for subjects with a mesh), inference images/s inside
# ModelDepthFn against a bare ONNX Runtime loop, and the bytes per element of the records with
# their coders. Run from the repository root:
#   benchmarks/throughput.sh [input=testdata/synthetic] [model=- (shipped)] [batch=16] [repeats=3] [copies=4]
# About 6 minutes with the defaults on 2 cores. The machine is shared: the load average is printed
# at the start and the end; do not compare absolute times taken under different loads.
set -euo pipefail
input="${1:-testdata/synthetic}"
model="${2:--}"
batch="${3:-16}"
repeats="${4:-3}"
copies="${5:-4}"
benchmarks/run-java.sh ThroughputBenchmark "$input" "$model" "$batch" "$repeats" "$copies"
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
