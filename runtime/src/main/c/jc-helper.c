/*
 * jc-helper: the C stage of the jcompose runtime. Mechanism only, like runc's
 * libcontainer/nsenter/nsexec.c: Java decides everything and writes it into a spec file;
 * this program makes the system calls a multi-threaded JVM cannot make (clone into new
 * namespaces, mounts and pivot_root before exec), then stays behind as the container's
 * monitor (like conmon or containerd-shim): it writes the logs and the exit status.
 *
 * Usage: jc-helper run SPECFILE    start a container, then stay as its monitor
 *        jc-helper exec SPECFILE   run one more command in a running container (docker exec)
 *
 * SPEC FILE. Written by dev.jcompose.runtime.helper.HelperSpecFile, which documents the same
 * keys; HelperSpecFileTest checks that the key table below and the Java one agree.
 * One "key=value" per line; list keys repeat. In a value "\\" stands for a backslash and "\n" for a
 * newline (HelperSpecFile.escape); any other byte except NUL stands for itself.
 *   lower=PATH     overlay lower dir, top layer first (repeated, at least one)
 *   upper=PATH     overlay upper dir          work=PATH    overlay work dir
 *   merged=PATH    where the overlay is mounted; it becomes the container's /
 *   hostname=NAME  the UTS hostname           cwd=PATH     working dir (created when missing)
 *   uid=N          gid=N                      user and group the command runs as
 *   arg=S          argv, in order (at least one); argv[0] is looked up in the container's PATH
 *   env=K=V        the command's environment (nothing else is inherited)
 *   mount=TYPE<TAB>SOURCE<TAB>TARGET<TAB>OPTIONS   after /proc, /sys and /dev. TYPE "bind" is a
 *                  recursive bind of a host path (target dir or file created to match); any other
 *                  TYPE is a filesystem type (tmpfs). OPTIONS is comma-separated: ro, rw, nosuid,
 *                  nodev, noexec, noatime, relatime, strictatime are flags; the rest is fs data.
 *   mask=PATH      hide a container path: /dev/null over a file, read-only tmpfs over a dir
 *   readonly=PATH  make a container path read-only (recursive bind onto itself); missing: skipped
 *   caps=HEX       capability mask (as in /proc/PID/status): the bounding set, and the effective
 *                  and permitted sets as far as the kernel leaves them after setuid(uid)
 *   netns=1|0      new network namespace (its lo is brought up)
 *   init=1|0       1: the container's PID 1 stays this program, renamed "jc-init" and made non-dumpable;
 *                  it forks the command as PID 2, forwards SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1,
 *                  SIGUSR2 and SIGWINCH to it, reaps every orphan of the container, and exits with the
 *                  command's exit code (128+S when the command was killed by signal S), like tini
 *   seccomp=HEX    a seccomp filter, struct sock_filter[] (8 bytes each, native x86_64 layout) in hex
 *                  (dev.jcompose.runtime.SeccompFilter); empty: none. Loaded after the mounts and
 *                  pivot_root, just before the capabilities are dropped: without no_new_privs (which
 *                  Docker does not set by default, so setuid programs keep working) loading a filter
 *                  needs CAP_SYS_ADMIN. The calls left before exec (setgroups, setres[ug]id, capset,
 *                  prctl, dup2, close_range, fork for init=1, execve) must be allowed by the filter.
 *   log=PATH       Docker json-file log of the command's stdout and stderr
 *   exit=PATH      exit status file, {"exitCode":N,"signal":S,"finishedAt":"RFC 3339"},
 *                  exitCode 128+S when killed by signal S; written atomically (tmp, fsync, rename)
 *   pid=N          exec: host pid of the container's init; its namespaces are joined
 *   cgroup=PATH    exec: a cgroup.procs file (host path) the command joins (repeated)
 *   rootro=1       remount the container's / read-only (non-recursive) once set up, after the working
 *                  dir exists: mounts on it (/proc, /dev, volumes, /etc/hosts) keep their own flags
 *   shmsize=BYTES  size of the /dev/shm tmpfs (absent: 64 MiB)
 *   sysctl=PATH=V  write V to /proc/sys/PATH (PATH below /proc/sys, e.g. net/ipv4/ip_forward) in the
 *                  container's namespaces, before masked and read-only paths are applied (repeated)
 *   rlimit=R:S:H   setrlimit(R, {S, H}) (R a RLIMIT_* number; 18446744073709551615 is RLIM_INFINITY)
 *                  before the seccomp filter and the identity change (repeated)
 *   group=N        the supplementary groups, setgroups(2) (repeated); absent: the primary gid only
 *   oomscoreadj=N  written to /proc/self/oom_score_adj before exec (absent: inherited)
 *   sharens=TYPE[<TAB>PATH]  TYPE (net, ipc or pid) is not new for the container (repeated). With PATH
 *                  (another container's /proc/PID/ns/TYPE) the helper setns(2)s into it just before the
 *                  clone and back into its own right after, so only the container is in it (for pid: the
 *                  container's init is a member of that pid namespace, not its PID 1); without PATH the
 *                  container stays in the helper's own namespace (the host's: ipc/pid "host")
 *   device=TYPE<TAB>MAJOR<TAB>MINOR<TAB>MODE<TAB>UID<TAB>GID<TAB>PATH  a device node (TYPE c or b, MODE octal
 *                  permission bits) made at PATH (below /dev) after the default nodes, replacing what is
 *                  there; without CAP_MKNOD the host's node (/dev/char/MAJOR:MINOR or /dev/block/..) is
 *                  bind-mounted instead (repeated). The devices cgroup is the engine's business.
 *   logmax=BYTES   rotate the log before an entry would grow it past BYTES: LOG.N-2 -> LOG.N-1, ...,
 *                  LOG -> LOG.1, then a new LOG (Docker's json-file max-size); absent or 0: never
 *   logfiles=N     files kept when rotating, LOG included (max-file); 1: LOG is emptied instead
 * "run" needs lower, upper, work, merged, arg, log and exit. "exec" needs pid and arg, and uses
 * cwd, uid, gid, env, caps, seccomp, group, rlimit and oomscoreadj as "run" does; it ignores the other keys.
 *
 * HANDSHAKE on stdin/stdout, one line each (dev.jcompose.runtime.helper.HelperProtocol):
 *   helper -> engine  "pid N"      the container's init is cloned (host pid N) and waits
 *                     "error MSG"  nothing was started; the helper exits 1
 *   engine -> helper  "go"         cgroups and network are in place: continue
 *                     "abort"      (or EOF) SIGKILL the waiting init, reap it, exit 1
 *   helper -> engine  "started"    the command was exec'd (EOF on a CLOEXEC error pipe)
 *                     "error MSG"  setup failed; MSG names the step, the path and the errno text
 * After "started" the helper reopens stdin/stdout on /dev/null (stderr is a file chosen by the
 * engine), copies the container's output into the log, reaps it, writes the exit file and
 * exits 0. It runs in its own session and ignores SIGHUP and SIGPIPE, so it outlives the engine.
 *
 * EXEC on stdout, no input: "pid N" (the command's host pid), then "started" or "error MSG" (nothing
 * ran; exit 1), then the command's stdout and stderr as Docker's multiplexed stream: frames of an
 * 8-byte header [STREAM, 0, 0, 0, SIZE as 4 bytes big-endian] and SIZE bytes, STREAM 1 for stdout
 * and 2 for stderr (dev.jcompose.api.client.LogFrameDecoder). When the command exits, what its
 * pipes hold is sent and the helper exits with the command's exit code (128+S for signal S); a
 * background process it left keeps running without output. The command's stdin is /dev/null.
 * The namespaces (ipc, uts, net, cgroup, pid, mnt) are joined through /proc/PID/ns/NAME, the cgroup
 * before the mount namespace (its files are host paths); the helper itself stays outside both,
 * so that the container's cgroup can be removed as soon as the container stops.
 *
 * SEALED COPY (runc CVE-2019-5736): before anything else, "run" and "exec" re-execute the helper from a
 * memfd holding a copy of its binary, sealed against writes, shrinking and growing (F_SEAL_WRITE,
 * F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_SEAL), as runc's nsexec does (libcontainer/nsenter/cloned_binary.c).
 * A process of the container that reaches the helper's /proc/PID/exe (jc-init as PID 1, or an exec
 * before its command runs) finds that copy, never the host's binary, and cannot change it. argv and
 * the environment are kept; a process already running from a sealed copy does not copy itself again.
 *
 * Log lines, as Docker's json-file driver: {"log":"text\n","stream":"stdout","time":"...Z"};
 * one object per line of output, split at 16 KiB; a partial last line is written at EOF.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/openat2.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 16384

/* SPEC KEYS BEGIN: the spec file's keys; HelperSpecFile.KEYS in Java lists the same. */
enum spec_key { K_LOWER, K_UPPER, K_WORK, K_MERGED, K_HOSTNAME, K_CWD, K_UID, K_GID, K_ARG, K_ENV,
                K_MOUNT, K_MASK, K_READONLY, K_CAPS, K_NETNS, K_INIT, K_SECCOMP, K_LOG, K_EXIT, K_PID, K_CGROUP,
                K_ROOTRO, K_SHMSIZE, K_SYSCTL, K_RLIMIT, K_GROUP, K_OOMSCOREADJ, K_SHARENS, K_DEVICE, K_LOGMAX,
                K_LOGFILES, K_COUNT };
