#!/usr/bin/env bash
# Install dependencies, build with warnings as errors and run the whole test suite (GUI tests offscreen).
# Set KIRCHHOFF_SANITIZE=ON for an AddressSanitizer + UBSan build in build-asan/.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
sanitize=${KIRCHHOFF_SANITIZE:-OFF}
dir=build-ci
[ "$sanitize" = ON ] && dir=build-asan
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIRCHHOFF_WERROR=ON -DKIRCHHOFF_SANITIZE="$sanitize" -DBUILD_TESTING=ON
cmake --build "$dir" --parallel "$(nproc)"
export QT_QPA_PLATFORM=offscreen OMP_WAIT_POLICY=PASSIVE
ctest --test-dir "$dir" --output-on-failure --parallel 2
