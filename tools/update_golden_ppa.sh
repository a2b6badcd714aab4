#!/usr/bin/env bash
# Prints the golden values of tests/core/Ppa/tst_ppa_reference.cpp from the current model.
# Use only after a deliberate model change, and explain the change in docs/validation.md.
set -euo pipefail
cli=${1:-build/app/kirchhoff-cli}
for c in rram22 sram22 sram5; do
  "$cli" ppa --network vgg8 --config "presets/designs/neurosim_vgg8_$c.json" --json - --quiet |
    python3 -c "import json,sys; j=json.load(sys.stdin); print('$c: %.6g, %.6g, %.6g' % (j['area_mm2'], j['tops_per_w'], j['tops']))"
done
