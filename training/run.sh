#!/usr/bin/env bash
# Runs a training-module command (TrainDepthNet, EvaluateDepthNet, ExportDepthNet,
# TrainingThroughput) against this checkout's freshly compiled modules, never against jars in ~/.m2.
#   training/run.sh io.headrecon.training.train.TrainDepthNet --data=DIR --out=DIR [--arch=unet|vae]
# JAVA_OPTS adds JVM options (default -Xmx6g). DJL runs offline: libtorch comes from the
# pytorch-native-cpu jar and unpacks into DJL_CACHE_DIR (default ~/.djl.ai).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
main="$1"; shift
cd "$root"
mvn -q -B -pl training -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
cp="training/target/classes:proto/target/classes:geometry/target/classes:model/target/classes:synth/target/classes:$(cat training/target/classpath.txt)"
exec java ${JAVA_OPTS:--Xmx6g} -Dai.djl.offline=true -cp "$cp" "$main" "$@"
