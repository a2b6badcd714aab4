#!/usr/bin/env bash
# Regenerates the README screenshots from a built tree: the main window under a virtual display
# (Xvfb when available, Qt's offscreen platform otherwise) and the demo sweep's Pareto chart.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mkdir -p docs/screenshots
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/gui/kirchhoff" --screenshot docs/screenshots/main-window.png
  xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/gui/kirchhoff" --vmm-screenshot docs/screenshots/vmm-bench.png
else
  QT_QPA_PLATFORM=offscreen "$build/app/gui/kirchhoff" --screenshot docs/screenshots/main-window.png
  QT_QPA_PLATFORM=offscreen "$build/app/gui/kirchhoff" --vmm-screenshot docs/screenshots/vmm-bench.png
fi
tmp=$(mktemp -d)
"$build/app/gui/kirchhoff" --demo "$tmp" >/dev/null
cp "$tmp/kirchhoff-demo.png" docs/screenshots/demo-pareto.png
rm -rf "$tmp"
echo "wrote docs/screenshots/main-window.png docs/screenshots/vmm-bench.png docs/screenshots/demo-pareto.png"
