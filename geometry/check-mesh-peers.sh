#!/usr/bin/env bash
# Opens a PLY mesh with the command-line tools of PCL, CloudCompare and MeshLab and checks that each
# reads the vertex and face counts of its header (and keeps normals and colours where present).
#
# Usage: geometry/check-mesh-peers.sh [--install] <mesh.ply>
#   --install   apt-get install pcl-tools cloudcompare meshlab xvfb first (Debian, needs root)
#
# Per tool:
#   PCL          pcl_ply2obj (PolygonMesh reader: counts 'v' and 'f' lines) and pcl_ply2pcd (vertex
#                fields: normal_x, rgb)
#   CloudCompare CloudCompare -SILENT -O in.ply -M_EXPORT_FMT PLY -SAVE_MESHES (Qt offscreen), then
#                the header of its re-export
#   MeshLab      meshlabserver -i in.ply -o out.ply -m vn vc (needs OpenGL: run under xvfb-run
#                when there is no DISPLAY), then the header of its re-export
# Tools that are not installed are reported as skipped. Exit status: 0 when every installed tool
# agrees (and at least one ran), 1 on a mismatch, 2 on usage errors or when no tool is installed.
set -uo pipefail

if [[ "${1:-}" == "--install" ]]; then
  shift
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    pcl-tools cloudcompare meshlab xvfb xauth >/dev/null
fi
if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 [--install] <mesh.ply>" >&2
  exit 2
fi
mesh="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# header_of FILE: the PLY header lines (binary or ASCII)
header_of() { head -c 4096 "$1" | sed -n '1,/^end_header/p' | tr -d '\r'; }
element_count() { header_of "$1" | awk -v e="$2" '$1 == "element" && $2 == e { print $3 }'; }
has_property() { header_of "$1" | grep -q "^property .* $2\$" && echo yes || echo no; }

want_v="$(element_count "$mesh" vertex)"
want_f="$(element_count "$mesh" face)"
want_n="$(has_property "$mesh" nx)"
want_c="$(has_property "$mesh" red)"
echo "input $mesh: $want_v vertices, $want_f faces, normals $want_n, colours $want_c"

failures=0
ran=0
report() { # tool vertices faces normals colours
  local ok=1
  [[ "$2" == "$want_v" && "$3" == "$want_f" ]] || ok=0
  [[ "$want_n" == no || "$4" == yes ]] || ok=0
  [[ "$want_c" == no || "$5" == yes ]] || ok=0
  ran=$((ran + 1))
  if ((ok)); then
    echo "OK       $1: $2 vertices, $3 faces, normals $4, colours $5"
  else
    echo "MISMATCH $1: $2 vertices, $3 faces, normals $4, colours $5"
    failures=$((failures + 1))
  fi
}

if command -v pcl_ply2obj >/dev/null && command -v pcl_ply2pcd >/dev/null; then
  pcl_ply2obj "$mesh" "$work/pcl.obj" >"$work/pcl.log" 2>&1
  pcl_ply2pcd "$mesh" "$work/pcl.pcd" >>"$work/pcl.log" 2>&1
  fields="$(head -c 2048 "$work/pcl.pcd" 2>/dev/null | grep -a '^FIELDS')"
  report "PCL (pcl_ply2obj, pcl_ply2pcd)" \
    "$(grep -c '^v ' "$work/pcl.obj" 2>/dev/null)" "$(grep -c '^f ' "$work/pcl.obj" 2>/dev/null)" \
    "$([[ "$fields" == *normal_x* ]] && echo yes || echo no)" \
    "$([[ "$fields" == *rgb* ]] && echo yes || echo no)"
else
  echo "skipped  PCL (pcl_ply2obj, pcl_ply2pcd not installed)"
fi

if command -v CloudCompare >/dev/null; then
  mkdir -p "$work/cc" && cp "$mesh" "$work/cc/mesh.ply"
  (cd "$work/cc" && QT_QPA_PLATFORM=offscreen CloudCompare -SILENT -NO_TIMESTAMP -O mesh.ply \
    -M_EXPORT_FMT PLY -PLY_EXPORT_FMT BINARY_LE -SAVE_MESHES >"$work/cc.log" 2>&1)
  out="$work/cc/mesh.ply"
  if grep -q "CloudCompare" <(header_of "$out"); then
    report "CloudCompare $(grep -ao 'CloudCompare v[0-9.]*' "$out" | head -1 | cut -c15-)" \
      "$(element_count "$out" vertex)" "$(element_count "$out" face)" \
      "$(has_property "$out" nx)" "$(has_property "$out" red)"
  else
    report "CloudCompare (no re-export; log: $(tail -1 "$work/cc.log"))" "-" "-" no no
  fi
else
  echo "skipped  CloudCompare (not installed)"
fi

if command -v meshlabserver >/dev/null; then
  run=(meshlabserver -i "$mesh" -o "$work/meshlab.ply" -m vn vc)
  if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
    run=(xvfb-run -a "${run[@]}")
  fi
  "${run[@]}" >"$work/meshlab.log" 2>&1
  if [[ -f "$work/meshlab.ply" ]]; then
    report "MeshLab (meshlabserver)" \
      "$(element_count "$work/meshlab.ply" vertex)" "$(element_count "$work/meshlab.ply" face)" \
      "$(has_property "$work/meshlab.ply" nx)" "$(has_property "$work/meshlab.ply" red)"
  else
    report "MeshLab (meshlabserver failed: $(tail -1 "$work/meshlab.log"))" "-" "-" no no
  fi
else
  echo "skipped  MeshLab (meshlabserver not installed)"
fi

if ((ran == 0)); then
  echo "no peer tool installed (run with --install)" >&2
  exit 2
fi
exit $((failures > 0 ? 1 : 0))
