#!/usr/bin/env bash
# Multi-view fusion benchmark on the committed testdata subjects (ground-truth depth, 19 views).
#
# Usage: benchmarks/fusion_testdata.sh [runs] [subject ...]
#   (defaults: 5 runs; subject-0000 subject-0001 subject-0002)
#
# Compiles the geometry module with its tests (no `mvn install`), then runs
# io.headrecon.geometry.testdata.TestdataFusionBenchmark: per subject the median wall time of
# MultiViewFusion.fuse with FusionOptions.defaults(), the largest view rotation/translation error
# against the true cameras, and Chamfer / p95 / F-scores against the seen part of the GT mesh
# (metrics.SeenSurface, 10 samples per mm², 1.5 mm).
set -euo pipefail
cd "$(dirname "$0")/.."

exec benchmarks/run-java.sh TestdataFusionBenchmark "$@"
