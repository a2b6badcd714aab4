#!/usr/bin/env bash
# Installs everything Kirchhoff needs to build, test and run on Debian 12 (bookworm).
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev   # Charts fails to configure without OpenGL
  nlohmann-json3-dev libeigen3-dev zlib1g-dev
  libopenblas-openmp-dev                                      # float GEMM: runtime CPU dispatch, OpenMP-aware
  libsqlite3-dev                                              # sweep results store
  libturbojpeg0-dev libpng-dev libzip-dev                     # datasets: JPEG/PNG image folders, .npz archives
  libonnx-dev libprotobuf-dev protobuf-compiler                 # ONNX model import
  libtorch-dev                                                # fine-tuning: LibTorch autograd (core/train)
  dataset-fashion-mnist                                       # test images for accuracy evaluation
  xvfb xauth                                                  # GUI screenshots and tests on a virtual display
  dpkg-dev file desktop-file-utils                            # cpack: .deb dependencies, desktop entry check
  clang libclang-rt-14-dev libomp-14-dev                      # libFuzzer targets (tests/fuzz; OpenMP for clang)
  slurm-wlm munge parallel util-linux                         # cluster test: single-node Slurm, GNU parallel; prlimit
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
