#!/usr/bin/env python3
"""The SIGMOD 2015 paper's configurations, run with ldfi, beside the paper's numbers.

Usage (scripts/bench calls this; see docs/performance.md):
  paper_bench.py LDFI paper    [--seeds 25] [--timeout 120]   markdown tables on stdout
  paper_bench.py LDFI scaling  [--timeout 120] [--svg FILE]   markdown table, SVG plot
  paper_bench.py LDFI manifest [--timeout 120]                every manifest check: auto beside ldfi

Every number comes from `ldfi check --format json` (executions, and the timing fields: wall
seconds of the whole check, from the process's own clock, so process start-up is excluded;
`process` is the wall time of the whole process, Z3 start-up included). A buggy row's ldfi
check runs TIME_REPEATS times when it takes under a second (the median time is shown; the
executions are the same every time) and once otherwise.

The issue's time bar is judged on the check's own time: the paper's times are the prototype's
own, without the start of its JVM (which alone takes longer than the 0.12 s it reports for
simple-deliv), so the like-for-like number of ours leaves out process start-up too. Both
speed-ups are printed.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

TIME_REPEATS = 7
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTOCOLS = os.path.join(ROOT, "protocols")

# name, file, nodes, eot, eff, crashes, paper executions, paper seconds, paper random mean
BUGGY = [
    ("simple-deliv", "simple-deliv.ded", "a,b,c", 4, 2, 0, 2, 0.12, 4.08),
    ("retry-deliv", "retry-deliv.ded", "a,b,c", 4, 2, 1, 3, 0.12, 75.24),
    ("classic-deliv", "classic-deliv.ded", "a,b,c", 5, 3, 0, 5, 0.24, 116.16),
    ("2pc", "2pc.ded", "a,b,c,C", 5, 0, 1, 2, 0.22, 5.48),
    ("2pc-ctp", "2pc-ctp.ded", "a,b,c,C", 8, 0, 1, 3, 1.01, 8.56),
    ("3pc", "3pc.ded", "a,b,c,C", 9, 7, 1, 55, 9.60, 40.60),
    ("kafka", "kafka-paper.ded", "a,b,c,C,Z", 6, 4, 1, 38, 3.74, 1183.12),
    # Not one of the paper's programs: our heavier Kafka model (heartbeats, re-election), beside
    # the paper's numbers for its smaller one.
    ("kafka, heartbeat model", "kafka.ded", "a,b,c,C,Z", 6, 4, 1, 38, 3.74, 1183.12),
]
# name, file, nodes, eot, eff, crashes, paper executions
BUG_FREE = [
    ("redun-deliv", "redun-deliv.ded", "a,b,c", 11, 10, 1, 11),
    ("ack-deliv", "ack-deliv.ded", "a,b,c", 8, 7, 1, 673),
    ("paxos-synod", "paxos-synod.ded", "a,b,c", 7, 6, 1, 173),
    ("bully-le", "bully-le.ded", "a,b,c", 10, 9, 1, 2),
    ("flux", "flux.ded", "a,b,c", 22, 21, 1, 187),
]


def check(ldfi, spec, nodes, eot, eff, crashes, timeout, strategy="auto", seed=1, max_runs=0):
    cmd = [ldfi, "check", os.path.join(PROTOCOLS, spec), "--nodes", nodes, "--eot", str(eot), "--eff",
           str(eff), "--crashes", str(crashes), "--strategy", strategy, "--seed", str(seed), "--format", "json",
           "--timeout", str(timeout)]
    if max_runs:
        cmd += ["--max-runs", str(max_runs)]
    start = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True)
    process = time.monotonic() - start
    if out.returncode not in (0, 1, 3):
        sys.exit(f"paper_bench: {' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip()}")
    doc = json.loads(out.stdout)
    return {
        "verdict": doc["verdict"],
        "executions": doc["executions"],
        "seconds": doc["timing"]["total_seconds"],
        "solve": doc["timing"]["solve_seconds"],
        "calls": doc["solver_calls"],
        "process": process,
        "engine": doc.get("engine", strategy),
        "grounding": doc.get("grounding"),
    }


def fmt_s(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def fmt_x(ratio):
    """A speed-up: whole numbers, one decimal below 10x (a slow-down shows as 0.4x, not 0x)."""
    return f"{ratio:.1f}x" if ratio < 10 else f"{ratio:.0f}x"


def timed_check(ldfi, spec, nodes, eot, eff, crashes, timeout, strategy="auto"):
    """The check, with the median times of TIME_REPEATS runs when one takes under a second."""
    runs = [check(ldfi, spec, nodes, eot, eff, crashes, timeout, strategy)]
    if runs[0]["process"] < 1:
        runs += [check(ldfi, spec, nodes, eot, eff, crashes, timeout, strategy) for _ in range(TIME_REPEATS - 1)]
    result = dict(runs[0])
    for key in ("seconds", "process"):
        result[key] = sorted(r[key] for r in runs)[len(runs) // 2]
    return result


def paper(args):
    print("| program (nodes; EOT/EFF/crashes) | verdict (auto) | executions | paper executions "
          "| time (process) | paper time | speed-up (process) | lineage loop (`--strategy ldfi`) "
          f"| random: mean executions over {args.seeds} seeds | paper random | exhaustive | issue bar |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, spec, nodes, eot, eff, crashes, p_exec, p_secs, p_random in BUGGY:
        r = timed_check(args.ldfi, spec, nodes, eot, eff, crashes, args.timeout)
        lo = timed_check(args.ldfi, spec, nodes, eot, eff, crashes, args.timeout, "ldfi")
        loop_text = f"{lo['executions']} in {fmt_s(lo['seconds'])}"
        found = [check(args.ldfi, spec, nodes, eot, eff, crashes, args.timeout, "random", seed, 5000)
                 for seed in range(1, args.seeds + 1)]
        hits = [f["executions"] for f in found if f["verdict"] == "counterexample"]
        random_text = (f"{sum(hits) / len(hits):.2f}" if hits else "none") + \
            ("" if len(hits) == len(found) else f" ({len(found) - len(hits)} of {len(found)} seeds found none in 5000)")
        ex = check(args.ldfi, spec, nodes, eot, eff, crashes, min(args.timeout, 60), "exhaustive")
        ex_text = f"{ex['verdict']} after {ex['executions']}" if ex["verdict"] != "unknown" else \
            f"unfinished ({ex['executions']} runs in {fmt_s(ex['seconds'])})"
        speedup = p_secs / r["seconds"]
        # The protocol-library issue's bar: no more executions than the paper, 50x less time.
        short = []
        if r["verdict"] != "counterexample":
            short.append("no counterexample")
        elif r["executions"] > p_exec:
            short.append(f"executions {r['executions']} > {p_exec}")
        if speedup < 50:
            short.append(f"time {fmt_x(speedup)} < 50x")
        bar = "met" if not short else "**short**: " + ", ".join(short)
        print(f"| {name} ({len(nodes.split(','))}; {eot}/{eff}/{crashes}) | {r['verdict']} | {r['executions']} "
              f"| {p_exec} | {fmt_s(r['seconds'])} ({fmt_s(r['process'])}) | {p_secs} s | {fmt_x(speedup)} "
              f"({fmt_x(p_secs / r['process'])}) | {loop_text} | {random_text} | {p_random} | {ex_text} | {bar} |",
              flush=True)
    print()
    print("| bug-free program (nodes) | EOT/EFF/crashes | verdict (auto) | engine | grounding (atoms, rule "
          "instances) | time (process) | lineage loop (`--strategy ldfi`) | paper executions |")
    print("|---|---|---|---|---|---|---|---|")
    for name, spec, nodes, eot, eff, crashes, p_exec in BUG_FREE:
        for factor in (1, 2, 4):
            t, f = eot * factor, eot * factor - (eot - eff)
            r = timed_check(args.ldfi, spec, nodes, t, f, crashes, args.timeout)
            g = r["grounding"]
            size = f"{g['atoms']:,}, {g['rule_instances']:,}" if g else "-"
            lo = check(args.ldfi, spec, nodes, t, f, crashes, args.ldfi_timeout, "ldfi")
            loop_text = f"{lo['verdict']} after {lo['executions']} in {fmt_s(lo['seconds'])}"
            print(f"| {name} ({len(nodes.split(','))}) | {t}/{f}/{crashes} | {r['verdict']} | {r['engine']} | {size} "
                  f"| {fmt_s(r['seconds'])} ({fmt_s(r['process'])}) | {loop_text} | {p_exec if factor == 1 else ''} |",
                  flush=True)


def manifest(args):
    """Every check of protocols/manifest.json: the default strategy (auto) beside the lineage loop."""
    with open(os.path.join(PROTOCOLS, "manifest.json")) as f:
        checks = json.load(f)["checks"]
    print("| check | expected | auto: verdict | engine | grounding (atoms, rule instances) | executions "
          f"| time | ldfi (timeout {args.ldfi_timeout:g} s): verdict | executions | time |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for c in checks:
        spec, nodes = c["files"][0], ",".join(c["nodes"])
        r = timed_check(args.ldfi, spec, nodes, c["eot"], c["eff"], c["crashes"], args.timeout)
        g = r["grounding"]
        size = f"{g['atoms']:,}, {g['rule_instances']:,}" if g else "-"
        lo = check(args.ldfi, spec, nodes, c["eot"], c["eff"], c["crashes"], args.ldfi_timeout, "ldfi")
        print(f"| {c['name']} | {c['expected']} | {r['verdict']} | {r['engine']} | {size} | {r['executions']} "
              f"| {fmt_s(r['seconds'])} | {lo['verdict']} | {lo['executions']} | {fmt_s(lo['seconds'])} |", flush=True)


def reports(args):
    """The report (`--report DIR`) of every manifest check under the lineage loop (at most
    --max-runs executions), which keeps the most runs: the page's size and the CPU time to write
    it (the check with --report less the check alone, each the best of three), largest first."""
    import shutil
    import tempfile
    with open(os.path.join(PROTOCOLS, "manifest.json")) as f:
        checks = json.load(f)["checks"]
    rows = []
    scratch = tempfile.mkdtemp()
    try:
        for c in checks:
            base = [os.path.abspath(args.ldfi), "check", *c["files"], "--nodes", ",".join(c["nodes"]), "--eot", str(c["eot"]),
                    "--eff", str(c["eff"]), "--crashes", str(c["crashes"]), "--strategy", "ldfi", "--no-timing",
                    "--max-runs", str(args.max_runs)]  # a count, so both runs do the same work
            out = os.path.join(scratch, c["name"])

            def best(cmd):  # CPU seconds (user + system), which a loaded machine does not inflate
                times = []
                for _ in range(3):
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    subprocess.run(cmd, cwd=PROTOCOLS, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                return min(times)
            alone = best(base)
            with_report = best(base + ["--report", out])
            with open(os.path.join(out, "runs.json")) as f:
                executions = json.load(f)["executions"]
            rows.append((os.path.getsize(os.path.join(out, "index.html")), c["name"], executions,
                         with_report - alone, with_report))
            shutil.rmtree(out)
    finally:
        shutil.rmtree(scratch)
    rows.sort(reverse=True)
    print(f"| check (strategy ldfi, --max-runs {args.max_runs}) | executions | index.html | writing the report (CPU) "
          "| check with --report (CPU) |")
    print("|---|---|---|---|---|")
    for size, name, executions, report_s, total in rows[:args.top]:
        print(f"| {name} | {executions} | {size / 1e6:.2f} MB | {fmt_s(max(0, report_s))} | {fmt_s(total)} |")


def svg_plot(series, notes, path):
    """A small line chart: executions (left) per EOT, one line per protocol; no library needed."""
    width, height, left, right, top, bottom = 640, 360, 60, 160, 30, 50
    xs = sorted({x for pts in series.values() for x, _ in pts})
    ymax = max([y for pts in series.values() for _, y in pts] + [1])
    def px(x):
        return left + (x - xs[0]) * (width - left - right) / max(1, xs[-1] - xs[0])
    def py(y):
        return top + (height - top - bottom) * (1 - y / ymax)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2 - 120}" y="18">executions to certify, EFF = EOT-3, 1 crash</text>',
           f'<line x1="{left}" y1="{py(0)}" x2="{width - right}" y2="{py(0)}" stroke="black"/>',
           f'<line x1="{left}" y1="{py(0)}" x2="{left}" y2="{top}" stroke="black"/>']
    for x in xs:
        out.append(f'<text x="{px(x) - 6}" y="{py(0) + 18}">{x}</text>')
    out.append(f'<text x="{(left + width - right) / 2 - 10}" y="{height - 10}">EOT</text>')
    for i in range(5):
        y = ymax * i / 4
        out.append(f'<text x="5" y="{py(y) + 4}">{y:.0f}</text>')
        out.append(f'<line x1="{left}" y1="{py(y)}" x2="{width - right}" y2="{py(y)}" stroke="#ddd"/>')
    for i, (name, pts) in enumerate(sorted(series.items())):
        colour = colours[i % len(colours)]
        path_d = " ".join(f"{'M' if j == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for j, (x, y) in enumerate(pts))
        out.append(f'<path d="{path_d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{width - right + 10}" y="{top + 20 + 36 * i}" fill="{colour}">{name}</text>')
        if name in notes:
            out.append(f'<text x="{width - right + 10}" y="{top + 34 + 36 * i}" fill="{colour}" '
                       f'font-size="10">{notes[name]}</text>')
    out.append("</svg>")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, path)


def scaling(args):
    print("| protocol | EOT/EFF/crashes | ldfi verdict | executions | solver calls | time | auto verdict | auto time |")
    print("|---|---|---|---|---|---|---|---|")
    series = {}
    notes = {}
    for name, spec in (("redun-deliv", "redun-deliv.ded"), ("ack-deliv", "ack-deliv.ded")):
        for eot in range(5, 21):
            r = check(args.ldfi, spec, "a,b,c", eot, eot - 3, 1, args.timeout, "ldfi")
            a = check(args.ldfi, spec, "a,b,c", eot, eot - 3, 1, args.timeout)
            print(f"| {name} | {eot}/{eot - 3}/1 | {r['verdict']} | {r['executions']} | {r['calls']} "
                  f"| {fmt_s(r['seconds'])} | {a['verdict']} | {fmt_s(a['seconds'])} |", flush=True)
            if r["verdict"] == "unknown":
                notes[name] = f"EOT {eot}: no verdict in {args.timeout:g} s"
                break  # larger bounds take longer still
            series.setdefault(name, []).append((eot, r["executions"]))
    if args.svg:
        svg_plot(series, notes, args.svg)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ldfi")
    parser.add_argument("what", choices=["paper", "scaling", "manifest", "reports"])
    parser.add_argument("--seeds", type=int, default=25)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--ldfi-timeout", type=float, default=60, help="the lineage loop's, beside auto")
    parser.add_argument("--svg")
    parser.add_argument("--top", type=int, default=10, help="reports: the largest this many")
    parser.add_argument("--max-runs", type=int, default=1000, help="reports: the lineage loop's executions, at most")
    args = parser.parse_args()
    {"paper": paper, "scaling": scaling, "manifest": manifest, "reports": reports}[args.what](args)


if __name__ == "__main__":
    main()
