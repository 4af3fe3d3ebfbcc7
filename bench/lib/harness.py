#!/usr/bin/env python3
"""The jcompose bench: measures every tool side by side, in interleaved rounds, and writes the
results as Markdown.

    harness.py measure --tools jcompose,docker,podman,runc,crun [--rounds 5] [--warmup 1]
                       [--scenarios lifecycle,compose,cli,memory,pull,wordpress] [--runtime-test]
                       [--include SCENARIO.json ...] --raw RESULTS.json
    harness.py report --raw RESULTS.json [--end-state FILE] --out RESULTS.md

`report` can be run again at any time: it only reads the raw file (which keeps the end state).

`bench/run` calls both; it also installs the tools, starts dockerd, makes the images and
cleans up. Only the standard library is used. Each command runs with stdin from /dev/null,
its output appended to the log, and is timed from spawn to exit (wall clock,
time.perf_counter); the client's max RSS comes from wait4.

A tool is one of: jcompose, docker (dockerd + Debian's /usr/bin/docker + docker-compose),
podman (podman + podman-compose), runc, crun. In each round every subject of a scenario runs
once, and the order of the subjects rotates from round to round, so that a slow spell on
this shared machine is spread over all tools rather than falling on one.
"""
import argparse
import datetime
import gzip
import hashlib
import http.client
import io
import json
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import tarfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
TOP = os.path.dirname(BENCH)
STACKS = os.path.join(BENCH, "stacks")
STATE = os.environ.get("STATE", os.path.join(BENCH, ".state"))
DOCKER = "/usr/bin/docker"  # Debian's CLI: a newer one may come first on PATH
JC = os.path.join(STATE, "bin", "jcompose")  # a copy of the launcher and jars, see bench/run
JC_ROOT = os.path.join(STATE, "jcompose-root")
WEB_URL = "http://127.0.0.1:18480/"
WEB_BODY = "hello from named volume"
COMPOSE_TOOLS = ("jcompose", "docker-compose", "podman-compose")
TOOL_OF = {"jcompose": "jcompose", "docker-compose": "docker", "podman-compose": "podman"}
STACK_SIZES = {"chain10": 10, "wide20": 20, "web": 2}
REGISTRY = "127.0.0.1:" + os.environ.get("REGISTRY_PORT", "15000")
PULL_REPO = "bench/pull"
ALL_SCENARIOS = "lifecycle,compose,cli,memory,pull,wordpress,build,ports"
WP_PORT = int(os.environ.get("BENCH_WORDPRESS_PORT", "18482"))


def wp_answer(status, location, body):
    """WordPress's first answer: its page (200), or the redirect of a site not installed yet to its installer."""
    return (status == 200 and "wp-" in body) or (status in (301, 302) and "wp-admin/install.php" in location)


# ---------------------------------------------------------------- running and timing commands

class Runner:
    """Runs one command at a time: wall time, exit code, the client's max RSS, output tail."""

    def __init__(self, log_path):
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        self.log = open(log_path, "a", encoding="utf-8", errors="replace")
        self.out_path = log_path + ".last"
        self.env = dict(os.environ)
        path = self.env.get("PATH", "")
        for d in ("/usr/sbin", "/sbin"):  # runc lives in /usr/sbin
            if d not in path.split(":"):
                path += ":" + d
        self.env["PATH"] = path

    def run(self, argv, timeout=600, env=None):
        """Returns dict(rc, s, rss_kib, out). Output goes to a file, never a pipe: a command
        that leaves a daemon behind (podman's conmon) cannot hold the harness up."""
        if isinstance(argv, WaitHttp):
            return argv.wait(self)
        fd = os.open(self.out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        actions = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_DUP2, fd, 2)]
        t0 = time.perf_counter()
        try:
            pid = os.posix_spawnp(argv[0], argv, {**self.env, **(env or {})}, file_actions=actions)
        except OSError as e:
            os.close(fd)
            return {"rc": 127, "s": 0.0, "rss_kib": 0, "out": f"{argv[0]}: {e}"}
        timer = threading.Timer(timeout, lambda: os.kill(pid, signal.SIGKILL))
        timer.start()
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
        timer.cancel()
        os.close(fd)
        with open(self.out_path, encoding="utf-8", errors="replace") as f:
            out = f.read()
        rc = os.waitstatus_to_exitcode(status)
        self.log.write(f"[{time.strftime('%H:%M:%S')}] $ {shlex.join(argv)}\n{out}"
                       f"  -> rc={rc} {t1 - t0:.3f}s maxrss={ru.ru_maxrss}KiB\n")
        self.log.flush()
        return {"rc": rc, "s": t1 - t0, "rss_kib": ru.ru_maxrss, "out": out}


class WaitHttp:
    """A timed step that runs no command: polls `url` every 20 ms (one GET, redirects not followed)
    until `accept(status, location, body)` is true, at most `timeout` seconds."""

    def __init__(self, url, accept, timeout=120):
        self.url, self.accept, self.timeout = url, accept, timeout

    def wait(self, runner):
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None
        opener = urllib.request.build_opener(NoRedirect)
        t0 = time.perf_counter()
        last = "no answer"
        while time.perf_counter() - t0 < self.timeout:
            try:
                with opener.open(self.url, timeout=2) as r:
                    status, loc, body = r.status, r.headers.get("Location", ""), r.read(65536).decode("utf-8", "replace")
            except urllib.error.HTTPError as e:
                status, loc, body = e.code, e.headers.get("Location", ""), e.read(65536).decode("utf-8", "replace")
            except (OSError, http.client.HTTPException) as e:
                last = f"no answer ({e})"
                time.sleep(0.02)
                continue
            last = f"HTTP {status} {loc}".strip()
            if self.accept(status, loc, body):
                s = time.perf_counter() - t0
                runner.log.write(f"[{time.strftime('%H:%M:%S')}] wait {self.url}: {last} after {s:.3f}s\n")
                runner.log.flush()
                return {"rc": 0, "s": s, "rss_kib": 0, "out": last}
            time.sleep(0.02)
        runner.log.write(f"[{time.strftime('%H:%M:%S')}] wait {self.url}: gave up after {self.timeout}s: {last}\n")
        return {"rc": 1, "s": time.perf_counter() - t0, "rss_kib": 0, "out": f"error: {self.url}: {last} after {self.timeout} s"}


def why(out, n=2, first=False):
    """The lines of a failed command's output worth quoting (the last n, or the first n)."""
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    errs = [l for l in lines if re.search(r"error|fail|denied|refus|cannot|not found", l, re.I)] or lines
    return " / ".join(errs[:n] if first else errs[-n:])[:300]


# ---------------------------------------------------------------- tools' command lines

def compose_cmd(tool, project, stack, *args):
    f = os.path.join(STACKS, stack + ".yml")
    exe = JC if tool == "jcompose" else tool
    return [exe, "-p", project, "-f", f, *args]


def statuses(runner, tool, project, stack):
    """The STATUS of each container of a compose project ('Up …', 'Exited (0) …')."""
    if tool == "docker-compose":
        r = runner.run([DOCKER, "ps", "-a", "--filter", f"label=com.docker.compose.project={project}",
                        "--format", "{{.Status}}"])
        return [l for l in r["out"].splitlines() if l.strip()]
    if tool == "podman-compose":
        r = runner.run(["podman", "ps", "-a", "--filter", f"label=io.podman.compose.project={project}",
                        "--format", "{{.Status}}"])
        return [l for l in r["out"].splitlines() if l.strip()]
    r = runner.run(compose_cmd("jcompose", project, stack, "ps", "-a"))
    lines = r["out"].splitlines()
    head = next((i for i, l in enumerate(lines) if l.startswith("NAME") and "STATUS" in l), None)
    if head is None:
        return []
    h = lines[head]
    a, b = h.index("STATUS"), h.index("PORTS") if "PORTS" in h else None
    return [l[a:b].strip() for l in lines[head + 1:] if l.strip()]


