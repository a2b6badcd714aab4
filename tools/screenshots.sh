#!/usr/bin/env bash
# Regenerates the README screenshots from a built tree: the demo sweep (its results feed the Sweep
# view and its chart), each view of the main window and the VMM bench, under a virtual display
# (Xvfb when available, Qt's offscreen platform otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mkdir -p docs/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"   # a fresh profile: no last project, default window size
"$build/app/gui/kirchhoff" --demo "$tmp" >/dev/null
cp "$tmp/kirchhoff-demo.png" docs/screenshots/demo-pareto.png
run() {
  if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/gui/kirchhoff" "$@"
  else
    QT_QPA_PLATFORM=offscreen "$build/app/gui/kirchhoff" "$@"
  fi
}
run --screenshots docs/screenshots --results "$tmp/kirchhoff-demo.sqlite"
run --vmm-screenshot docs/screenshots/vmm-bench.png
echo "wrote docs/screenshots/{main-window,sweep-view,floorplan-view,learn-view,compare-view,vmm-bench,demo-pareto}.png"