static const char *const spec_keys[K_COUNT] = {
  [K_LOWER] = "lower",   [K_UPPER] = "upper",       [K_WORK] = "work",   [K_MERGED] = "merged",
  [K_HOSTNAME] = "hostname", [K_CWD] = "cwd",       [K_UID] = "uid",     [K_GID] = "gid",
  [K_ARG] = "arg",       [K_ENV] = "env",           [K_MOUNT] = "mount", [K_MASK] = "mask",
  [K_READONLY] = "readonly", [K_CAPS] = "caps",     [K_NETNS] = "netns", [K_INIT] = "init", [K_SECCOMP] = "seccomp",
  [K_LOG] = "log",
  [K_EXIT] = "exit",     [K_PID] = "pid",           [K_CGROUP] = "cgroup",
  [K_ROOTRO] = "rootro", [K_SHMSIZE] = "shmsize",   [K_SYSCTL] = "sysctl", [K_RLIMIT] = "rlimit",
  [K_GROUP] = "group",   [K_OOMSCOREADJ] = "oomscoreadj", [K_SHARENS] = "sharens",
  [K_DEVICE] = "device", [K_LOGMAX] = "logmax",     [K_LOGFILES] = "logfiles",
};
/* SPEC KEYS END */

struct strv { char **v; size_t n; };

struct spec {
  struct strv lower, args, env, mounts, masks, readonly, cgroups, sysctls, sharens, devices;
  char *upper, *work, *merged, *hostname, *cwd, *log, *exit_path;
  uid_t uid;
  gid_t gid;
  uint64_t caps;
  int netns, init;
  int rootro, has_oom_score_adj;
  long oom_score_adj;
  unsigned long long shmsize, logmax;
  unsigned logfiles;
  gid_t *groups;
  size_t ngroups;
  struct { int resource; struct rlimit limit; } *rlimits;
  size_t nrlimits;
  struct sock_filter *seccomp;
  unsigned short seccomp_len; /* instructions */
  pid_t pid;
};

/* Where die() reports: -1 before the clone (stdout, as "error MSG"); the CLOEXEC error pipe in the child. */
static int error_fd = -1;

static void die(int errnum, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void die(int errnum, const char *fmt, ...) {
  char msg[4096];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if (errnum && (size_t)n < sizeof msg) snprintf(msg + n, sizeof msg - n, ": %s", strerror(errnum));
  for (char *p = msg; *p; p++) if (*p == '\n') *p = ' ';
  if (error_fd >= 0) {
    if (write(error_fd, msg, strlen(msg)) < 0) { /* the parent is gone; nothing left to tell */ }
    _exit(1);
  }
  dprintf(STDOUT_FILENO, "error %s\n", msg);
  exit(1);
}

static void push(struct strv *l, char *s) {
  l->v = realloc(l->v, (l->n + 2) * sizeof *l->v);
  if (!l->v) die(ENOMEM, "spec");
  l->v[l->n++] = s;
  l->v[l->n] = NULL;
}

static unsigned long long parse_number(const char *v, int base, const char *path, int line) {
  char *end;
  errno = 0;
  unsigned long long x = strtoull(v, &end, base);
  if (errno || !*v || *end) die(0, "spec %s line %d: \"%s\" is not a number", path, line, v);
  return x;
}

/* Undoes HelperSpecFile.escape in place: "\\" -> backslash, "\n" -> newline. */
static void unescape(char *v, const char *path, int line) {
  char *w = v;
  for (char *r = v; *r; r++) {
    if (*r != '\\') {
      *w++ = *r;
      continue;
    }
    r++;
    if (*r == '\\') *w++ = '\\';
    else if (*r == 'n') *w++ = '\n';
    else die(0, "spec %s line %d: unknown escape \"\\%c\"", path, line, *r ? *r : '0');
  }
  *w = 0;
}

/* Decodes the hex of struct sock_filter[] (seccomp=HEX) into S; empty: no filter. */
static void parse_filter(struct spec *s, const char *hex, const char *path, int line) {
  size_t n = strlen(hex);
  if (n == 0) return;
  if (n % (2 * sizeof(struct sock_filter)) || n / 2 / sizeof(struct sock_filter) > BPF_MAXINSNS)
    die(0, "spec %s line %d: a seccomp filter is 1 to %d instructions of %zu bytes, not %zu hex digits", path, line,
        BPF_MAXINSNS, sizeof(struct sock_filter), n);
#if !defined(__x86_64__)
  die(0, "spec %s line %d: the seccomp filter is compiled for x86_64, this helper is not", path, line);
#endif
  unsigned char *bytes = malloc(n / 2);
  if (!bytes) die(ENOMEM, "spec");
  for (size_t i = 0; i < n / 2; i++) {
    unsigned int b;
    if (!isxdigit((unsigned char)hex[2 * i]) || !isxdigit((unsigned char)hex[2 * i + 1]) || sscanf(hex + 2 * i, "%2x", &b) != 1)
      die(0, "spec %s line %d: seccomp filter is not hex at offset %zu", path, line, 2 * i);
    bytes[i] = (unsigned char)b;
  }
  s->seccomp = (struct sock_filter *)bytes;
  s->seccomp_len = (unsigned short)(n / 2 / sizeof(struct sock_filter));
}

/* rlimit=R:S:H */
static void parse_rlimit(struct spec *s, char *v, const char *path, int line) {
  char *soft = strchr(v, ':'), *hard = soft ? strchr(soft + 1, ':') : NULL;
  if (!hard) die(0, "spec %s line %d: rlimit \"%s\" is not RESOURCE:SOFT:HARD", path, line, v);
  *soft++ = 0;
  *hard++ = 0;
  s->rlimits = realloc(s->rlimits, (s->nrlimits + 1) * sizeof *s->rlimits);
  if (!s->rlimits) die(ENOMEM, "spec");
  s->rlimits[s->nrlimits].resource = (int)parse_number(v, 10, path, line);
  s->rlimits[s->nrlimits].limit.rlim_cur = (rlim_t)parse_number(soft, 10, path, line);
  s->rlimits[s->nrlimits].limit.rlim_max = (rlim_t)parse_number(hard, 10, path, line);
  s->nrlimits++;
}

static void spec_load(struct spec *s, const char *path) {
  FILE *f = fopen(path, "re");
  if (!f) die(errno, "open spec %s", path);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (len > 0 && line[len - 1] == '\n') line[--len] = 0;
    if (len == 0) continue;
    if (memchr(line, 0, len)) die(0, "spec %s line %d: NUL byte", path, lineno);
    char *eq = strchr(line, '=');
    if (!eq) die(0, "spec %s line %d: expected key=value", path, lineno);
    *eq = 0;
    int k = 0;
    while (k < K_COUNT && strcmp(spec_keys[k], line)) k++;
    if (k == K_COUNT) die(0, "spec %s line %d: unknown key \"%s\"", path, lineno, line);
    char *v = strdup(eq + 1);
    if (!v) die(ENOMEM, "spec");
    unescape(v, path, lineno);
    switch ((enum spec_key)k) {
      case K_LOWER: push(&s->lower, v); break;
      case K_UPPER: s->upper = v; break;
      case K_WORK: s->work = v; break;
      case K_MERGED: s->merged = v; break;
      case K_HOSTNAME: s->hostname = v; break;
      case K_CWD: s->cwd = v; break;
      case K_UID: s->uid = (uid_t)parse_number(v, 10, path, lineno); break;
      case K_GID: s->gid = (gid_t)parse_number(v, 10, path, lineno); break;
      case K_ARG: push(&s->args, v); break;
      case K_ENV: push(&s->env, v); break;
      case K_MOUNT: push(&s->mounts, v); break;
      case K_MASK: push(&s->masks, v); break;
      case K_READONLY: push(&s->readonly, v); break;
      case K_CAPS: s->caps = parse_number(v, 16, path, lineno); break;
      case K_NETNS: s->netns = (int)parse_number(v, 10, path, lineno); break;
      case K_INIT: s->init = (int)parse_number(v, 10, path, lineno); break;
      case K_SECCOMP: parse_filter(s, v, path, lineno); break;
      case K_LOG: s->log = v; break;
      case K_EXIT: s->exit_path = v; break;
      case K_PID: s->pid = (pid_t)parse_number(v, 10, path, lineno); break;
      case K_CGROUP: push(&s->cgroups, v); break;
      case K_ROOTRO: s->rootro = (int)parse_number(v, 10, path, lineno); break;
      case K_SHMSIZE: s->shmsize = parse_number(v, 10, path, lineno); break;
      case K_SYSCTL:
        if (!strchr(v, '=')) die(0, "spec %s line %d: sysctl \"%s\" is not PATH=VALUE", path, lineno, v);
        push(&s->sysctls, v);
        break;
      case K_RLIMIT: parse_rlimit(s, v, path, lineno); break;
      case K_GROUP:
        s->groups = realloc(s->groups, (s->ngroups + 1) * sizeof *s->groups);
        if (!s->groups) die(ENOMEM, "spec");
        s->groups[s->ngroups++] = (gid_t)parse_number(v, 10, path, lineno);
        break;
      case K_OOMSCOREADJ:
        s->has_oom_score_adj = 1;
        s->oom_score_adj = *v == '-' ? -(long)parse_number(v + 1, 10, path, lineno) : (long)parse_number(v, 10, path, lineno);
        break;
      case K_SHARENS: push(&s->sharens, v); break;
      case K_DEVICE: push(&s->devices, v); break;
      case K_LOGMAX: s->logmax = parse_number(v, 10, path, lineno); break;
      case K_LOGFILES: s->logfiles = (unsigned)parse_number(v, 10, path, lineno); break;
      case K_COUNT: break;
    }
  }
  free(line);
  fclose(f);
}

