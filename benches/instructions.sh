#!/bin/bash
# Instructions two successkit binaries execute for the same whole `build --jobs 1`,
# counted by valgrind's callgrind: nearly deterministic (the same binary counts the same
# within about 0.1 %), so it shows changes of a per cent that timing on a shared
# machine cannot. Both run at once, one per core. Also printed: the count outside
# SHA-256, which valgrind's CPU runs in software (no SHA-NI), so it weighs about four
# times its real share there. Needs valgrind (apt-get install -y valgrind).
#
# Usage: benches/instructions.sh A_BINARY B_BINARY [WORKBOOK]
#   default workbook: target/bench-data/portfolio-100-v1.xlsx (made by
#   `cargo bench --bench portfolio`). Takes about two minutes.
set -eu
a=$1 b=$2
here=$(cd "$(dirname "$0")" && pwd)
workbook=${3:-$here/../target/bench-data/portfolio-100-v1.xlsx}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/$2.out" \
    "$1" build "$workbook" -o "$work/$2-out" --jobs 1 --quiet >/dev/null 2>&1
}
count "$a" a &
count "$b" b &
wait
python3 - "$work" <<'PY'
import re, subprocess, sys
work = sys.argv[1]
def figures(tag):
    path = f"{work}/{tag}.out"
    total = int(re.search(r"^summary: (\d+)", open(path).read(), re.M).group(1))
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", path],
                            capture_output=True, text=True).stdout
    sha = 0
    for line in report.splitlines():
        if "sha2::sha256::compress256 [" in line:
            sha = int(line.split()[0].replace(",", ""))
            break
    return total, sha
(ta, sa), (tb, sb) = figures("a"), figures("b")
print(f"A: {ta/1e9:.3f} billion instructions, {(ta-sa)/1e9:.3f} outside SHA-256")
print(f"B: {tb/1e9:.3f} billion instructions, {(tb-sb)/1e9:.3f} outside SHA-256")
print(f"A/B: {ta/tb:.3f} in all, {(ta-sa)/(tb-sb):.3f} outside SHA-256")
PY
