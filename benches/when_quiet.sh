#!/bin/bash
# Runs a command once the machine is quiet: a shared machine's speed drifts by up to half
# within an hour, and the absolute figures in the README are taken at its quiet spells.
# A probe (one `build --jobs 1` of the 100-engagement workbook, CPU seconds user + system)
# runs about every minute; the first probe under THRESHOLD starts COMMAND, with the probe's
# time printed before it. Gives up after MAX_PROBES probes (exit 3).
#
# Usage: benches/when_quiet.sh BINARY THRESHOLD [MAX_PROBES] -- COMMAND [ARGS...]
#   e.g. benches/when_quiet.sh target/release/successkit 0.66 120 -- \
#          benches/side_by_side.sh target/release/successkit OLD_BINARY 12
#   The workbook is target/bench-data/portfolio-100-v1.xlsx (made by
#   `cargo bench --bench portfolio`). A threshold near the binary's best time (about
#   0.63 s for the 100 engagements at 2026-12-03's quiet hour, a probe made right after
#   the previous probe's files were deleted: less now, see below) waits for a truly quiet
#   spell.
#
# The probes' outputs are kept until COMMAND has run, then deleted: a build made right
# after another's 500 files were deleted pays for them (ext4 without a journal, as on this
# machine, skips each inode freed in the last one to six minutes when it creates a file:
# 1.1-1.2x the CPU of a 100-engagement build), and COMMAND's first builds would too.
set -eu
bin=$1 threshold=$2
shift 2
max=120
if [ "${1:-}" != "--" ]; then
  max=$1
  shift
fi
[ "${1:-}" = "--" ] || { echo "usage: $0 BINARY THRESHOLD [MAX_PROBES] -- COMMAND..." >&2; exit 2; }
shift
here=$(cd "$(dirname "$0")" && pwd)
outs=$(mktemp -d)
trap 'rm -rf "$outs"' EXIT
workbook=$here/../target/bench-data/portfolio-100-v1.xlsx
[ -f "$workbook" ] || { echo "no $workbook: run cargo bench --bench portfolio first" >&2; exit 2; }
for i in $(seq 1 "$max"); do
  probe=$( { /usr/bin/time -f "%U %S %x" "$bin" build "$workbook" -o "$outs/$i" --jobs 1 --quiet >/dev/null; } 2>&1 \
    | tail -n 1)
  # A build that failed (the workbook gone, the disk full) took no time: not a quiet spell.
  [ "$(echo "$probe" | awk '{ print $3 }')" = 0 ] || { echo "probe $i failed: $probe" >&2; exit 2; }
  cpu=$(echo "$probe" | awk '{ print $1 + $2 }')
  echo "$(date -u +%H:%M:%S) probe $i: ${cpu} s" >&2
  if awk -v c="$cpu" -v t="$threshold" 'BEGIN { exit !(c < t) }'; then
    status=0
    "$@" || status=$?
    exit "$status"
  fi
  [ "$i" = "$max" ] || sleep 50
done
echo "no quiet spell in $max probes" >&2
exit 3
