#!/usr/bin/env python3
"""Writes bench/build/RESULTS.md from what bench/build/run measured.

usage: report.py WORKDIR NOTES OUT
WORKDIR/results: env (key=value), commands.tsv (scenario, tool, command), floor.json,
cached.json, cold.json ({"results": [{"command": TOOL, "times": [seconds...]}]}, as hyperfine --export-json writes);
WORKDIR/end.md: what the cleanup stopped and removed; WORKDIR/{cached,cold}/ctx/Dockerfile.
"""
import json
import os
import statistics
import sys

work, notes_file, out = sys.argv[1:4]
res = os.path.join(work, "results")
env = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(res, "env")) if "=" in line)
commands = {}
for line in open(os.path.join(res, "commands.tsv")):
    s, t, c = line.rstrip("\n").split("\t", 2)
    commands[(s, t)] = c.replace(work, "$W")

TOOLS = ["jcompose", "buildah", "docker", "docker-buildkit"]
LABEL = {
    "jcompose": "jcompose `build`",
    "buildah": "buildah `bud --layers`",
    "docker": "docker build (classic builder)",
    "docker-buildkit": "docker build (BuildKit)",
}


def load(s):
    p = os.path.join(res, s + ".json")
    if not os.path.exists(p):
        return {}
    d = {}
    for r in json.load(open(p))["results"]:
        times = [t * 1000 for t in r["times"]]
        d[r["command"]] = {"median": statistics.median(times), "min": min(times), "max": max(times), "n": len(times)}
    return d


data = {s: load(s) for s in ("floor", "cached", "cold")}
L = []
w = L.append
w("# Image builds: jcompose vs buildah vs docker build")
w("")
w("Written by `bench/build/run` (see its `--help`); every figure below comes from the one run described here.")
w("Whole-process wall-clock time of each command, as a user waits for it: %s warm-up + %s measured rounds,"
  % (env["warmup"], env["rounds"]))
w("median (min / max) in ms. The tools run interleaved round by round (in each round every tool builds once, the order"
  " rotating from round to round), each command timed from start to exit (`date +%s%N` around it, no shell in between).")
w("")
w("- date: %s" % env["date"])
w("- machine: %s CPUs (nproc), %s RAM, kernel %s, %s; load average %s before, %s after"
  % (env["nproc"], env["mem"], env["kernel"], env["os"], env["load_before"], env.get("load_after", "?")))
w("- jcompose: the work tree's jars, copied (launcher, CLI and engine jars) and run through the `jcompose` launcher"
  " with its own engine root; engine already running (like dockerd); %s" % env["java"])
w("- buildah: %s, overlay storage driver in its own `--root`/`--runroot`, runc isolation (the default as root)" % env["buildah"])
w("- docker: %s, a private daemon (own data-root, exec-root, socket; no bridge, no iptables), overlay2; "
  "the Debian 20.10 CLI, classic builder by default, BuildKit with `DOCKER_BUILDKIT=1`" % env["dockerd"])
w("- other work ran on the machine at the same time (see the load averages): absolute figures are high and run-to-run"
  " variation here is 10-25 %; compare only figures of one run.")
w("")


def table(s, title, what):
    d = data[s]
    if not d:
        return
    w("## %s" % title)
    w("")
    w(what)
    w("")
    j = d.get("jcompose")
    w("| tool | median ms | min / max ms | rounds | jcompose / tool |")
    w("|---|---:|---:|---:|---:|")
    for t in TOOLS:
        if t not in d:
            continue
        r = d[t]
        label = LABEL[t] if s != "floor" else "`%s version`" % ("docker" if t == "docker" else
            "DOCKER_BUILDKIT=1 docker" if t == "docker-buildkit" else t)
        ratio = "—" if t == "jcompose" or not j else "**%.2f**" % (j["median"] / r["median"])
        w("| %s | **%.0f** | %.0f / %.0f | %d | %s |" % (label, r["median"], r["min"], r["max"], r["n"], ratio))
    w("")