/* ---- paths inside the container's root, resolved as if it were / (never escaping it) ---- */

static int open_in_root(int root, const char *path, int flags) {
  struct open_how how = { .flags = (uint64_t)(flags | O_CLOEXEC),
                          .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
  return (int)syscall(SYS_openat2, root, path, &how, sizeof how);
}

static void split_parent(const char *path, char *parent, char *base) {
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s", path);
  size_t n = strlen(tmp);
  while (n > 1 && tmp[n - 1] == '/') tmp[--n] = 0;
  char *slash = strrchr(tmp, '/');
  snprintf(base, NAME_MAX + 1, "%s", slash ? slash + 1 : tmp);
  if (slash) *(slash == tmp ? slash + 1 : slash) = 0; else snprintf(tmp, sizeof tmp, "/");
  snprintf(parent, PATH_MAX, "%s", tmp);
}

/* An O_PATH fd on directory PATH inside ROOT, creating missing directories (mode 0755). */
static int ensure_dir(int root, const char *path) {
  int fd = open_in_root(root, path, O_PATH | O_DIRECTORY);
  if (fd >= 0 || errno != ENOENT) return fd;
  char parent[PATH_MAX], base[NAME_MAX + 1];
  split_parent(path, parent, base);
  int pfd = ensure_dir(root, parent);
  if (pfd < 0) return -1;
  int rc = mkdirat(pfd, base, 0755);
  int saved = errno;
  close(pfd);
  if (rc && saved != EEXIST) { errno = saved; return -1; }
  return open_in_root(root, path, O_PATH | O_DIRECTORY);
}

/* An O_PATH fd on file PATH inside ROOT, creating it (and its directories) when missing. */
static int ensure_file(int root, const char *path) {
  int fd = open_in_root(root, path, O_PATH);
  if (fd >= 0 || errno != ENOENT) return fd;
  char parent[PATH_MAX], base[NAME_MAX + 1];
  split_parent(path, parent, base);
  int pfd = ensure_dir(root, parent);
  if (pfd < 0) return -1;
  int f = openat(pfd, base, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
  int saved = errno;
  close(pfd);
  if (f < 0 && saved != EEXIST) { errno = saved; return -1; }
  if (f >= 0) close(f);
  return open_in_root(root, path, O_PATH);
}

static const char *fd_path(int fd) {
  static char buf[2][64];
  static int which;
  which ^= 1;
  snprintf(buf[which], sizeof buf[which], "/proc/self/fd/%d", fd);
  return buf[which];
}

/* ---- mounts ---- */

static const struct { const char *name; unsigned long flag; uint64_t attr; } mount_flags[] = {
  {"ro", MS_RDONLY, MOUNT_ATTR_RDONLY},   {"rw", 0, 0},
  {"nosuid", MS_NOSUID, MOUNT_ATTR_NOSUID}, {"nodev", MS_NODEV, MOUNT_ATTR_NODEV},
  {"noexec", MS_NOEXEC, MOUNT_ATTR_NOEXEC}, {"noatime", MS_NOATIME, 0},
  {"relatime", MS_RELATIME, 0},           {"strictatime", MS_STRICTATIME, 0},
};

/* Splits comma-separated OPTS into mount flags and the filesystem's data string. */
static unsigned long parse_options(const char *opts, char *data, size_t datalen, uint64_t *attrs) {
  unsigned long flags = 0;
  char copy[4096], *save = NULL;
  snprintf(copy, sizeof copy, "%s", opts);
  data[0] = 0;
  *attrs = 0;
  for (char *o = strtok_r(copy, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
    size_t i = 0, n = sizeof mount_flags / sizeof mount_flags[0];
    while (i < n && strcmp(mount_flags[i].name, o)) i++;
    if (i < n) {
      flags |= mount_flags[i].flag;
      *attrs |= mount_flags[i].attr;
    } else {
      size_t used = strlen(data);
      snprintf(data + used, datalen - used, "%s%s", used ? "," : "", o);
    }
  }
  return flags;
}

/* Applies read-only/nosuid/nodev/noexec to the mount on container path PATH and all mounts below it. */
static void restrict_mount(int root, const char *path, uint64_t attrs) {
  int fd = open_in_root(root, path, O_PATH); /* re-opened: now the new mount, not the one below */
  if (fd < 0) die(errno, "open %s", path);
  struct mount_attr attr = { .attr_set = attrs };
  if (mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr)) {
    if (errno != ENOSYS) die(errno, "make %s read-only", path);
    unsigned long flags = MS_BIND | MS_REMOUNT;
    if (attrs & MOUNT_ATTR_RDONLY) flags |= MS_RDONLY;
    if (attrs & MOUNT_ATTR_NOSUID) flags |= MS_NOSUID;
    if (attrs & MOUNT_ATTR_NODEV) flags |= MS_NODEV;
    if (attrs & MOUNT_ATTR_NOEXEC) flags |= MS_NOEXEC;
    if (mount(NULL, fd_path(fd), NULL, flags, NULL)) die(errno, "remount %s", path);
  }
  close(fd);
}

static void mount_fs(int root, const char *type, const char *target, unsigned long flags, const char *data) {
  int fd = ensure_dir(root, target);
  if (fd < 0) die(errno, "create mount point %s", target);
  if (mount(type, fd_path(fd), type, flags, data)) die(errno, "mount %s on %s", type, target);
  close(fd);
}

static void mount_entry(int root, char *entry) {
  char *fields[4] = {entry, NULL, NULL, NULL};
  for (int i = 1; i < 4; i++) {
    fields[i] = fields[i - 1] ? strchr(fields[i - 1], '\t') : NULL;
    if (fields[i]) *fields[i]++ = 0;
  }
  if (!fields[3]) die(0, "mount entry \"%s\": expected TYPE, SOURCE, TARGET and OPTIONS separated by tabs", entry);
  const char *type = fields[0], *source = fields[1], *target = fields[2];
  char data[4096];
  uint64_t attrs;
  unsigned long flags = parse_options(fields[3], data, sizeof data, &attrs);
  if (strcmp(type, "bind")) {
    mount_fs(root, type, target, flags, data[0] ? data : NULL);
    return;
  }
  struct stat st;
  if (stat(source, &st)) die(errno, "bind mount source %s", source);
  int fd = S_ISDIR(st.st_mode) ? ensure_dir(root, target) : ensure_file(root, target);
  if (fd < 0) die(errno, "create mount point %s", target);
  if (mount(source, fd_path(fd), NULL, MS_BIND | MS_REC, NULL)) die(errno, "bind mount %s on %s", source, target);
  close(fd);
  if (attrs) restrict_mount(root, target, attrs);
}

static void mask_path(int root, const char *path) {
  int fd = open_in_root(root, path, O_PATH);
  if (fd < 0) {
    if (errno == ENOENT) return;
    die(errno, "mask %s", path);
  }
  struct stat st;
  if (fstat(fd, &st)) die(errno, "mask %s", path);
  int rc = S_ISDIR(st.st_mode) ? mount("tmpfs", fd_path(fd), "tmpfs", MS_RDONLY, NULL)
                               : mount("/dev/null", fd_path(fd), NULL, MS_BIND, NULL);
  if (rc) die(errno, "mask %s", path);
  close(fd);
}

static void readonly_path(int root, const char *path) {
  int fd = open_in_root(root, path, O_PATH);
  if (fd < 0) {
    if (errno == ENOENT) return;
    die(errno, "make %s read-only", path);
  }
  if (mount(fd_path(fd), fd_path(fd), NULL, MS_BIND | MS_REC, NULL)) die(errno, "bind %s onto itself", path);
  close(fd);
  restrict_mount(root, path, MOUNT_ATTR_RDONLY);
}

/* Appends A then B when they fit; *LEN counts on past CAP, so the caller can report the real length. */
static void append(char *buf, size_t cap, size_t *len, const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (*len + la + lb < cap) {
    memcpy(buf + *len, a, la);
    memcpy(buf + *len + la, b, lb + 1);
  }
  *len += la + lb;
}

static int mount_rootfs(const struct spec *s) {
  char opts[8192] = "";
  size_t n = 0;
  for (size_t i = 0; i < s->lower.n; i++) append(opts, sizeof opts, &n, i ? ":" : "lowerdir=", s->lower.v[i]);
  append(opts, sizeof opts, &n, ",upperdir=", s->upper);
  append(opts, sizeof opts, &n, ",workdir=", s->work);
  if (n >= (size_t)getpagesize()) die(0, "mount overlay on %s: options are %zu bytes, over the kernel's limit of %d", s->merged, n, getpagesize() - 1);
  if (mount("overlay", s->merged, "overlay", 0, opts)) die(errno, "mount overlay on %s", s->merged);
  int root = open(s->merged, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) die(errno, "open %s", s->merged);
  return root;
}

static void make_devices(int root) {
  static const struct { const char *name; unsigned major, minor; } devs[] = {
    {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
  };
  static const struct { const char *target, *name; } links[] = {
    {"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
    {"/proc/self/fd/2", "stderr"}, {"pts/ptmx", "ptmx"}, {"/proc/kcore", "core"},
  };
  int dev = open_in_root(root, "/dev", O_PATH | O_DIRECTORY);
  if (dev < 0) die(errno, "open /dev");
  for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
    if (!mknodat(dev, devs[i].name, S_IFCHR | 0666, makedev(devs[i].major, devs[i].minor))) continue;
    if (errno != EPERM) die(errno, "mknod /dev/%s", devs[i].name);
    char path[64]; /* no CAP_MKNOD: bind the host's node onto an empty file instead */
    snprintf(path, sizeof path, "/dev/%s", devs[i].name);
    int fd = ensure_file(root, path);
    if (fd < 0 || mount(path, fd_path(fd), NULL, MS_BIND, NULL)) die(errno, "bind %s", path);
    close(fd);
  }
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
    if (symlinkat(links[i].target, dev, links[i].name)) die(errno, "symlink /dev/%s", links[i].name);
  close(dev);
}

/* device=TYPE\tMAJOR\tMINOR\tMODE\tUID\tGID\tPATH: the node at PATH (inside ROOT, below /dev). */
static void make_device(int root, const char *entry) {
  char type;
  unsigned major, minor, mode, uid, gid;
  int used = 0;
  if (sscanf(entry, "%c\t%u\t%u\t%o\t%u\t%u\t%n", &type, &major, &minor, &mode, &uid, &gid, &used) != 6 || !used ||
      (type != 'c' && type != 'b'))
    die(0, "device \"%s\": expected TYPE(c|b) MAJOR MINOR MODE UID GID PATH, tab-separated", entry);
  const char *path = entry + used;
  if (strncmp(path, "/dev/", 5)) die(0, "device %s: the path must be below /dev", path);
  char parent[PATH_MAX], base[NAME_MAX + 1];
  split_parent(path, parent, base);
  int dir = ensure_dir(root, parent);
  if (dir < 0) die(errno, "create the directory %s for device %s", parent, path);
  if (unlinkat(dir, base, 0) && errno != ENOENT) die(errno, "replace %s with the device", path);
  dev_t dev = makedev(major, minor);
  if (!mknodat(dir, base, (type == 'c' ? S_IFCHR : S_IFBLK) | (mode & 07777), dev)) {
    if (fchownat(dir, base, uid, gid, AT_SYMLINK_NOFOLLOW)) die(errno, "chown device %s", path);
    if (fchmodat(dir, base, mode & 07777, 0)) die(errno, "chmod device %s", path); /* mknod obeys the umask */
    close(dir);
    return;
  }
  if (errno != EPERM) die(errno, "mknod device %s (%c %u:%u)", path, type, major, minor);
  char host[64]; /* no CAP_MKNOD: bind the host's node onto an empty file instead */
  snprintf(host, sizeof host, "/dev/%s/%u:%u", type == 'c' ? "char" : "block", major, minor);
  close(dir);
  int fd = ensure_file(root, path);
  if (fd < 0 || mount(host, fd_path(fd), NULL, MS_BIND, NULL)) die(errno, "bind the host's %s onto device %s", host, path);
  close(fd);
}

static void mount_standard(int root, const struct spec *s) {
  char shm[64];
  snprintf(shm, sizeof shm, "mode=1777,size=%llu", s->shmsize ? s->shmsize : 64ULL << 20);
  mount_fs(root, "proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
  mount_fs(root, "sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL);
  mount_fs(root, "tmpfs", "/dev", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
  make_devices(root);
  for (size_t i = 0; i < s->devices.n; i++) make_device(root, s->devices.v[i]);
  mount_fs(root, "devpts", "/dev/pts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5");
  mount_fs(root, "tmpfs", "/dev/shm", MS_NOSUID | MS_NODEV | MS_NOEXEC, shm);
  int fd = ensure_dir(root, "/dev/mqueue"); /* optional, as in Docker: ignore a kernel without it */
  if (fd >= 0) {
    if (mount("mqueue", fd_path(fd), "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) { /* optional */ }
    close(fd);
  }
}

/* ---- the rest of the child's set-up ---- */

static void loopback_up(void) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die(errno, "socket to bring up lo");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
  if (ioctl(fd, SIOCGIFFLAGS, &ifr)) die(errno, "read flags of lo");
  ifr.ifr_flags |= IFF_UP;
  if (ioctl(fd, SIOCSIFFLAGS, &ifr)) die(errno, "bring up lo");
  close(fd);
}

static void enter_root(const struct spec *s, int root) {
  if (fchdir(root)) die(errno, "chdir %s", s->merged);
  if (syscall(SYS_pivot_root, ".", ".")) die(errno, "pivot_root %s", s->merged);
  if (umount2(".", MNT_DETACH)) die(errno, "unmount the old root"); /* runc's trick: no put_old dir */
  if (chdir("/")) die(errno, "chdir /");
  close(root);
  const char *cwd = s->cwd && *s->cwd ? s->cwd : "/";
  if (!chdir(cwd)) return;
  if (errno != ENOENT) die(errno, "chdir %s", cwd);
  int newroot = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC); /* create the missing working dir, as Docker does */
  if (newroot < 0) die(errno, "open /");
  int fd = ensure_dir(newroot, cwd);
  if (fd < 0 || fchdir(fd)) die(errno, "create working directory %s", cwd);
  close(fd);
  close(newroot);
}

/* Before set_identity: see "seccomp=" at the top for why here and without no_new_privs. */
static void load_seccomp(const struct spec *s) {
  if (!s->seccomp_len) return;
  struct sock_fprog prog = { .len = s->seccomp_len, .filter = s->seccomp };
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0))
    die(errno, "load the seccomp filter (%u instructions)", (unsigned)s->seccomp_len);
}

static void set_identity(const struct spec *s, int last_cap) {
  for (int c = 0; c <= last_cap; c++)
    if (!(s->caps & (1ULL << c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0)) die(errno, "drop capability %d from the bounding set", c);
  gid_t gid = s->gid;
  if (s->ngroups ? setgroups(s->ngroups, s->groups) : setgroups(1, &gid))
    die(errno, "setgroups (%zu groups, primary %u)", s->ngroups ? s->ngroups : 1, (unsigned)gid);
  if (setresgid(gid, gid, gid)) die(errno, "setgid %u", (unsigned)gid);
  if (setresuid(s->uid, s->uid, s->uid)) die(errno, "setuid %u", (unsigned)s->uid);
  struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
  struct __user_cap_data_struct data[2];
  if (syscall(SYS_capget, &hdr, data)) die(errno, "capget");
  uint64_t keep = (((uint64_t)data[1].permitted << 32) | data[0].permitted) & s->caps;
  for (int i = 0; i < 2; i++) {
    data[i].effective = data[i].permitted = (uint32_t)(keep >> (32 * i));
    data[i].inheritable = 0;
  }
  if (syscall(SYS_capset, &hdr, data)) die(errno, "capset %016llx", (unsigned long long)keep);
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL) die(errno, "clear ambient capabilities");
}

/* sysctl=PATH=V, through the container's /proc: the values of its own net, ipc and mqueue namespaces. */
static void write_sysctls(int root, const struct spec *s) {
  for (size_t i = 0; i < s->sysctls.n; i++) {
    const char *entry = s->sysctls.v[i], *eq = strchr(entry, '=');
    char path[PATH_MAX];
    snprintf(path, sizeof path, "/proc/sys/%.*s", (int)(eq - entry), entry);
    int fd = open_in_root(root, path, O_WRONLY);
    if (fd < 0) die(errno, "set sysctl %s", path);
    size_t n = strlen(eq + 1);
    if (write(fd, eq + 1, n) != (ssize_t)n) die(errno, "set sysctl %s to \"%s\"", path, eq + 1);
    close(fd);
  }
}

/* rootro=1: only the root mount itself, as runc does; what is mounted on it keeps its own flags. */
static void remount_root_readonly(void) {
  struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY };
  if (!mount_setattr(AT_FDCWD, "/", 0, &attr, sizeof attr)) return;
  if (errno != ENOSYS) die(errno, "make / read-only");
  if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL)) die(errno, "remount / read-only");
}

/* rlimit= and oomscoreadj=, for the container's init and for exec alike; needs the container's /proc. */
static void set_limits(const struct spec *s) {
  for (size_t i = 0; i < s->nrlimits; i++)
    if (setrlimit(s->rlimits[i].resource, &s->rlimits[i].limit))
      die(errno, "setrlimit %d (soft %llu, hard %llu)", s->rlimits[i].resource,
          (unsigned long long)s->rlimits[i].limit.rlim_cur, (unsigned long long)s->rlimits[i].limit.rlim_max);
  if (!s->has_oom_score_adj) return;
  int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (fd < 0 || dprintf(fd, "%ld", s->oom_score_adj) < 0) die(errno, "set oom_score_adj to %ld", s->oom_score_adj);
  close(fd);
}

static void reset_signals(void) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL); /* SIGKILL/SIGSTOP and RT internals just fail */
}