def check_stack(runner, tool, project, stack, expect, exited_ok=False, web=False):
    """None when the project has `expect` containers running (or exited 0), else what is wrong."""
    st = statuses(runner, tool, project, stack)
    good = [s for s in st if s.startswith("Up") or (exited_ok and s.startswith("Exited (0)"))]
    if len(good) != expect or len(st) != expect:
        return f"expected {expect} container(s) {'up or exited 0' if exited_ok else 'up'}, found {st or 'none'}"
    if web:
        body = ""
        for _ in range(40):
            r = runner.run(["curl", "-s", "-m", "2", WEB_URL])
            body = r["out"]
            if WEB_BODY in body:
                return None
            time.sleep(0.1)
        return f"{WEB_URL} did not serve the page from the volume (got {body.strip()[:80]!r})"
    return None


# ---------------------------------------------------------------- subjects and rounds

class Subject:
    """One thing measured in a scenario: a few commands run in order each round.
    check(runner) runs after step `check_after` outside the timed window (in warm-up rounds,
    or every round with check_every); cleanup(runner) undoes a failed round."""

    def __init__(self, name, tool, steps, check=None, check_after=0, check_every=False, cleanup=None,
                 note=None, after=None):
        self.name, self.tool, self.steps, self.after = name, tool, steps, after
        self.check, self.check_after, self.check_every = check, check_after, check_every
        self.cleanup, self.note = cleanup, note
        self.samples = []        # per measured round: {"steps": {label: s}, "total": s, "rss_kib": {...}}
        self.failures = []       # (round, text)
        self.disabled = None     # why it stopped being measured

    def as_json(self):
        return {"name": self.name, "tool": self.tool, "steps": [l for l, _ in self.steps],
                "samples": self.samples, "failures": self.failures, "disabled": self.disabled,
                "note": self.note}


def run_rounds(runner, scenario, subjects, warmup, rounds, log, before_round=None):
    for r in range(-warmup, rounds):
        if before_round:
            before_round(r)
        k = (r + warmup) % max(1, len(subjects))
        order = subjects[k:] + subjects[:k]
        for sub in order:
            if sub.disabled:
                continue
            times, rss, failed = {}, {}, None
            for i, (label, argv) in enumerate(sub.steps):
                res = runner.run(argv() if callable(argv) else argv)
                times[label], rss[label] = res["s"], res["rss_kib"]
                if res["rc"] != 0:
                    failed = f"`{label}` exited {res['rc']}: {why(res['out'])}"
                    break
                if sub.check and i == sub.check_after and (r < 0 or sub.check_every):
                    bad = sub.check(runner)
                    if bad:
                        failed = f"check after `{label}`: {bad}"
                        if re.search(r"error", res["out"], re.I):   # a tool that failed but exited 0
                            failed += f"; `{label}` said: {why(res['out'], 1, first=True)}"
                        # still run the remaining steps (down), unmeasured, to leave nothing behind
                        for l2, a2 in sub.steps[i + 1:]:
                            runner.run(a2() if callable(a2) else a2)
                        break
            if sub.after:
                sub.after(runner)   # untimed: e.g. remove the image just pulled
            if failed:
                if sub.cleanup:
                    sub.cleanup(runner)
                if r < 0:
                    sub.disabled = failed
                    log(f"  {scenario}: {sub.name} fails in the warm-up, left out: {failed}")
                else:
                    sub.failures.append((r, failed))
                    log(f"  {scenario}: {sub.name} round {r + 1} failed: {failed}")
                continue
            if r >= 0:
                sub.samples.append({"steps": times, "total": sum(times.values()), "rss_kib": rss})
        if r >= 0:
            log(f"  {scenario}: round {r + 1}/{rounds} done")
        else:
            log(f"  {scenario}: warm-up round done")


def compose_subject(tool, project, stack, phases, check_every, exited_ok=False, web=False, name=None):
    steps = []
    if "up" in phases:
        steps.append(("up -d", compose_cmd(tool, project, stack, "up", "-d")))
    if "down" in phases:
        steps.append(("down", compose_cmd(tool, project, stack, "down")))
    expect = 1 if stack.startswith("true-") else STACK_SIZES[stack]
    return Subject(name or f"{tool} up -d + down", TOOL_OF[tool], steps,
                   check=lambda rn: check_stack(rn, tool, project, stack, expect, exited_ok, web),
                   check_after=0, check_every=check_every,
                   cleanup=lambda rn: clean_project(rn, tool, project, stack))


def clean_project(runner, tool, project, stack, volumes=False):
    runner.run(compose_cmd(tool, project, stack, "down", *(["-v"] if volumes else [])))
    if tool == "podman-compose":
        ids = runner.run(["podman", "ps", "-aq", "--filter", f"label=io.podman.compose.project={project}"])["out"].split()
        if ids:
            runner.run(["podman", "rm", "-f", *ids])
    if tool == "docker-compose":
        ids = runner.run([DOCKER, "ps", "-aq", "--filter", f"label=com.docker.compose.project={project}"])["out"].split()
        if ids:
            runner.run([DOCKER, "rm", "-f", *ids])


# ---------------------------------------------------------------- a local registry's images

def push_variant(rootfs_tar, tag):
    """Pushes the busybox rootfs plus a file naming `tag` as REGISTRY/PULL_REPO:tag (Docker image
    manifest v2 schema 2, one gzip layer), through the registry's HTTP API. Every tag has its own
    layer digest, so every round's pull downloads and unpacks a layer no tool has yet."""
    raw = io.BytesIO()
    with tarfile.open(rootfs_tar) as src, tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as dst:
        for m in src.getmembers():
            dst.addfile(m, src.extractfile(m) if m.isreg() else None)
        data = f"bench pull image {tag} {time.time()}\n".encode()
        ti = tarfile.TarInfo("./etc/bench-pull")
        ti.size, ti.mode, ti.mtime = len(data), 0o644, int(time.time())
        dst.addfile(ti, io.BytesIO(data))
    layer_raw = raw.getvalue()
    layer = gzip.compress(layer_raw, compresslevel=6, mtime=0)
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": "2026-01-01T00:00:00Z",
        "config": {"Cmd": ["sh"], "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer_raw).hexdigest()]},
        "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "jcompose bench"}]}).encode()
    base = f"http://{REGISTRY}/v2/{PULL_REPO}"

    def blob(b):
        digest = "sha256:" + hashlib.sha256(b).hexdigest()
        req = urllib.request.Request(base + "/blobs/uploads/", method="POST", data=b"")
        with urllib.request.urlopen(req, timeout=30) as r:
            loc = r.headers["Location"]
        if loc.startswith("/"):
            loc = f"http://{REGISTRY}{loc}"
        loc += ("&" if "?" in loc else "?") + "digest=" + digest
        req = urllib.request.Request(loc, method="PUT", data=b, headers={"Content-Type": "application/octet-stream"})
        urllib.request.urlopen(req, timeout=60).close()
        return digest, len(b)

    cd, cs = blob(config)
    ld, ls = blob(layer)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": cs, "digest": cd},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": ls, "digest": ld}]}).encode()
    req = urllib.request.Request(f"{base}/manifests/{tag}", method="PUT", data=manifest,
                                 headers={"Content-Type": "application/vnd.docker.distribution.manifest.v2+json"})
    urllib.request.urlopen(req, timeout=30).close()
    return ls


# ---------------------------------------------------------------- scenarios

