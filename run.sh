#!/usr/bin/env bash
# Main job: install dependencies, build (Release) and start Kirchhoff. Without a display it runs the
# demo sweep and writes its Pareto chart to out/kirchhoff-demo.{svg,pdf,png}.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build --parallel "$(nproc)"
mkdir -p out
cd out
exec ../build/app/gui/kirchhoff "$@"