/* ---- init=1: jc-init, a reaping PID 1 (as tini or docker-init) ---- */

static const int forwarded_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

/* The helper's argv, overwritten so that /proc/1/cmdline reads "jc-init" (not the host path of the spec). */
static char **helper_argv;
static int helper_argc;

static void rename_to_jc_init(void) {
  char *start = helper_argv[0], *end = helper_argv[helper_argc - 1] + strlen(helper_argv[helper_argc - 1]);
  memset(start, 0, (size_t)(end - start));
  memcpy(start, "jc-init", (size_t)(end - start) < 7 ? (size_t)(end - start) : 7);
  prctl(PR_SET_NAME, "jc-init", 0, 0, 0);
}

static void init_loop(pid_t command, const sigset_t *set) __attribute__((noreturn));
static void init_loop(pid_t command, const sigset_t *set) {
  for (;;) {
    siginfo_t si;
    int sig = sigwaitinfo(set, &si);
    if (sig < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "jc-init: sigwaitinfo: %s\n", strerror(errno));
      _exit(1);
    }
    if (sig != SIGCHLD) {
      if (kill(command, sig) && errno != ESRCH) fprintf(stderr, "jc-init: forward signal %d to %d: %s\n", sig, (int)command, strerror(errno));
      continue;
    }
    int status;
    for (pid_t p; (p = waitpid(-1, &status, WNOHANG)) > 0;) /* the command and any orphan */
      if (p == command) _exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
  }
}

