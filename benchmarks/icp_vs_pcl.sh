#!/usr/bin/env bash
# ICP benchmark: headrecon (geometry module, pure Java) against PCL's pcl_icp on identical files.
#
# Usage: benchmarks/icp_vs_pcl.sh [--points N] [--iterations N] [--distance MM] [--runs N] [--out DIR]
#   (arguments are passed to io.headrecon.benchmarks.IcpBenchmark; defaults: 30000 points,
#    30 iterations, 10 mm max correspondence distance, 7 runs, out=target/icp-bench)
#
# What it does (idempotent; safe to re-run):
#   1. installs pcl-tools (pcl_icp, pcl_ply2pcd) with apt-get if pcl_icp is missing (needs root);
#   2. compiles the benchmarks module and resolves its runtime classpath (no `mvn install`);
#   3. writes two synthetic ~30k-point head clouds (PLY, then PCD via pcl_ply2pcd), times our
#      point-to-point ICP and `pcl_icp -d D -r D -i N` with the same distance and iterations in
#      the same session, and prints median ms per alignment, RMSE/fitness of each final transform
#      (computed identically), the speed ratio, our point-to-plane default and NN queries/s.
# pcl_icp's per-alignment time is (wall of an 11-alignment run - wall of a 1-alignment run) / 10,
# which cancels process start-up and file loading.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pcl_icp >/dev/null 2>&1; then
  echo "installing pcl-tools ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pcl-tools >/dev/null
fi

exec benchmarks/run-java.sh IcpBenchmark "$@"
