#!/bin/sh
# Peer benchmark: successkit's kits vs Typst's three PDFs per engagement, alternated.
# Usage: benches/peers/run.sh [SUCCESSKIT] [WORKBOOK] [PAIRS]
# Creates the Typst venv (PEERS_VENV, default benches/peers/.venv) on first use.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../target/release/successkit}
workbook=${2:-$here/../../target/bench-data/portfolio-100-v1.xlsx}
pairs=${3:-3}
venv=${PEERS_VENV:-$here/.venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet typst openpyxl
fi
exec "$venv/bin/python" "$here/bench.py" "$bin" "$workbook" "$pairs"