/* Forks the command; returns in the child (which goes on to exec it). The parent, PID 1 of the
 * container, never returns: it drops its copy of the error pipe (so the helper sees EOF once
 * the command has exec'd), becomes jc-init and reaps until the command exits. */
static void init_fork(void) {
  sigset_t set, old;
  sigemptyset(&set);
  for (size_t i = 0; i < sizeof forwarded_signals / sizeof forwarded_signals[0]; i++) sigaddset(&set, forwarded_signals[i]);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, &old); /* before the fork: no signal is lost, and PID 1 ignores unhandled ones */
  pid_t command = fork();
  if (command < 0) die(errno, "fork the command under jc-init");
  if (command == 0) {
    sigprocmask(SIG_SETMASK, &old, NULL);
    return;
  }
  close_range(3, ~0U, 0); /* the error pipe among them; a failed exec reports through the child's copy */
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) fprintf(stderr, "jc-init: make non-dumpable: %s\n", strerror(errno));
  rename_to_jc_init();
  init_loop(command, &set);
}

/* Reads the child's set-up error from ERR_FD (EOF at exec means it started) and says "started" or
   "error MSG" on stdout, the handshake's last line; returns 1 after an error (the child is reaped). */
static int report_start(int err_fd, pid_t child) {
  char msg[4096];
  size_t n = 0;
  for (ssize_t r; n < sizeof msg - 1 && (r = read(err_fd, msg + n, sizeof msg - 1 - n)) != 0;)
    if (r > 0) n += (size_t)r; else if (errno != EINTR) break;
  msg[n] = 0;
  close(err_fd);
  if (n > 0) {
    waitpid(child, NULL, 0);
    dprintf(STDOUT_FILENO, "error %s\n", msg);
    return 1;
  }
  dprintf(STDOUT_FILENO, "started\n");
  return 0;
}

