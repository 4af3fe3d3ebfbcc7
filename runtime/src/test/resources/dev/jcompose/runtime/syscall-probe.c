/* SeccompRootTest's probe: makes each named system call and prints NAME=OK or NAME=ERRNO_NAME. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs CALL in a child (namespaces and keyrings stay out of the probe); the child reports errno as its exit code. */
static long in_child(long (*call)(void)) {
  pid_t p = fork();
  if (p < 0) return -1;
  if (p == 0) _exit(call() < 0 ? errno : 0);
  int status;
  if (waitpid(p, &status, 0) < 0) return -1;
  errno = WEXITSTATUS(status);
  return errno ? -1 : 0;
}

static long do_keyctl(void) { return syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 1); }
static long do_add_key(void) { return syscall(SYS_add_key, "user", "probe", "x", 1, -2 /* process keyring */); }
static long do_unshare_user(void) { return unshare(CLONE_NEWUSER); }
static long do_unshare_mount(void) { return unshare(CLONE_NEWNS); }
static long do_clone_newuser(void) {
  long p = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (p == 0) _exit(0);
  if (p > 0) waitpid((pid_t)p, NULL, 0);
  return p < 0 ? -1 : 0;
}
static long do_clone3(void) { return syscall(SYS_clone3, NULL, 0); }
static long do_x32_getpid(void) { return syscall(0x40000000 | SYS_getpid); }
static long do_fork(void) {
  pid_t p = fork();
  if (p == 0) _exit(0);
  if (p > 0) waitpid(p, NULL, 0);
  return p < 0 ? -1 : 0;
}
static long do_mount(void) { return mount("x", "/mnt", "tmpfs", 0, NULL); }
static long do_userfaultfd(void) { return syscall(SYS_userfaultfd, O_CLOEXEC); }

static const struct { const char *name; long (*call)(void); } probes[] = {
  {"keyctl", do_keyctl}, {"add_key", do_add_key}, {"unshare-user", do_unshare_user},
  {"unshare-mount", do_unshare_mount}, {"clone-newuser", do_clone_newuser}, {"clone3", do_clone3},
  {"x32", do_x32_getpid}, {"fork", do_fork}, {"mount", do_mount}, {"userfaultfd", do_userfaultfd},
};

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    size_t k = 0;
    while (k < sizeof probes / sizeof probes[0] && strcmp(probes[k].name, argv[i])) k++;
    if (k == sizeof probes / sizeof probes[0]) { fprintf(stderr, "unknown probe %s\n", argv[i]); return 2; }
    long r = in_child(probes[k].call);
    printf("%s=%s\n", argv[i], r < 0 ? strerrorname_np(errno) : "OK");
  }
  return 0;
}
