#!/usr/bin/env bash
# The CPU screening series of training/README.md: each run is configs/experiments/screen-cpu.yaml
# with one change, trained and then benched on the full test splits.
#   bash training/screen.sh NAME [--set SECTION.KEY=VALUE ...]   one run
# Writes runs/screen/NAME/ (the model), NAME.log and NAME.bench.json.
set -euo pipefail
name=$1; shift
out=runs/screen
mkdir -p "$out"
python=${PYTHON:-.venv/bin/python}
export STANCER_DATA_DIR=${STANCER_DATA_DIR:-$(cd .. && pwd)/shared/data}
"$python" training/train.py --config configs/experiments/screen-cpu.yaml --no-progress \
  --set "training.output_dir=$out/$name" "$@" >"$out/$name.log" 2>&1
"$python" -m stancer.cli bench --model "$out/$name" --quiet --output "$out/$name.bench.json" \
  --data semeval2016 --data semeval2016:test_taskB --data pstance --data covid19_stance \
  --data vast --data perspectrum --data ibm_claim_stance >>"$out/$name.log" 2>&1