/* The command's stdio (stdin /dev/null, stdout and stderr the monitor's pipes), its environment and umask. */
static void set_stdio_and_env(struct spec *s, int out_fd, int err_fd) {
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) die(errno, "open /dev/null");
  if (dup2(devnull, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) die(errno, "set up stdio");
  clearenv();
  for (size_t i = 0; i < s->env.n; i++)
    if (putenv(s->env.v[i])) die(errno, "setenv %s", s->env.v[i]);
  umask(022);
}

static void child_main(struct spec *s, int sync_fd, int out_fd, int err_fd, int last_cap) {
  char go;
  ssize_t r;
  do r = read(sync_fd, &go, 1); while (r < 0 && errno == EINTR);
  if (r != 1) _exit(1); /* aborted: the helper killed us or went away */
  close(sync_fd);
  /* Its own session and process group, as runc gives it: a signal the container sends to its
     group (apache2 does on stop) must never reach the monitor outside the pid namespace. */
  if (setsid() < 0) die(errno, "setsid");
  reset_signals();
  umask(0);
  if (unshare(CLONE_NEWCGROUP)) die(errno, "unshare the cgroup namespace");
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) die(errno, "make / rprivate");
  if (s->netns) loopback_up();
  int root = mount_rootfs(s);
  mount_standard(root, s);
  for (size_t i = 0; i < s->mounts.n; i++) mount_entry(root, s->mounts.v[i]);
  write_sysctls(root, s); /* before /proc/sys becomes read-only */
  for (size_t i = 0; i < s->masks.n; i++) mask_path(root, s->masks.v[i]);
  for (size_t i = 0; i < s->readonly.n; i++) readonly_path(root, s->readonly.v[i]);
  if (s->hostname && *s->hostname && sethostname(s->hostname, strlen(s->hostname))) die(errno, "sethostname %s", s->hostname);
  enter_root(s, root);
  if (s->rootro) remount_root_readonly(); /* after the working dir was created, as Docker creates it first */
  set_limits(s);
  load_seccomp(s);
  set_identity(s, last_cap);
  set_stdio_and_env(s, out_fd, err_fd);
  if (s->init) init_fork();
  if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)) die(errno, "close_range");
  execvp(s->args.v[0], s->args.v);
  die(errno, "exec \"%s\"", s->args.v[0]);
}

/* ---- the parent: handshake, then monitor ---- */

static int read_last_cap(void) {
  int last = CAP_LAST_CAP;
  FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
  if (f) {
    if (fscanf(f, "%d", &last) != 1) last = CAP_LAST_CAP;
    fclose(f);
  }
  return last < 63 ? last : 63;
}

static void read_command(char *buf, size_t len) {
  size_t n = 0;
  while (n + 1 < len) {
    ssize_t r = read(STDIN_FILENO, buf + n, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0 || buf[n] == '\n') break;
    n++;
  }
  buf[n] = 0;
}

static void rfc3339_now(char *out, size_t len) {
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  size_t n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, len - n, ".%09ldZ", ts.tv_nsec);
}

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) { fprintf(stderr, "jc-helper: write log: %s\n", strerror(errno)); return; }
    p += w;
    n -= (size_t)w;
  }
}

/* Length of the valid UTF-8 sequence at P (at most N bytes), or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0 || len > n) return 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; else if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F;
  for (size_t i = 1; i < len; i++, lo = 0x80, hi = 0xBF)
    if (p[i] < lo || p[i] > hi) return 0;
  return len;
}

/* Appends TEXT as a JSON string body; invalid UTF-8 becomes U+FFFD, as Go's encoder does. */
static size_t json_escape(char *out, const unsigned char *text, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = text[i];
    size_t len = utf8_len(text + i, n - i);
    if (len == 0) { memcpy(out + o, "\xEF\xBF\xBD", 3); o += 3; i++; continue; }
    if (len > 1) { memcpy(out + o, text + i, len); o += len; i += len; continue; }
    i++;
    if (c == '"' || c == '\\') { out[o++] = '\\'; out[o++] = (char)c; }
    else if (c == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
    else if (c == '\r') { out[o++] = '\\'; out[o++] = 'r'; }
    else if (c == '\t') { out[o++] = '\\'; out[o++] = 't'; }
    else if (c < 0x20) o += (size_t)sprintf(out + o, "\\u%04x", c);
    else out[o++] = (char)c;
  }
  return o;
}

struct stream {
  const char *name;
  int fd;
  size_t len;
  char buf[LOG_LINE_MAX];
};

/* The json-file log and its rotation (logmax=, logfiles=); only the monitor writes it. */
struct log_file {
  int fd;
  const char *path;
  unsigned long long size, max;
  unsigned files;
};

/* Renames LOG.N-2 -> LOG.N-1 .. LOG -> LOG.1 and opens a new LOG, as Docker's json-file driver does
   (readers follow the renamed file to its end, then the new one); with files=1 empties LOG instead.
   Failing, it says why once on stderr (helper.log), stops rotating and keeps writing the file it has:
   no line is lost. */
static void log_rotate(struct log_file *log) {
  char from[PATH_MAX], to[PATH_MAX];
  const char *step = "rename", *path = log->path;
  if (log->files < 2) {
    if (!ftruncate(log->fd, 0)) { log->size = 0; return; }
    step = "truncate";
    goto failed;
  }
  for (unsigned i = log->files - 1; i > 1; i--) {
    snprintf(from, sizeof from, "%s.%u", log->path, i - 1);
    snprintf(to, sizeof to, "%s.%u", log->path, i);
    if (rename(from, to) && errno != ENOENT) { path = from; goto failed; }
  }
  snprintf(to, sizeof to, "%s.1", log->path);
  if (rename(log->path, to)) goto failed;
  int fd = open(log->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) { step = "open"; goto failed; }
  close(log->fd);
  log->fd = fd;
  log->size = 0;
  return;
failed: /* said once: the log grows from here on rather than losing lines */
  fprintf(stderr, "jc-helper: rotating the log failed (%s %s: %s); it is no longer rotated\n", step, path, strerror(errno));
  log->max = 0;
}

static void log_entry(struct log_file *log, const char *stream, const char *text, size_t n) {
  static char out[LOG_LINE_MAX * 6 + 256];
  char now[64];
  rfc3339_now(now, sizeof now);
  size_t o = (size_t)sprintf(out, "{\"log\":\"");
  o += json_escape(out + o, (const unsigned char *)text, n);
  o += (size_t)sprintf(out + o, "\",\"stream\":\"%s\",\"time\":\"%s\"}\n", stream, now);
  if (log->max && log->size > 0 && log->size + o > log->max) log_rotate(log);
  write_all(log->fd, out, o);
  log->size += o;
}

/* Logs every complete line in S's buffer; at 16 KiB (or FINAL) also the partial rest. */
static void stream_flush(struct stream *s, struct log_file *log, int final) {
  size_t start = 0;
  for (char *nl; (nl = memchr(s->buf + start, '\n', s->len - start)); start = (size_t)(nl - s->buf) + 1)
    log_entry(log, s->name, s->buf + start, (size_t)(nl - s->buf) + 1 - start);
  size_t rest = s->len - start;
  if (rest > 0 && (final || rest == sizeof s->buf)) {
    size_t cut = rest;
    if (!final) { /* do not split a UTF-8 sequence at the 16 KiB boundary */
      size_t i = rest - 1;
      const unsigned char *b = (const unsigned char *)s->buf + start;
      while (i > 0 && rest - i < 4 && (b[i] & 0xC0) == 0x80) i--;
      size_t want = b[i] >= 0xF0 ? 4 : b[i] >= 0xE0 ? 3 : b[i] >= 0xC0 ? 2 : 1;
      if (i > 0 && want > rest - i) cut = i;
    }
    log_entry(log, s->name, s->buf + start, cut);
    start += cut;
  }
  memmove(s->buf, s->buf + start, s->len - start);
  s->len -= start;
}

