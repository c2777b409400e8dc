#!/usr/bin/env python3
"""Time successkit `build` against typst_kit.py as whole processes, alternated A B A B.

Each run is one process timed from outside: wall clock, and user+sys CPU from
getrusage(RUSAGE_CHILDREN) before and after. Prints per-run figures, per-side medians,
CPU per engagement and the Typst/successkit ratios for CPU and wall.

Each run writes into a new folder, and every folder is kept until the end: a run made
right after hundreds of files were deleted pays for them (ext4 without a journal, as on
the reference machine, skips each inode freed in the last one to six minutes when it
creates a file), which a user's run into a new folder does not.

Usage: bench.py SUCCESSKIT WORKBOOK PAIRS
"""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def count(out, names):
    dirs = [d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d))]
    complete = sum(all(os.path.isfile(os.path.join(out, d, n)) for n in names) for d in dirs)
    return len(dirs), complete


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, workbook, pairs = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), int(sys.argv[3])
    for p in (binary, workbook):
        if not os.path.exists(p):
            sys.exit(f"missing: {p} (see benches/peers/README.md)")
    tmp = tempfile.mkdtemp(prefix="peers-")
    sides = {
        "successkit": lambda out: [binary, "build", workbook, "-o", out, "--jobs", "1", "--quiet"],
        "typst": lambda out: [sys.executable, os.path.join(HERE, "typst_kit.py"), workbook, out],
    }
    results = {k: [] for k in sides}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        for i in range(pairs):
            for side, cmd in sides.items():
                out = os.path.join(tmp, f"{side}-{i + 1}")
                cpu, wall = timed(cmd(out))
                results[side].append((cpu, wall))
                print(f"pair {i + 1} {side:10} cpu {cpu:7.3f} s  wall {wall:7.3f} s", flush=True)
        sk_n, sk_ok = count(os.path.join(tmp, f"successkit-{pairs}"), ["success-plan.docx", "success-plan.pdf",
                                     "success-checklist.pdf", "workshop-handout.pdf"])
        ty_n, ty_ok = count(os.path.join(tmp, f"typst-{pairs}"), ["success-plan.pdf", "success-checklist.pdf",
                                     "workshop-handout.pdf"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"successkit: {sk_ok}/{sk_n} engagements with 4 files; typst: {ty_ok}/{ty_n} with 3 PDFs")
    n = ty_n or 1
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
           for k, v in results.items()}
    for k, (cpu, wall) in med.items():
        print(f"median {k:10} cpu {cpu:7.3f} s  wall {wall:7.3f} s  "
              f"cpu/engagement {cpu / n * 1000:6.1f} ms")
    (sc, sw), (tc, tw) = med["successkit"], med["typst"]
    print(f"ratio typst/successkit: cpu {tc / sc:.1f}x  wall {tw / sw:.1f}x")


if __name__ == "__main__":
    main()
