#!/usr/bin/env python3
"""Summarizes the CPU samples of a JFR recording: top methods by self samples and by inclusive samples.

   jcmd <pid> JFR.start name=bench settings=profile      # during a run
   jcmd <pid> JFR.dump name=bench filename=/tmp/server.jfr
   jfr print --json --events jdk.ExecutionSample /tmp/server.jfr > /tmp/samples.json
   benchmarks/jfr-top.py /tmp/samples.json [N]
"""
import collections
import json
import sys


def name(frame):
    m = frame["method"]
    return m["type"]["name"].split(".")[-1] + "." + m["name"]


def main():
    data = json.load(open(sys.argv[1]))
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    events = data["recording"]["events"]
    self_counts = collections.Counter()
    incl_counts = collections.Counter()
    threads = collections.Counter()
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        if not frames:
            continue
        self_counts[name(frames[0])] += 1
        for f in set(name(f) for f in frames):
            incl_counts[f] += 1
        t = e["values"].get("sampledThread") or {}
        threads[(t.get("javaName") or t.get("osName") or "?").rstrip("0123456789-")] += 1
    total = sum(self_counts.values())
    print(f"{total} samples")
    print("threads:", ", ".join(f"{t} {100 * c / total:.0f}%" for t, c in threads.most_common(6)))
    print(f"\ntop {top} by self samples:")
    for m, c in self_counts.most_common(top):
        print(f"  {100 * c / total:5.1f}%  {m}")
    print(f"\ntop {top} by inclusive samples (jgateway, netty, jackson, jdk I/O):")
    shown = 0
    for m, c in incl_counts.most_common():
        if shown >= top:
            break
        if m.split(".")[0] in ("Thread", "FastThreadLocalRunnable", "ThreadExecutorMap$2", "SingleThreadEventExecutor$5",
                               "ThreadPoolExecutor", "ThreadPoolExecutor$Worker"):
            continue
        print(f"  {100 * c / total:5.1f}%  {m}")
        shown += 1


if __name__ == "__main__":
    main()