/* Reads what the pipe holds; returns 0 at EOF (or when it would block, once the container is gone). */
static int stream_read(struct stream *s, struct log_file *log) {
  ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - s->len);
  if (n < 0 && errno == EINTR) return 1;
  if (n <= 0) {
    stream_flush(s, log, 1);
    close(s->fd);
    s->fd = -1;
    return 0;
  }
  s->len += (size_t)n;
  stream_flush(s, log, 0);
  return 1;
}

static void write_exit_file(const char *path, int status) {
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  int code = sig ? 128 + sig : WEXITSTATUS(status);
  char now[64], tmp[PATH_MAX], dir[PATH_MAX];
  rfc3339_now(now, sizeof now);
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || dprintf(fd, "{\"exitCode\":%d,\"signal\":%d,\"finishedAt\":\"%s\"}\n", code, sig, now) < 0 ||
      fsync(fd) || close(fd) || rename(tmp, path)) {
    fprintf(stderr, "jc-helper: write exit status %s: %s\n", path, strerror(errno));
    exit(1);
  }
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash) *(slash == dir ? slash + 1 : slash) = 0;
  int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) { fsync(dfd); close(dfd); }
}

static void monitor(pid_t child, int sigfd, int out_fd, int err_fd, struct log_file *log, const char *exit_path) {
  static struct stream streams[2];
  streams[0].name = "stdout"; streams[0].fd = out_fd;
  streams[1].name = "stderr"; streams[1].fd = err_fd;
  int status = 0;
  for (;;) {
    struct pollfd p[3] = {{streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(p, 3, -1) < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "jc-helper: poll: %s\n", strerror(errno));
      break;
    }
    for (int i = 0; i < 2; i++)
      if (p[i].revents) stream_read(&streams[i], log);
    if (p[2].revents) {
      struct signalfd_siginfo si;
      if (read(sigfd, &si, sizeof si) < 0 && errno != EAGAIN) fprintf(stderr, "jc-helper: signalfd: %s\n", strerror(errno));
      if (waitpid(child, &status, WNOHANG) == child) break;
    }
  }
  /* The init is gone, and with it every process of its PID namespace: drain what they wrote. */
  for (int i = 0; i < 2; i++) {
    if (streams[i].fd < 0) continue;
    fcntl(streams[i].fd, F_SETFL, O_NONBLOCK);
    while (stream_read(&streams[i], log)) {}
  }
  write_exit_file(exit_path, status);
}

static void reopen_devnull(int fd, int flags) {
  int n = open("/dev/null", flags);
  if (n >= 0 && n != fd) { dup2(n, fd); close(n); }
}

/* ---- sharens=: namespaces joined instead of created (network_mode/ipc/pid container:X or host) ---- */

static const struct { const char *name; int type; } shareable_namespaces[] = {
  {"net", CLONE_NEWNET}, {"ipc", CLONE_NEWIPC}, {"pid", CLONE_NEWPID},
};
#define SHAREABLE_COUNT (sizeof shareable_namespaces / sizeof shareable_namespaces[0])

/* The helper's own namespaces it left for the clone, to go back to right after it. */
struct own_namespaces { int fd[SHAREABLE_COUNT]; int type[SHAREABLE_COUNT]; size_t n; };

/* Takes each sharens= TYPE's flag off the clone flags; for those with a PATH, setns(2)s there first
   (the helper is single-threaded, as setns into a pid namespace requires) and keeps an fd of its own. */
static unsigned long join_shared_namespaces(const struct spec *s, unsigned long flags, struct own_namespaces *own) {
  for (size_t i = 0; i < s->sharens.n; i++) {
    const char *entry = s->sharens.v[i];
    const char *tab = strchr(entry, '\t');
    size_t len = tab ? (size_t)(tab - entry) : strlen(entry);
    size_t k = 0;
    while (k < SHAREABLE_COUNT && !(strlen(shareable_namespaces[k].name) == len && !strncmp(shareable_namespaces[k].name, entry, len))) k++;
    if (k == SHAREABLE_COUNT) die(0, "sharens \"%s\": the namespace type must be net, ipc or pid", entry);
    flags &= ~(unsigned long)shareable_namespaces[k].type;
    if (!tab) continue;
    char self[64];
    snprintf(self, sizeof self, "/proc/self/ns/%s", shareable_namespaces[k].name);
    int mine = open(self, O_RDONLY | O_CLOEXEC);
    if (mine < 0) die(errno, "open %s", self);
    int fd = open(tab + 1, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die(errno, "open the %s namespace %s (has its container stopped?)", shareable_namespaces[k].name, tab + 1);
    if (setns(fd, shareable_namespaces[k].type)) die(errno, "join the %s namespace %s", shareable_namespaces[k].name, tab + 1);
    close(fd);
    if (own->n < SHAREABLE_COUNT) {
      own->fd[own->n] = mine;
      own->type[own->n++] = shareable_namespaces[k].type;
    }
  }
  return flags;
}

/* Back in the helper's own namespaces, so the monitor does not keep the joined ones alive. */
static void leave_shared_namespaces(struct own_namespaces *own) {
  for (size_t i = 0; i < own->n; i++) {
    if (setns(own->fd[i], own->type[i])) { /* best effort: the monitor only holds a reference then */ }
    close(own->fd[i]);
  }
  own->n = 0;
}

static int run_main(const char *spec_path) {
  setsid(); /* fails only when already a group leader; either way the engine's signals stay away */
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  struct spec s;
  memset(&s, 0, sizeof s);
  spec_load(&s, spec_path);
  if (!s.lower.n || !s.upper || !s.work || !s.merged || !s.args.n || !s.log || !s.exit_path)
    die(0, "spec %s: lower, upper, work, merged, arg, log and exit are required", spec_path);
  int log_fd = open(s.log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (log_fd < 0) die(errno, "open log %s", s.log);
  struct stat log_st;
  if (fstat(log_fd, &log_st)) die(errno, "stat log %s", s.log);
  struct log_file log = { .fd = log_fd, .path = s.log, .size = (unsigned long long)log_st.st_size, .max = s.logmax,
                          .files = s.logfiles ? s.logfiles : 1 };
  int last_cap = read_last_cap();
  int sync_p[2], err_p[2], out_p[2], errout_p[2];
  if (pipe2(sync_p, O_CLOEXEC) || pipe2(err_p, O_CLOEXEC) || pipe2(out_p, O_CLOEXEC) || pipe2(errout_p, O_CLOEXEC))
    die(errno, "pipe");
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL); /* before the clone, so no exit goes unseen */
  int sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sigfd < 0) die(errno, "signalfd");

  unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
  if (s.netns) flags |= CLONE_NEWNET;
  struct own_namespaces own = { .n = 0 };
  flags = join_shared_namespaces(&s, flags, &own);
  pid_t child = (pid_t)syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
  if (child != 0) leave_shared_namespaces(&own);
  if (child < 0) die(errno, "clone");
  if (child == 0) {
    close(sync_p[1]); close(err_p[0]); close(out_p[0]); close(errout_p[0]); close(sigfd); close(log_fd);
    error_fd = err_p[1];
    child_main(&s, sync_p[0], out_p[1], errout_p[1], last_cap);
  }
  close(sync_p[0]); close(err_p[1]); close(out_p[1]); close(errout_p[1]);
  dprintf(STDOUT_FILENO, "pid %d\n", (int)child);

  char cmd[64];
  read_command(cmd, sizeof cmd);
  if (strcmp(cmd, "go")) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 1;
  }
  if (write(sync_p[1], "g", 1) != 1) die(errno, "release the container");
  close(sync_p[1]);

  if (report_start(err_p[0], child)) return 1;
  reopen_devnull(STDIN_FILENO, O_RDONLY);
  reopen_devnull(STDOUT_FILENO, O_WRONLY);
  monitor(child, sigfd, out_p[0], errout_p[0], &log, s.exit_path);
  return 0;
}

