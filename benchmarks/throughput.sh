#!/usr/bin/env bash
# Benchmark of ReconstructHeads (issue 6): inference images/s in a bare ONNX Runtime loop vs
# inside ModelDepthFn (same model, batch size), ORT's share of CPU time, and end-to-end
# subjects/minute on the sample data. Run from the repository root:
#   benchmarks/pipeline.sh [input=testdata/synthetic] [model=- (shipped)] [batch=16] [repeats=3]
set -euo pipefail
input="${1:-testdata/synthetic}"
model="${2:--}"
batch="${3:-16}"
repeats="${4:-3}"
benchmarks/run-java.sh PipelineBenchmark "$input" "$model" "$batch" "$repeats"
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
