#!/usr/bin/env bash
# Compiles the benchmarks module (and the modules it needs) and runs one of its classes:
#   benchmarks/run-java.sh <class in io.headrecon.benchmarks> [args...]
# Used by the other scripts here; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
shift
cp_file="$PWD/benchmarks/target/benchmarks.classpath"
mvn -q -B -pl benchmarks -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xss8m -Dheadrecon.root="$PWD" -cp "benchmarks/target/classes:$(cat "$cp_file")" \
  "io.headrecon.benchmarks.$main" "$@"
