#!/usr/bin/env bash
# The side-by-side evaluation of two exported depth models, one command (issue 15's check):
#   training/compare-models.sh BASELINE.onnx CANDIDATE.onnx OLD_DATASET NEW_DATASET OUT
# 1. CompareDepthNets: both models on the test split of OLD_DATASET (the legacy look, guarded: the
#    candidate may be at most 10 % worse on depth RMSE, mask IoU and landmark NME) and of
#    NEW_DATASET (the realistic look) -> OUT/comparison.md, OUT/<set>/<model>/{metrics.md,grid.png}
# 2. RealPortraitReview: the committed real portraits (testdata/real) through the head crop with
#    each model -> OUT/real/real-photos.md and one contact sheet per photo (a row per model).
# Exits non-zero when the guard or a real-photo check of the candidate fails (both still run).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
baseline="$1"; candidate="$2"; old="$3"; new="$4"; out="$5"
status=0
"$root/training/run.sh" io.headrecon.training.eval.CompareDepthNets --baseline="$baseline" \
  --candidate="$candidate" --sets="old=$old,new=$new" --guard=old --out="$out" || status=1
cd "$root"
./mvnw -B -q -pl pipelines -am compile exec:java \
  -Dexec.mainClass=io.headrecon.transforms.crop.RealPortraitReview \
  -Dexec.args="testdata/real $out/real $baseline $candidate" || status=1
exit $status