table("cached", "1. Fully cached rebuild, 10-step Dockerfile on a busybox base",
      "Every step is a cache hit (the first build, untimed, filled the cache); the context (20 small files) is still sent and checked.")
table("cold", "2. Cold build (`--no-cache`), small Debian image",
      "FROM a Debian bookworm minbase rootfs (%s tarball, imported once per tool as `debbase:bookworm`); every step runs again%s."
      % (env["debtar_size"], ", including `apt-get update && apt-get install %s` from deb.debian.org" % env["apt"] if env["apt"] else ""))
table("floor", "3. Floor: each tool's `version`",
      "What starting the client costs with no build at all (`jcompose version` starts the CLI JVM and asks the engine nothing; "
      "`docker version` asks the daemon; `buildah version` opens no store).")

# what dominates jcompose's time
f, c, k = (data[s].get("jcompose") for s in ("floor", "cached", "cold"))
if f and c:
    w("## What jcompose's time is made of")
    w("")
    w("- `jcompose version` (the launcher script plus a JVM that starts, parses its arguments and exits): **%.0f ms**." % f["median"])
    w("- cached rebuild: **%.0f ms**, so about %.0f %% of it is that start-up; the remaining ~%.0f ms is the CLI reading"
      " compose.yaml, packing and sending the context, and the engine walking the 10 cached steps and tagging the image."
      % (c["median"], 100 * f["median"] / c["median"], c["median"] - f["median"]))
    for t in ("buildah", "docker", "docker-buildkit"):
        if t in data["cached"] and t in data["floor"]:
            o, of = data["cached"][t], data["floor"][t]
            w("- %s: cached rebuild %.0f ms, `version` %.0f ms, so %.0f ms beyond its start-up (jcompose: %.0f ms)."
              % (LABEL[t], o["median"], of["median"], o["median"] - of["median"], c["median"] - f["median"]))
    if k:
        w("- cold Debian build: **%.0f ms**; the start-up is %.0f %% of it: here the RUN steps, the layer diffs and the"
          " commits dominate, not the JVM." % (k["median"], 100 * f["median"] / k["median"]))
    w("")

notes = open(notes_file).read().strip() if os.path.exists(notes_file) else ""
if notes:
    w("## Left out or failed")
    w("")
    w(notes)
    w("")

w("## Commands")
w("")
w("`$W` is `bench/.state/build/work` (made fresh by each run and deleted at its end).")
w("")
for s in ("cached", "cold", "floor"):
    for t in TOOLS:
        if (s, t) in commands:
            w("- %s, %s: `%s`" % (s, t, commands[(s, t)]))
w("")
w("Base images, the same tarballs for every tool: busybox from `samples/images/busybox-rootfs.sh`, Debian from "
  "`mmdebstrap --variant=minbase bookworm` (`%s`); imported with `jcompose image import`, "
  "`buildah from scratch` + `buildah add` + `buildah commit`, `docker import`. jcompose's compose.yaml: "
  "`build: {context: ./ctx, network: host}`, `image: bench-<scenario>:latest`." % env["debtar"].replace(work, "$W"))
w("")
for s in ("cached", "cold"):
    p = os.path.join(work, s, "ctx", "Dockerfile")
    w("%s Dockerfile (context: it plus 20 text files, %s in all):" % (s.capitalize(), env["ctx_size"]))
    w("")
    w("```dockerfile")
    w(open(p).read().rstrip())
    w("```")
    w("")
w("## End state")
w("")
w(open(os.path.join(work, "end.md")).read().rstrip() if os.path.exists(os.path.join(work, "end.md")) else "- (not recorded)")
w("- kept: the Debian minbase tarball in `bench/.state/build/` (gitignored), for the next run.")
w("")
open(out, "w").write("\n".join(L))