class Bench:
    def __init__(self, args):
        self.args = args
        self.tools = args.tools.split(",")
        self.runner = Runner(os.path.join(STATE, "logs", "bench.log"))
        self.raw = {"meta": {}, "scenarios": {}}
        self.seq = 0

    def log(self, msg):
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    def compose_tools(self):
        return [t for t in COMPOSE_TOOLS if TOOL_OF[t] in self.tools]

    def uid(self, prefix):
        self.seq += 1
        return f"{prefix}{os.getpid()}-{self.seq}"

    def save(self, name, subjects, extra=None):
        d = {"subjects": [s.as_json() for s in subjects]}
        d.update(extra or {})
        self.raw["scenarios"][name] = d
        self.write_raw()

    def write_raw(self):
        os.makedirs(os.path.dirname(self.args.raw), exist_ok=True)
        with open(self.args.raw, "w") as f:
            json.dump(self.raw, f, indent=1)

    # -- container lifecycle: create, run `true`, remove
    def lifecycle(self):
        for net in ("none", "bridge"):
            stack = f"true-{net}"
            for tool in self.compose_tools():   # leftovers of an interrupted run would break `up`
                clean_project(self.runner, tool, f"blc{net}", stack)
            subs = []
            for tool in self.compose_tools():
                subs.append(compose_subject(tool, f"blc{net}", stack, ("up", "down"), check_every=False,
                                            exited_ok=True, name=f"{tool} up -d + down ({stack}.yml)"))
            netflag = ["--network", "none"] if net == "none" else []
            if "docker" in self.tools:
                subs.append(Subject(f"docker run --rm {'--network none ' if netflag else ''}busybox true", "docker",
                                    [("run", [DOCKER, "run", "--rm", *netflag, "busybox:latest", "true"])]))
            if "podman" in self.tools:
                subs.append(Subject(f"podman run --rm {'--network none ' if netflag else ''}busybox true", "podman",
                                    [("run", ["podman", "run", "--rm", *netflag, "busybox:latest", "true"])]))
            if net == "none":
                bundle = os.path.join(STATE, "bundle")
                for rt in ("runc", "crun"):
                    if rt in self.tools:
                        subs.append(Subject(f"{rt} run -b bundle ID (/bin/true, new netns)", rt,
                                            [("run", lambda rt=rt: [rt, "run", "-b", bundle, self.uid(rt)])]))
            self.log(f"lifecycle, network {net}: {len(subs)} subjects, {self.args.warmup} warm-up + {self.args.rounds} rounds")
            run_rounds(self.runner, f"lifecycle-{net}", subs, self.args.warmup, self.args.rounds, self.log)
            for tool in self.compose_tools():
                clean_project(self.runner, tool, f"blc{net}", stack)
            self.save(f"lifecycle-{net}", subs)

    # -- compose stacks: up -d and down, timed separately
    def compose(self):
        for stack in ("chain10", "wide20", "web"):
            project = f"b{stack}"
            for tool in self.compose_tools():   # leftovers of an interrupted run would break `up`
                clean_project(self.runner, tool, project, stack)
            subs = [compose_subject(tool, project, stack, ("up", "down"), check_every=True, web=(stack == "web"),
                                    name=tool) for tool in self.compose_tools()]
            self.log(f"compose {stack}: {len(subs)} tools, {self.args.warmup} warm-up + {self.args.rounds} rounds")
            run_rounds(self.runner, f"compose-{stack}", subs, self.args.warmup, self.args.rounds, self.log)
            self.save(f"compose-{stack}", subs)

    # -- memory of engines/daemons and per-container helpers; CLI round trips with wide20 up
    def memory_and_cli(self, do_memory, do_cli):
        tools = self.compose_tools()
        for tool in tools:
            clean_project(self.runner, tool, "bwide20", "wide20")
        snaps = {}
        if do_memory:
            time.sleep(2)
            snaps["idle"] = self.memsnap()
            self.log("memory: idle snapshot taken")
        up_ok = {}
        for tool in tools:
            r = self.runner.run(compose_cmd(tool, "bwide20", "wide20", "up", "-d"))
            bad = check_stack(self.runner, tool, "bwide20", "wide20", 20) if r["rc"] == 0 else why(r["out"])
            up_ok[tool] = bad
            if bad:
                self.log(f"  wide20 up with {tool} failed: {bad}")
        time.sleep(2)
        if do_memory:
            snaps["wide20 up"] = self.memsnap()
            self.log("memory: wide20-up snapshot taken")
        subs = []
        if do_cli:
            for tool in tools:
                if not up_ok[tool]:
                    subs.append(Subject(f"{tool} ps", TOOL_OF[tool], [("ps", compose_cmd(tool, "bwide20", "wide20", "ps"))]))
            if "docker" in self.tools and not up_ok.get("docker-compose"):
                subs.append(Subject("docker ps (engine CLI)", "docker", [("ps", [DOCKER, "ps"])]))
            if "podman" in self.tools and not up_ok.get("podman-compose"):
                subs.append(Subject("podman ps (engine CLI)", "podman", [("ps", ["podman", "ps"])]))
            probe = self.runner.run(compose_cmd("jcompose", "bwide20", "wide20", "config", "-q")) \
                if "jcompose" in self.tools else {"rc": 0}
            self.jc_config = probe["rc"] == 0
            if self.jc_config and "jcompose" in self.tools:
                subs.append(Subject("jcompose config", "jcompose", [("config", compose_cmd("jcompose", "bwide20", "wide20", "config"))]))
            if "docker" in self.tools:
                subs.append(Subject("docker-compose config", "docker", [("config", compose_cmd("docker-compose", "bwide20", "wide20", "config"))]))
            self.log(f"cli: {len(subs)} subjects, {self.args.warmup} warm-up + {self.args.rounds} rounds (wide20 up)"
                     + ("" if self.jc_config else "; `jcompose config -q` does not work yet: config pending"))
            run_rounds(self.runner, "cli", subs, self.args.warmup, self.args.rounds, self.log)
        for tool in tools:
            clean_project(self.runner, tool, "bwide20", "wide20")
        if do_cli:
            self.save("cli", subs, {"jcompose_config": getattr(self, "jc_config", False),
                                    "wide20_up_failed": {t: b for t, b in up_ok.items() if b}})
        if do_memory:
            self.raw["scenarios"]["memory"] = {"snapshots": snaps,
                                               "wide20_up_failed": {t: b for t, b in up_ok.items() if b}}
            self.write_raw()

    def memsnap(self):
        """VmRSS and PSS (KiB) of each tool's daemons and per-container helpers."""
        procs = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                comm = open(f"/proc/{pid}/comm").read().strip()
                exe = os.readlink(f"/proc/{pid}/exe")
                argv0 = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[0].decode(errors="replace")
            except OSError:
                continue
            procs.append((int(pid), comm, exe, argv0))
        engine_pid = None
        try:
            engine_pid = int(open(os.path.join(JC_ROOT, "engine.pid")).read().strip())
        except (OSError, ValueError):
            pass
        dockerd = read_pid("dockerd")
        rows = []
        for pid, comm, exe, argv0 in procs:
            role = None
            if "jcompose" in self.tools:
                if pid == engine_pid:
                    role = ("jcompose", "engine (JVM)")
                # the monitor runs from a sealed memfd copy of the helper (exe "/memfd:jc-helper (deleted)"),
                # with the installed binary's path as its argv[0]
                elif argv0.startswith(os.path.join(JC_ROOT, "bin") + "/") or exe.startswith(os.path.join(JC_ROOT, "bin") + "/"):
                    role = ("jcompose", "jc-helper (per-container monitor)")
            if "docker" in self.tools and role is None:
                if comm == "dockerd" and (dockerd is None or pid == dockerd):
                    role = ("docker", "dockerd")
                elif comm == "containerd" and exe.endswith("/containerd"):
                    role = ("docker", "containerd")
                elif comm.startswith("containerd-shim"):
                    role = ("docker", "containerd-shim-runc-v2 (per container)")
                elif comm == "docker-proxy":
                    role = ("docker", "docker-proxy")
            if "podman" in self.tools and role is None:
                if comm == "conmon":
                    role = ("podman", "conmon (per container)")
                elif comm == "aardvark-dns":
                    role = ("podman", "aardvark-dns")
            if role is None:
                continue
            rss = pss = 0
            try:
                for l in open(f"/proc/{pid}/status"):
                    if l.startswith("VmRSS:"):
                        rss = int(l.split()[1])
                for l in open(f"/proc/{pid}/smaps_rollup"):
                    if l.startswith("Pss:"):
                        pss = int(l.split()[1])
            except OSError:
                continue
            if rss:
                rows.append({"tool": role[0], "process": role[1], "pid": pid, "rss_kib": rss, "pss_kib": pss})
        return rows

    # -- pull and unpack one image from a local docker-registry
    def pull(self):
        tar = os.path.join(STATE, "busybox-rootfs.tar")
        try:
            urllib.request.urlopen(f"http://{REGISTRY}/v2/", timeout=5).close()
        except OSError as e:
            self.log(f"pull: no registry on {REGISTRY} ({e}): left out")
            self.raw["scenarios"]["pull"] = {"skipped": f"no registry on {REGISTRY}"}
            return
        total = self.args.warmup + self.args.rounds
        tags = [f"r{os.getpid()}-{i}" for i in range(total)]
        size = 0
        for t in tags:
            size = push_variant(tar, t)
        self.log(f"pull: pushed {total} variants of the busybox image ({size / 1024:.0f} KiB gzip layer each) to {REGISTRY}")
        cur = {}
        ref = lambda: f"{REGISTRY}/{PULL_REPO}:{cur['tag']}"
        oci = os.path.join(STATE, "oci")
        subs = []
        if "jcompose" in self.tools:
            subs.append(Subject("jcompose image pull", "jcompose", [("pull", lambda: [JC, "image", "pull", "-q", ref()])],
                                check=lambda rn: None if cur["tag"] in rn.run([JC, "image", "ls"])["out"]
                                else "the image is not in `jcompose image ls`"))
        if "docker" in self.tools:
            subs.append(Subject("docker pull", "docker", [("pull", lambda: [DOCKER, "pull", "-q", ref()])],
                                check=lambda rn: None if rn.run([DOCKER, "image", "inspect", ref()])["rc"] == 0
                                else "docker image inspect fails",
                                after=lambda rn: rn.run([DOCKER, "rmi", ref()])))
        if "podman" in self.tools:
            subs.append(Subject("podman pull", "podman", [("pull", lambda: ["podman", "pull", "-q", "--tls-verify=false", ref()])],
                                check=lambda rn: None if rn.run(["podman", "image", "exists", ref()])["rc"] == 0
                                else "podman image exists says no",
                                after=lambda rn: rn.run(["podman", "rmi", ref()])))
        if len(self.tools) > 1 and all(has_cmd(c) for c in ("skopeo", "umoci")):
            subs.append(Subject("skopeo copy + umoci unpack", "oci-tools", [
                ("skopeo copy", lambda: ["skopeo", "copy", "-q", "--src-tls-verify=false", f"docker://{ref()}", f"oci:{oci}:{cur['tag']}"]),
                ("umoci unpack", lambda: ["umoci", "unpack", "--image", f"{oci}:{cur['tag']}", f"{oci}-bundle-{cur['tag']}"])],
                check=lambda rn: None if os.path.exists(f"{oci}-bundle-{cur['tag']}/rootfs/etc/bench-pull") else "no unpacked rootfs",
                check_after=1,
                after=lambda rn: rn.run(["rm", "-rf", f"{oci}-bundle-{cur['tag']}"])))

        def before_round(r):
            cur["tag"] = tags[r + self.args.warmup]
        self.log(f"pull: {len(subs)} subjects, {self.args.warmup} warm-up + {self.args.rounds} rounds")
        run_rounds(self.runner, "pull", subs, self.args.warmup, self.args.rounds, self.log, before_round)
        self.runner.run(["rm", "-rf", oci])
        self.save("pull", subs, {"layer_kib": round(size / 1024)})

    # -- the WordPress sample: up -d until WordPress answers, and down, on the same images
    def wordpress(self):
        tools = [t for t in ("jcompose", "docker-compose") if TOOL_OF[t] in self.tools]
        info = {}
        try:
            info = json.load(open(os.path.join(STATE, "wordpress", "images.json")))
        except (OSError, ValueError):
            pass
        if not info:
            self.log("wordpress: no images (bench/lib/wordpress.sh did not run or failed): left out")
            self.raw["scenarios"]["wordpress"] = {"skipped": "the images could not be made (see bench/.state/logs)"}
            self.write_raw()
            return
        if "docker-compose" in tools and not all(i.get("docker_id") for i in info.get("images", [])):
            tools.remove("docker-compose")
            self.log("wordpress: the images are not in dockerd: jcompose alone")
        proj, stack = "bwordpress", "wordpress"
        env = {"WORDPRESS_PORT": str(WP_PORT)}
        url = f"http://127.0.0.1:{WP_PORT}/"
        for tool in tools:
            self.runner.run(compose_cmd(tool, proj, stack, "down", "-v"), env=env)

        def cmd(tool, *args):
            c = compose_cmd(tool, proj, stack, *args)
            if tool == "jcompose":   # the same probe schedule as dockerd 20.10's: see wordpress.jcompose.yml
                i = c.index("-f") + 2
                c[i:i] = ["-f", os.path.join(STACKS, "wordpress.jcompose.yml")]
            return c

        def check(tool):
            def f(rn):
                st = statuses(rn, tool, proj, stack)
                if len(st) != 2 or not all(x.startswith("Up") for x in st):
                    return f"expected 2 containers up, found {st or 'none'}"
                r = rn.run(["curl", "-sL", "-m", "10", url])
                if "WordPress" not in r["out"]:
                    return f"{url} (redirects followed) is not WordPress's page: {r['out'].strip()[:80]!r}"
                return None
            return f

        subs = []
        for tool in tools:
            steps = [("up -d (new volume)", cmd(tool, "up", "-d")),
                     ("first answer (new volume)", WaitHttp(url, wp_answer)),
                     ("down", cmd(tool, "down")),
                     ("up -d (kept volume)", cmd(tool, "up", "-d")),
                     ("first answer (kept volume)", WaitHttp(url, wp_answer)),
                     ("down -v", cmd(tool, "down", "-v"))]
            subs.append(Subject(tool, TOOL_OF[tool], steps, check=check(tool), check_after=1, check_every=True,
                                cleanup=lambda rn, tool=tool: rn.run(cmd(tool, "down", "-v"), env=env)))
        self.runner.env.update(env)
        try:
            self.log(f"wordpress: {len(subs)} tools, {self.args.warmup} warm-up + {self.args.rounds} rounds, port {WP_PORT}")
            run_rounds(self.runner, "wordpress", subs, self.args.warmup, self.args.rounds, self.log)
            # memory: the stack up under every tool at once (each on its own port), first answer, 2 s
            up_ok, ports = {}, {}
            for k, tool in enumerate(tools):
                ports[tool] = WP_PORT + k
                e = {"WORDPRESS_PORT": str(ports[tool])}
                r = self.runner.run(cmd(tool, "up", "-d"), env=e)
                w = WaitHttp(f"http://127.0.0.1:{ports[tool]}/", wp_answer).wait(self.runner) if r["rc"] == 0 else r
                up_ok[tool] = None if w["rc"] == 0 else why(w["out"])
            time.sleep(2)
            snap = self.memsnap()
            self.log("wordpress: memory snapshot taken with the stack up under " + ", ".join(tools))
            for tool in tools:
                self.runner.run(cmd(tool, "down", "-v"), env={"WORDPRESS_PORT": str(ports[tool])})
        finally:
            self.runner.env.pop("WORDPRESS_PORT", None)
        self.save("wordpress", subs, {"images": info, "port": WP_PORT, "memory": snap,
                                      "up_failed": {t: b for t, b in up_ok.items() if b}})

    # -- optional: the runtime module's own per-container figure
    def runtime_test(self):
        self.log("runtime test: mvn -pl runtime -am test -Dtest=ContainerRuntimeRootTest#prepareAndStart_ofTrue_takesMilliseconds")
        src = os.environ.get("BENCH_JC_TOP", TOP)
        r = self.runner.run(["mvn", "-q", "-B", "-f", os.path.join(src, "pom.xml"), "-pl", "runtime", "-am",
                             "-Dtest=ContainerRuntimeRootTest#prepareAndStart_ofTrue_takesMilliseconds",
                             "-Dsurefire.failIfNoSpecifiedTests=false", "test"], timeout=900)
        text = r["out"]
        reports = os.path.join(src, "runtime", "target", "surefire-reports")
        if os.path.isdir(reports):   # when surefire keeps the test's output in a file
            for f in os.listdir(reports):
                if "ContainerRuntimeRootTest" in f and f.endswith("-output.txt"):
                    text += open(os.path.join(reports, f), errors="replace").read()
        m = re.search(r"prepare\+start of `true`.*", text)
        self.raw["scenarios"]["runtime-test"] = {"rc": r["rc"], "line": m.group(0) if m else None,
                                                 "why": None if m else why(r["out"], 4)}
        self.write_raw()
        self.log(f"runtime test: {m.group(0) if m else 'no figure: ' + why(r['out'], 4)}")

    def measure(self):
        a = self.args
        self.raw["meta"] = {"started": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                            "tools": self.tools, "rounds": a.rounds, "warmup": a.warmup,
                            "scenarios": a.scenarios.split(","), "machine": machine(),
                            "versions": versions(self.tools, self.runner), "loadavg_start": loadavg()}
        self.write_raw()
        sc = a.scenarios.split(",")
        for f in a.include:   # measured before this, by their own scripts
            try:
                inc = json.load(open(f))
            except (OSError, ValueError) as e:
                self.log(f"include {f}: {e}")
                continue
            if inc.get("markdown"):
                try:
                    inc["markdown"] = open(inc["markdown"]).read()
                except OSError as e:
                    inc = {"skipped": f"its report {inc['markdown']} could not be read ({e})"}
            self.raw["scenarios"][inc.get("name", os.path.basename(f))] = inc
        self.write_raw()
        if "lifecycle" in sc:
            self.lifecycle()
        if "compose" in sc:
            self.compose()
        if "memory" in sc or "cli" in sc:
            self.memory_and_cli("memory" in sc, "cli" in sc)
        if "pull" in sc:
            self.pull()
        if "wordpress" in sc:
            self.wordpress()
        if a.runtime_test:
            self.runtime_test()
        self.raw["meta"]["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        self.raw["meta"]["loadavg_end"] = loadavg()
        self.write_raw()


def has_cmd(c):
    return any(os.access(os.path.join(d, c), os.X_OK) for d in os.environ.get("PATH", "").split(":") + ["/usr/sbin"])


def read_pid(name):
    try:
        return int(open(os.path.join(STATE, name + ".pid")).read().strip())
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------- machine and versions

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL).stdout.strip()
    except subprocess.TimeoutExpired:
        return ""


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def machine():
    cpu = sh("awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo")
    mem = sh("awk '/MemTotal/{printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    osn = sh(". /etc/os-release; echo $PRETTY_NAME")
    unified = os.path.exists("/sys/fs/cgroup/cgroup.controllers")
    cg = "cgroup v2 (unified)" if unified else \
        "cgroup v1 hybrid (v1 controllers, cgroup2 at /sys/fs/cgroup/unified)" if os.path.isdir("/sys/fs/cgroup/unified") \
        else "cgroup v1"
    return {"kernel": platform.release(), "cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "os": osn,
            "cgroups": cg, "systemd": os.path.exists("/run/systemd/system")}


def versions(tools, runner):
    v = {}
    dpkg = lambda p: sh(f"dpkg-query -W -f='${{Version}}' {p} 2>/dev/null") or "not installed"
    v["jcompose"] = f"{sh(shlex.quote(JC) + ' version')}, from {os.environ.get('BENCH_JC_SOURCE', '?')}"
    v["java"] = sh("java -version 2>&1 | head -1")
    if "docker" in tools:
        v["docker.io (dockerd, /usr/bin/docker)"] = dpkg("docker.io") + \
            f"; storage driver {sh(DOCKER + ' info --format {{.Driver}}')}, cgroup driver {sh(DOCKER + ' info --format {{.CgroupDriver}}')}"
        v["containerd"] = dpkg("containerd")
        v["docker-compose"] = dpkg("docker-compose")
    if "podman" in tools:
        v["podman"] = dpkg("podman") + f"; runtime {sh('podman info --format {{.Host.OCIRuntime.Name}}')}, network backend " \
            f"{sh('podman info --format {{.Host.NetworkBackend}}')} (netavark {dpkg('netavark')}, aardvark-dns {dpkg('aardvark-dns')}), conmon {dpkg('conmon')}"
        v["podman-compose"] = dpkg("podman-compose")
    for p in ("runc", "crun"):
        if p in tools:
            v[p] = dpkg(p)
    if len(tools) > 1:
        for p in ("skopeo", "umoci", "docker-registry", "hyperfine"):
            v[p] = dpkg(p)
    v["busybox (the image)"] = dpkg("busybox-static")
    return v


# ---------------------------------------------------------------- report

def fmt_s(x):
    if x < 0.1:
        return f"{x * 1000:.1f} ms"
    if x < 10:
        return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"
    return f"{x:.1f} s"


def stats(vals):
    return statistics.median(vals), min(vals), max(vals)


def ratio(jc, peer):
    if not jc or not peer:
        return "–"
    return f"{jc / peer:.2f}"


def subject_table(subjects, key, jc_name, title_col="command", show_rss=False):
    """Rows: median, min–max, n, and jcompose's median ÷ this row's median."""
    out = [f"| {title_col} | median | min – max | rounds | jcompose ÷ this |" + (" client max RSS |" if show_rss else ""),
           "|---|---:|---:|---:|---:|" + ("---:|" if show_rss else "")]
    jc = next((s for s in subjects if s["name"] == jc_name and s["samples"]), None)
    jc_med = statistics.median(key(x) for x in jc["samples"]) if jc else None
    notes = []
    for s in subjects:
        name = s["name"]
        if s["disabled"]:
            out.append(f"| {name} | failed | | 0 | – |" + (" |" if show_rss else ""))
            notes.append(f"{name}: {s['disabled']}")
            continue
        if not s["samples"]:
            continue
        vals = [key(x) for x in s["samples"]]
        med, lo, hi = stats(vals)
        r = "1" if s is jc else ratio(jc_med, med)
        row = f"| {name} | **{fmt_s(med)}** | {fmt_s(lo)} – {fmt_s(hi)} | {len(vals)} | {r} |"
        if show_rss:
            rss = [max(x["rss_kib"].values()) for x in s["samples"]]
            row += f" {statistics.median(rss) / 1024:.0f} MiB |"
        out.append(row)
        for rnd, f in s["failures"]:
            notes.append(f"{name}, round {rnd + 1}: {f}")
    return out, notes, jc_med


def mem_rows(snapshot, tool, state):
    """Memory table rows of one tool in one snapshot: per process kind, then the total."""
    out = []
    rows = [r for r in snapshot if r["tool"] == tool]
    kinds = {}
    for r in sorted(rows, key=lambda r: "per" in r["process"]):   # daemons first, then per-container helpers
        kinds.setdefault(r["process"], []).append(r)
    if not kinds:
        return [f"| {tool} | {state} | (no process) | 0 | 0 | 0 | |"]
    for k, rs in kinds.items():
        rss = sum(r["rss_kib"] for r in rs) / 1024
        pss = sum(r["pss_kib"] for r in rs) / 1024
        out.append(f"| {tool} | {state} | {k} | {len(rs)} | {rss:.1f} MiB | {pss:.1f} MiB | {rss / len(rs):.1f} MiB |")
    if len(kinds) > 1:
        out.append(f"| {tool} | {state} | **total** | | **{sum(r['rss_kib'] for r in rows) / 1024:.1f} MiB** | "
                   f"**{sum(r['pss_kib'] for r in rows) / 1024:.1f} MiB** | |")
    return out


WP_PHASES = (("`up -d` → first answer, new volume", ("up -d (new volume)", "first answer (new volume)")),
             ("of which `up -d` itself", ("up -d (new volume)",)),
             ("`down` (volume kept)", ("down",)),
             ("`up -d` → first answer, kept volume", ("up -d (kept volume)", "first answer (kept volume)")),
             ("of which `up -d` itself", ("up -d (kept volume)",)),
             ("`down -v`", ("down -v",)))
WP_GOALS = (("`up -d` → first answer, new volume", 0), ("`down` (volume kept)", 2),
            ("`up -d` → first answer, kept volume", 3), ("`down -v`", 5))


def wp_medians(d):
    """{tool name: [median of each WP_PHASES entry]} of the wordpress scenario."""
    out = {}
    for s in d.get("subjects", []):
        if s["samples"]:
            out[s["name"]] = [statistics.median(sum(x["steps"][k] for k in keys) for x in s["samples"])
                              for _, keys in WP_PHASES]
    return out


def wordpress_section(add, L, d, m):
    info = d.get("images", {})
    add("## WordPress sample: `up -d` until WordPress answers, and `down`")
    add("")
    add("The WordPress sample (`samples/wordpress`: MariaDB with a health check and a named volume, WordPress on "
        "Apache with `depends_on: condition: service_healthy`, a published port) from `bench/stacks/wordpress.yml`: "
        "the sample's services for docker-compose 1.29 and dockerd 20.10 (no `name:`, no `build:`, the health check "
        "probes every second with `interval: 1s`, as the sample does in its start period with `start_interval: 1s`; "
        "jcompose adds the override `wordpress.jcompose.yml`, `start_interval: 1s`, because its engine, as Docker 25+, "
        "would otherwise probe every 5 s during the start period where dockerd 20.10 probes every `interval`: the same "
        "probe schedule in both engines). "
        f"The images: {', '.join('`%s`' % i['name'] for i in info.get('images', []))}, {info.get('how', '?')}; "
        + (f"the same {info.get('tar_mib', '?')} MiB archive `docker load`ed into dockerd, and both engines give each image "
           "the same id (" if all(i.get("docker_id") for i in info.get("images", [])) else "ids (")
        + ", ".join(f"{i['name'].split('/')[-1]} `{(i.get('jcompose_id') or '?')[7:19]}`" for i in info.get("images", [])) + ").")
    add("")
    add(f"Each round, for each tool in turn: `up -d` with a new volume (MariaDB initialises its data directory), "
        f"then the harness polls `http://127.0.0.1:{d.get('port')}/` every 20 ms until WordPress answers (its installer "
        "redirect `302 → /wp-admin/install.php`, or a page), `down` (the volume stays), `up -d` again on the kept "
        "volume until the first answer, and `down -v`. The time until the first answer counts from the start of "
        "`up -d`. After the first answer, untimed: both containers up, and the page (redirects followed) is WordPress's. "
        "podman-compose is not measured here.")
    add("")
    meds = wp_medians(d)
    jc = meds.get("jcompose")
    add("| phase | tool | median | min – max | rounds | jcompose ÷ this |")
    add("|---|---|---:|---:|---:|---:|")
    notes = []
    for i, (label, keys) in enumerate(WP_PHASES):
        for s in d["subjects"]:
            if s["disabled"]:
                if i == 0:
                    add(f"| {label} | {s['name']} | failed | | 0 | – |")
                    notes.append(f"{s['name']}: {s['disabled']}")
                continue
            if not s["samples"]:
                continue
            vals = [sum(x["steps"][k] for k in keys) for x in s["samples"]]
            med, lo, hi = stats(vals)
            r = "1" if s["name"] == "jcompose" else ratio(jc[i] if jc else None, med)
            add(f"| {label} | {s['name']} | **{fmt_s(med)}** | {fmt_s(lo)} – {fmt_s(hi)} | {len(vals)} | {r} |")
            if i == 0:
                for rnd, f in s["failures"]:
                    notes.append(f"{s['name']}, round {rnd + 1}: {f}")
    add("")
    for n in notes:
        add(f"- {n}")
    if notes:
        add("")
    snap = d.get("memory") or []
    if snap:
        add("Memory with the stack up (both containers, the first answer given) under every tool at once, each on its "
            "own port; VmRSS and PSS from /proc as in the memory section above (the containers' own processes, MariaDB "
            "and Apache, are not counted):")
        add("")
        add("| tool | state | process | count | RSS total | PSS total | RSS each |")
        add("|---|---|---|---:|---:|---:|---:|")
        for tool in [t for t in ("jcompose", "docker") if t in m["tools"]]:
            L.extend(mem_rows(snap, tool, "wordpress up"))
        add("")
    for t, b in d.get("up_failed", {}).items():
        add(f"- for the memory snapshot, the stack did not come up with {t}: {b}")


def report(raw_path, end_state, out_path):
    raw = json.load(open(raw_path))
    if end_state and os.path.exists(end_state):   # kept in the raw file, so that a report can be written again
        raw["end_state"] = [l.rstrip("\n") for l in open(end_state) if l.strip()]
        with open(raw_path, "w") as f:
            json.dump(raw, f, indent=1)
    m, sc = raw["meta"], raw["scenarios"]
    L = []
    add = L.append
    tools = m["tools"]
    only = tools == ["jcompose"]
    add("# jcompose bench results")
    add("")
    flags = ""
    if len(tools) < 5:
        flags += " --only " + ",".join(tools)
    if m["rounds"] != 5 or m["warmup"] != 1:
        flags += f" --rounds {m['rounds']} --warmup {m['warmup']}"
    if set(m["scenarios"]) != set(ALL_SCENARIOS.split(",")) and \
            set(m["scenarios"]) != {"lifecycle", "compose", "cli", "memory", "pull"}:   # the default before build, ports, wordpress
        flags += " --scenarios " + ",".join(m["scenarios"])
    if "runtime-test" in sc:
        flags += " --runtime-test"
    at = re.search(r"`--at ([^`]+)`", m["versions"].get("jcompose", ""))
    if at:
        flags += " --at " + at.group(1)
    add(f"Written by `bench/run{flags}` on "
        f"{m['started'][:10]} (started {m['started'][11:16]}, finished {m.get('finished', '?')[11:16]}). "
        f"Every figure below comes from that one run: the tools ran side by side, interleaved "
        f"round by round ({m['warmup']} warm-up round{'s' if m['warmup'] != 1 else ''} not counted, then "
        f"{m['rounds']} measured round{'s' if m['rounds'] != 1 else ''}; the order of the tools rotates each round). "
        "These machines are shared and noisy, so the **ratios** are the figures that matter; "
        "absolute times move from run to run (by 10–25 % in earlier measurements here).")
    add("")
    add("**jcompose ÷ this** is jcompose's median divided by that row's median: below 1 jcompose is "
        "faster (0.10 = it takes a tenth of the time), above 1 it is slower.")
    add("")
    if only:
        add("This run measured **jcompose alone** (`--only jcompose`): there are no peers to compare with.")
        add("")
    # goals
    goal_lines = []
    def med_of(scn, name, key):
        for s in sc.get(scn, {}).get("subjects", []):
            if s["name"] == name and s["samples"]:
                return statistics.median(key(x) for x in s["samples"])
        return None
    for stack in ("chain10", "wide20"):
        for phase, target in (("up -d", 0.10), ("down", 0.20)):
            jc = med_of(f"compose-{stack}", "jcompose", lambda x: x["steps"][phase])
            dc = med_of(f"compose-{stack}", "docker-compose", lambda x: x["steps"][phase])
            if jc and dc:
                r = jc / dc
                goal_lines.append(f"| {stack} `{phase}` | {fmt_s(jc)} | {fmt_s(dc)} | **{r:.2f}** | < {target:.2f} | "
                                  f"{'met' if r < target else 'not yet'} |")
    wmeds = wp_medians(sc.get("wordpress", {}))
    if "jcompose" in wmeds and "docker-compose" in wmeds:
        for label, i in WP_GOALS:
            jc, dc = wmeds["jcompose"][i], wmeds["docker-compose"][i]
            goal_lines.append(f"| WordPress {label} | {fmt_s(jc)} | {fmt_s(dc)} | **{jc / dc:.2f}** | < 0.50 | "
                              f"{'met' if jc / dc < 0.5 else 'not yet'} |")
    if goal_lines:
        add("## Where jcompose stands against the goals")
        add("")
        add("| what | jcompose | docker-compose | ratio | goal | |")
        add("|---|---:|---:|---:|---:|---|")
        L.extend(goal_lines)
        crun = med_of("lifecycle-none", next((s["name"] for s in sc.get("lifecycle-none", {}).get("subjects", [])
                                              if s["tool"] == "crun"), ""), lambda x: x["total"])
        rt = sc.get("runtime-test", {}).get("line")
        if crun:
            mm = re.search(r"through exit and cleanup: median ([0-9.]+) ms", rt or "")
            if mm:
                add(f"| one container, `true`, no network (runtime alone) | {mm.group(1)} ms | crun {fmt_s(crun)} | "
                    f"**{float(mm.group(1)) / 1000 / crun:.2f}** | close to 1 | |")
            else:
                add(f"| one container, `true`, no network | see below | crun {fmt_s(crun)} | | close to crun | "
                    "jcompose goes through compose `up -d` + `down` (no `run` yet); the runtime's own figure needs `--runtime-test` |")
        add("")

    # lifecycle
    if any(k.startswith("lifecycle") for k in sc):
        add("## Container lifecycle: create, run `true`, remove")
        add("")
        add("jcompose has no `run` yet, so its lifecycle is a one-service compose stack: "
            "`jcompose up -d` then `jcompose down` of a service whose command is `true` (it exits at once; "
            "`up -d` creates and starts it, `down` removes it and, on a bridge, the project network). "
            "docker-compose and podman-compose run the same files, which puts a like-for-like comparison next to "
            "`docker run --rm`, `podman run --rm`, `runc run` and `crun run` (OCI bundle, `/bin/true`, the runc spec's "
            "namespaces: a new empty network namespace, nothing else; no bridge). Each time is the whole command "
            "(for the compose rows: `up -d` plus `down`), spawn to exit.")
        add("")
        for net in ("none", "bridge"):
            d = sc.get(f"lifecycle-{net}")
            if not d:
                continue
            jc_name = next((s["name"] for s in d["subjects"] if s["tool"] == "jcompose"), None)
            add(f"### Network {net} ({'`network_mode: none`, `--network none`' if net == 'none' else 'the project or default bridge network'})")
            add("")
            rows, notes, _ = subject_table(d["subjects"], lambda x: x["total"], jc_name)
            L.extend(rows)
            add("")
            comp = [s for s in d["subjects"] if s["tool"] in ("jcompose", "docker", "podman") and len(s["steps"]) == 2 and s["samples"]]
            if comp:
                add("Split of the compose rows: " + "; ".join(
                    f"{s['name'].split(' ')[0]} `up -d` {fmt_s(statistics.median(x['steps']['up -d'] for x in s['samples']))}, "
                    f"`down` {fmt_s(statistics.median(x['steps']['down'] for x in s['samples']))}" for s in comp) + " (medians).")
                add("")
            for n in notes:
                add(f"- {n}")
            if notes:
                add("")
        rt = sc.get("runtime-test")
        if rt:
            add("The runtime module's own measurement (`ContainerRuntimeRootTest.prepareAndStart_ofTrue_takesMilliseconds`, "
                "run by `--runtime-test` in the same run; an already warm JVM, no CLI, no engine, no network): "
                + (f"`{rt['line']}`" if rt.get("line") else f"no figure ({rt.get('why')})") + ".")
            add("")

    # compose stacks
    stacks = [s for s in ("chain10", "wide20", "web") if f"compose-{s}" in sc]
    if stacks:
        add("## Compose stacks: `up -d` and `down`, timed separately")
        add("")
        add("Same files for every tool (`bench/stacks/`): **chain10** ten services, each `depends_on` the previous; "
            "**wide20** twenty independent busybox httpd; **web** httpd serving a page from a named volume on published "
            "port 127.0.0.1:18480, plus a client that depends on it. Every long-running command traps SIGTERM, so "
            "`down` (default timeout, no `-v`) measures stopping and removing, not a 10 s grace period. After every "
            "`up -d` the harness checks (untimed) that all containers are up, and for web that the page is served.")
        add("")
        add("| stack | phase | tool | median | min – max | rounds | jcompose ÷ this | client max RSS |")
        add("|---|---|---|---:|---:|---:|---:|---:|")
        notes = []
        for stack in stacks:
            subs = sc[f"compose-{stack}"]["subjects"]
            for phase in ("up -d", "down"):
                jc = next((s for s in subs if s["name"] == "jcompose" and s["samples"]), None)
                jc_med = statistics.median(x["steps"][phase] for x in jc["samples"]) if jc else None
                for s in subs:
                    if s["disabled"]:
                        if phase == "up -d":
                            add(f"| {stack} | {phase} | {s['name']} | failed | | 0 | – | |")
                            notes.append(f"{stack}, {s['name']}: {s['disabled']}")
                        continue
                    vals = [x["steps"][phase] for x in s["samples"] if phase in x["steps"]]
                    if not vals:
                        continue
                    med, lo, hi = stats(vals)
                    rss = statistics.median(x["rss_kib"][phase] for x in s["samples"]) / 1024
                    r = "1" if s is jc else ratio(jc_med, med)
                    add(f"| {stack} | `{phase}` | {s['name']} | **{fmt_s(med)}** | {fmt_s(lo)} – {fmt_s(hi)} | {len(vals)} | {r} | {rss:.0f} MiB |")
                    if phase == "up -d":
                        for rnd, f in s["failures"]:
                            notes.append(f"{stack}, {s['name']}, round {rnd + 1}: {f}")
        add("")
        add("Client max RSS: the largest single process of the command's tree (wait4's ru_maxrss): the jcompose "
            "CLI's JVM, docker-compose's Python, podman-compose's Python or one of its `podman` children.")
        add("")
        for n in notes:
            add(f"- {n}")
        if notes:
            add("")

    # cli
    d = sc.get("cli")
    if d:
        add("## CLI round trips (wide20 up under every tool at once)")
        add("")
        add("`ps` of the wide20 project, with wide20 up under jcompose, docker-compose and podman-compose at once; "
            "`docker ps` and `podman ps` (the engines' own CLIs) for reference. `config` parses, interpolates and prints "
            "wide20.yml (podman-compose 1.0.3 has no `config`).")
        add("")
        groups = [("ps", "jcompose ps", [x for x in d["subjects"] if " ps" in x["name"]]),
                  ("config", "jcompose config", [x for x in d["subjects"] if " config" in x["name"]])]
        notes = []
        for g, jc_name, subs in groups:
            if not subs:
                continue
            add(f"### `{g}`")
            add("")
            rows, n, _ = subject_table(subs, lambda x: x["total"], jc_name, show_rss=True)
            L.extend(rows)
            notes += n
            add("")
        if not d.get("jcompose_config"):
            add("`jcompose config` is **pending**: `jcompose config -q` did not work in this run, so `config` is measured "
                "for docker-compose only.")
            add("")
        for n in notes:
            add(f"- {n}")
        for t, b in d.get("wide20_up_failed", {}).items():
            add(f"- wide20 did not come up with {t}: {b}")
        add("")

    # memory
    d = sc.get("memory")
    if d:
        add("## Memory: engines, daemons and per-container helpers")
        add("")
        add("VmRSS and PSS from /proc, summed per process kind, with nothing running (idle, after the scenarios above) "
            "and with wide20 up under every tool at once. The containers' own processes are not counted. "
            "jcompose: the engine JVM (found by `engine.pid`) and its `jc-helper` monitors (one per container, found by "
            "the helper binary under the bench's engine root, as their argv[0]). docker: dockerd, containerd, one containerd-shim-runc-v2 per "
            "container. podman has no daemon: one conmon per container and aardvark-dns.")
        add("")
        add("| tool | state | process | count | RSS total | PSS total | RSS each |")
        add("|---|---|---|---:|---:|---:|---:|")
        for tool in [t for t in ("jcompose", "docker", "podman") if t in tools]:
            for state in ("idle", "wide20 up"):
                L.extend(mem_rows(d["snapshots"].get(state, []), tool, state))
        add("")
        for t, b in d.get("wide20_up_failed", {}).items():
            add(f"- wide20 did not come up with {t}: {b}")
        add("")

    d = sc.get("pull")
    if d and d.get("subjects"):
        add("## Pull and unpack, from a local registry")
        add("")
        add(f"docker-registry (Debian's `docker-registry`) on {REGISTRY}, storage under bench/.state. Before the rounds the "
            f"harness pushes one variant of the busybox image per round (the rootfs plus a file naming the round, so each "
            f"has its own {d.get('layer_kib', '?')} KiB gzip layer), and in each round every tool pulls that round's variant, "
            "which none of them has yet: download, check, unpack. Untimed after each pull: `docker rmi`, `podman rmi` "
            "(jcompose has no `image rm` yet; its pulled variants stay in the bench's engine root until the next run).")
        add("")
        rows, notes, _ = subject_table(d["subjects"], lambda x: x["total"], "jcompose image pull")
        L.extend(rows)
        add("")
        oci = next((x for x in d["subjects"] if x["tool"] == "oci-tools" and x["samples"]), None)
        if oci:
            add("skopeo + umoci split: " + ", ".join(
                f"`{k}` {fmt_s(statistics.median(x['steps'][k] for x in oci['samples']))}" for k in oci["steps"]) + " (medians).")
            add("")
        for n in notes:
            add(f"- {n}")
        if notes:
            add("")
    elif d and d.get("skipped"):
        add(f"Pull and unpack: left out ({d['skipped']}).")
        add("")

    d = sc.get("wordpress")
    if d and d.get("subjects"):
        wordpress_section(add, L, d, m)
    elif d and d.get("skipped"):
        add(f"WordPress sample: left out ({d['skipped']}).")
        add("")

    for key, title in (("build", "Image builds: jcompose vs buildah vs docker build"),
                       ("ports", "Published ports: DNAT, the Netty proxy and docker-proxy against a direct connection")):
        d = sc.get(key)
        if not d:
            continue
        add(f"## {title}")
        add("")
        if d.get("markdown"):
            add(f"Measured in the same `bench/run`, before dockerd started, by `{d['command']}` (its own script, which "
                f"can also be run alone; {d['how']}); its report follows as it wrote it.")
            add("")
            body = d["markdown"].splitlines()[1:]   # its own title is the heading above
            while body and not body[0].strip():
                body.pop(0)
            for line in body:
                add("#" + line if line.startswith("#") else line)
            add("")
        else:
            add(f"Left out: {d.get('skipped', '?')}.")
            add("")

    pending = []
    if not (sc.get("cli") or {}).get("jcompose_config") and "cli" in sc:
        pending.append("- `jcompose config` round trip (see CLI round trips).")
    if pending:
        add("## Pending scenarios")
        add("")
        add("The issue asks for these as the features land; the harness has no row for them yet:")
        add("")
        L.extend(pending)
        add("")

    add("## Machine and versions")
    add("")
    mc = m["machine"]
    add(f"- Machine: {mc['os']}, kernel {mc['kernel']}, {mc['cpus']} CPUs ({mc['cpu']}), {mc['memory']} RAM, "
        f"{mc['cgroups']}, {'systemd' if mc['systemd'] else 'no systemd'}.")
    add(f"- Load average at the start {' '.join(m['loadavg_start'])}, at the end {' '.join(m.get('loadavg_end', ['?']))} "
        "(other sessions share the machine).")
    add("")
    add("| component | version |")
    add("|---|---|")
    for k, v in m["versions"].items():
        add(f"| {k} | {v} |")
    add("")
    add("jcompose runs through a copy of the `./jcompose` launcher and the built jars taken when the run starts "
        "(so a rebuild in the work tree cannot change them mid-run; same JVM flags, and the launcher's class-data-sharing "
        "archive, recorded by the run's first command, a `ps`), with a private engine root "
        "(`--root bench/.state/jcompose-root`). Each time is measured by `bench/lib/harness.py` from spawn to exit "
        "with stdin from /dev/null and output to a file. hyperfine is installed as the issue asks, but the harness "
        "keeps its own loop: hyperfine runs one command's rounds back to back, not interleaved with the others.")
    add("")
    add("## Setup this run applied, and what it left on the host")
    add("")
    if only:
        add("- jcompose alone: no reference tools, no host fixups, no dockerd. The busybox image comes from "
            "`samples/images/busybox-rootfs.sh` (Debian's busybox-static), `jcompose image import`ed into the bench's engine root.")
        add("")
    else:
        add("- Reference tools from Debian's packages (`bench/lib/install.sh`); dockerd started by hand "
            "(`dockerd --storage-driver overlay2`, no systemd here), its containerd as its child.")
        add("- podman: `/etc/containers/containers.conf` with `default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]` "
            "(without it podman asks for rlimits above the hard limit: `setrlimit RLIMIT_NOFILE: Operation not permitted`).")
        add("- crun: a v1 `hugetlb` hierarchy mounted at `/sys/fs/cgroup/hugetlb` (without it crun refuses the hybrid "
            "layout: `cgroups in hybrid mode not supported, drop all controllers from cgroupv2`).")
        add("- One busybox image for every tool, from `samples/images/busybox-rootfs.sh` (Debian's busybox-static): "
            "`docker import` and `podman import` as busybox:latest, unpacked with `runc spec` into an OCI bundle for "
            "runc and crun, `jcompose image import` into the bench's engine root.")
        add("- podman-compose 1.0.3 quirks seen here: it starts services one by one; `down` leaves the project network "
            "(later rounds reuse it; the harness removes it at the end); with `network_mode: none` it also passes "
            "`--net <project>_default`, so podman refuses the container, and still exits 0 (the harness's check catches it).")
        add("")
    if raw.get("end_state"):
        add("At the end of the run:")
        add("")
        L.extend(raw["end_state"])
        add("")
    with open(out_path, "w") as f:
        f.write("\n".join(L).rstrip() + "\n")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--tools", default="jcompose,docker,podman,runc,crun")
    m.add_argument("--rounds", type=int, default=5)
    m.add_argument("--warmup", type=int, default=1)
    m.add_argument("--scenarios", default=ALL_SCENARIOS)
    m.add_argument("--runtime-test", action="store_true")
    m.add_argument("--include", action="append", default=[],
                   help="JSON of a scenario measured by its own script (bench/build/run, bench/ports/run): "
                        "name, command, how, and markdown (its report's path) or skipped")
    m.add_argument("--raw", required=True)
    r = sub.add_parser("report")
    r.add_argument("--raw", required=True)
    r.add_argument("--end-state")
    r.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.cmd == "measure":
        Bench(a).measure()
    else:
        report(a.raw, a.end_state, a.out)


if __name__ == "__main__":
    main()
