#!/bin/bash
# Two successkit binaries run at the same time, each pinned to its own core (the cores
# swapped every round), so a slow spell of a shared machine slows both alike; prints each
# round's CPU seconds (user + system) and the pair ratios A/B, sorted, and the medians.
#
# Usage: benches/side_by_side.sh A_BINARY B_BINARY [ROUNDS] [WORKBOOK]
#   defaults: 16 rounds, target/bench-data/portfolio-100-v1.xlsx (made by
#   `cargo bench --bench portfolio`), each `build --jobs 1` into a fresh folder.
#
# Every round's output is kept until the end: a build made right after another's 500
# files were deleted pays for them (ext4 without a journal, as on this machine, skips
# each inode freed in the last one to six minutes when it creates a file, reading its
# inode table entry: 1.1-1.2x the CPU of a 100-engagement build), which a user's build
# into a new folder does not.
set -eu
a=$1 b=$2 rounds=${3:-16}
here=$(cd "$(dirname "$0")" && pwd)
workbook=${4:-$here/../target/bench-data/portfolio-100-v1.xlsx}
log=$(mktemp)
outs=$(mktemp -d)
trap 'rm -rf "$log" "$outs"' EXIT
for i in $(seq 1 "$rounds"); do
  if [ $((i % 2)) = 0 ]; then ca=0 cb=1; else ca=1 cb=0; fi
  da=$outs/a$i db=$outs/b$i
  # Each side's figures into a file of its own: two processes appending to one file
  # at once can interleave their lines.
  ( /usr/bin/time -o "$da.time" -f "A $i %U %S" taskset -c $ca "$a" build "$workbook" -o "$da" --jobs 1 --quiet ) &
  ( /usr/bin/time -o "$db.time" -f "B $i %U %S" taskset -c $cb "$b" build "$workbook" -o "$db" --jobs 1 --quiet ) &
  wait
  cat "$da.time" "$db.time" >>"$log"
done
python3 - "$log" <<'PY'
import sys, statistics
cpu = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 4 and f[0] in "AB":
        cpu[(f[0], int(f[1]))] = float(f[2]) + float(f[3])
rounds = sorted({r for _, r in cpu})
ratios = sorted(cpu[("A", r)] / cpu[("B", r)] for r in rounds if ("A", r) in cpu and ("B", r) in cpu)
print("A cpu s:", " ".join(f"{cpu[('A', r)]:.2f}" for r in rounds))
print("B cpu s:", " ".join(f"{cpu[('B', r)]:.2f}" for r in rounds))
print("A/B by round, sorted:", " ".join(f"{x:.3f}" for x in ratios))
print(f"median A/B {statistics.median(ratios):.3f}; median cpu A {statistics.median(cpu[('A', r)] for r in rounds):.2f} s, B {statistics.median(cpu[('B', r)] for r in rounds):.2f} s")
PY