/* ---- exec: one more process in a running container ---- */

static const struct { const char *name; int type; } exec_namespaces[] = {
  {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP},
  {"pid", CLONE_NEWPID}, {"mnt", CLONE_NEWNS},
};
#define EXEC_NS_COUNT (sizeof exec_namespaces / sizeof exec_namespaces[0])

/* Set when the reader of our stdout went away: the command keeps running, its output is dropped. */
static int frames_closed;

static void write_frame(int stream, const char *data, size_t n) {
  unsigned char header[8] = {(unsigned char)stream, 0, 0, 0, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                             (unsigned char)(n >> 8), (unsigned char)n};
  struct { const char *p; size_t n; } parts[2] = {{(const char *)header, sizeof header}, {data, n}};
  for (int i = 0; i < 2 && !frames_closed; i++) {
    const char *p = parts[i].p;
    size_t left = parts[i].n;
    while (left > 0) {
      ssize_t w = write(STDOUT_FILENO, p, left);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) { frames_closed = 1; break; }
      p += w;
      left -= (size_t)w;
    }
  }
}

/* Sends what FD holds as frames of STREAM; returns 0 at EOF (or when it would block, once the command is gone). */
static int relay(int *fd, int stream) {
  char buf[32768];
  ssize_t n = read(*fd, buf, sizeof buf);
  if (n < 0 && errno == EINTR) return 1;
  if (n <= 0) {
    close(*fd);
    *fd = -1;
    return 0;
  }
  write_frame(stream, buf, (size_t)n);
  return 1;
}

static void exec_child(struct spec *s, int ns_fds[], int out_fd, int err_fd, int last_cap) {
  for (size_t i = 0; i < s->cgroups.n; i++) { /* "0" is the writer itself, in v1 and v2 alike */
    int fd = open(s->cgroups.v[i], O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, "0", 1) != 1) die(errno, "join the container's cgroup (%s)", s->cgroups.v[i]);
    close(fd);
  }
  for (size_t i = 0; i < EXEC_NS_COUNT; i++) {
    if (exec_namespaces[i].type == CLONE_NEWPID) continue; /* joined by the parent: it applies to children */
    if (setns(ns_fds[i], exec_namespaces[i].type)) die(errno, "join the container's %s namespace", exec_namespaces[i].name);
    close(ns_fds[i]);
  }
  if (setsid() < 0) die(errno, "setsid"); /* as for the container: its group signals stay inside */
  reset_signals();
  const char *cwd = s->cwd && *s->cwd ? s->cwd : "/";
  if (chdir(cwd)) die(errno, "chdir to %s in the container", cwd);
  set_limits(s);
  load_seccomp(s);
  set_identity(s, last_cap);
  set_stdio_and_env(s, out_fd, err_fd);
  if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)) die(errno, "close_range");
  execvp(s->args.v[0], s->args.v);
  die(errno, "exec \"%s\"", s->args.v[0]);
}

static int exec_main(const char *spec_path) {
  signal(SIGPIPE, SIG_IGN);
  struct spec s;
  memset(&s, 0, sizeof s);
  spec_load(&s, spec_path);
  if (s.pid <= 0 || !s.args.n) die(0, "spec %s: pid and arg are required for exec", spec_path);
  int ns_fds[EXEC_NS_COUNT];
  for (size_t i = 0; i < EXEC_NS_COUNT; i++) { /* all opened first: /proc is the host's only until mnt is joined */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)s.pid, exec_namespaces[i].name);
    ns_fds[i] = open(path, O_RDONLY | O_CLOEXEC);
    if (ns_fds[i] < 0) die(errno, "open %s (has the container stopped?)", path);
  }
  int last_cap = read_last_cap();
  int err_p[2], out_p[2], errout_p[2];
  if (pipe2(err_p, O_CLOEXEC) || pipe2(out_p, O_CLOEXEC) || pipe2(errout_p, O_CLOEXEC)) die(errno, "pipe");
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  int sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sigfd < 0) die(errno, "signalfd");
  for (size_t i = 0; i < EXEC_NS_COUNT; i++)
    if (exec_namespaces[i].type == CLONE_NEWPID && setns(ns_fds[i], CLONE_NEWPID))
      die(errno, "join the container's pid namespace");
  pid_t child = fork();
  if (child < 0) die(errno, "fork");
  if (child == 0) {
    close(err_p[0]); close(out_p[0]); close(errout_p[0]); close(sigfd);
    error_fd = err_p[1];
    exec_child(&s, ns_fds, out_p[1], errout_p[1], last_cap);
  }
  close(err_p[1]); close(out_p[1]); close(errout_p[1]);
  for (size_t i = 0; i < EXEC_NS_COUNT; i++) close(ns_fds[i]);
  dprintf(STDOUT_FILENO, "pid %d\n", (int)child);

  if (report_start(err_p[0], child)) return 1;

  int fds[2] = {out_p[0], errout_p[0]}, status = 0;
  for (;;) {
    struct pollfd p[3] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(p, 3, -1) < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "jc-helper exec: poll: %s\n", strerror(errno));
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      break;
    }
    for (int i = 0; i < 2; i++)
      if (p[i].revents) relay(&fds[i], i + 1);
    if (p[2].revents) {
      struct signalfd_siginfo si;
      if (read(sigfd, &si, sizeof si) < 0 && errno != EAGAIN) fprintf(stderr, "jc-helper exec: signalfd: %s\n", strerror(errno));
      if (waitpid(child, &status, WNOHANG) == child) break;
    }
  }
  for (int i = 0; i < 2; i++) { /* what the command wrote before it exited; not what its leftovers write later */
    if (fds[i] < 0) continue;
    fcntl(fds[i], F_SETFL, O_NONBLOCK);
    while (relay(&fds[i], i + 1)) {}
  }
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* ---- the sealed copy (see SEALED COPY above) ---- */

#define HELPER_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

/* Returns when running from a sealed memfd already; otherwise fexecve()s one and does not return. */
static void run_from_sealed_copy(char **argv) {
  int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (self < 0) die(errno, "open /proc/self/exe to make a sealed copy of the helper");
  int seals = fcntl(self, F_GET_SEALS);
  if (seals >= 0 && (seals & HELPER_SEALS) == HELPER_SEALS) { close(self); return; }
  struct stat st;
  if (fstat(self, &st)) die(errno, "stat /proc/self/exe");
  int copy = memfd_create("jc-helper", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (copy < 0) die(errno, "memfd_create for a sealed copy of the helper (needs Linux 3.17; without it a container could reach the host's binary)");
  for (off_t done = 0; done < st.st_size;) {
    ssize_t n = sendfile(copy, self, NULL, (size_t)(st.st_size - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die(n < 0 ? errno : EIO, "copy the helper into its sealed memfd");
    done += n;
  }
  if (fcntl(copy, F_ADD_SEALS, HELPER_SEALS)) die(errno, "seal the helper's memfd copy");
  close(self);
  extern char **environ;
  fexecve(copy, argv, environ);
  die(errno, "fexecve the sealed copy of the helper");
}

int main(int argc, char **argv) {
  if (argc == 3 && (!strcmp(argv[1], "run") || !strcmp(argv[1], "exec"))) run_from_sealed_copy(argv);
  helper_argv = argv;
  helper_argc = argc;
  if (argc == 3 && !strcmp(argv[1], "run")) return run_main(argv[2]);
  if (argc == 3 && !strcmp(argv[1], "exec")) return exec_main(argv[2]);
  fprintf(stderr, "usage: jc-helper run SPECFILE\n       jc-helper exec SPECFILE\n");
  return 2;
}
