/**
 * The sandbox's two POSIX shell scripts. Both run as root of the namespaces they are in (real root, or
 * root of an unprivileged user namespace) and take their values from a spec (sandbox-spec.ts) that
 * TestMaster writes, every value single-quoted.
 *
 * TEMPLATE (once per run, the "holder"): in new mount, network and IPC namespaces, builds the sandbox's
 * root on a tmpfs from read-only binds of the host's system directories and of what the run needs, a
 * private /tmp and /dev, brings up the loopback interface, pivots into the new root and detaches the
 * host's, prints `testmaster-sandbox-ready <pid>`, and waits on its stdin (TestMaster's lifeline): at
 * EOF it exits and the template is gone. Building the root once keeps each process's start cheap.
 *
 * PROCESS (once per sandboxed process, after nsenter into the template and unshare of a new PID and
 * mount namespace): mounts the new PID namespace's /proc, makes the process's own directories writable
 * (and gives them to the sandbox user), then runs the command as the sandbox user with every capability
 * dropped and no_new_privs. Its stdin is the lifeline too: at EOF (TestMaster closed it on a timeout or
 * a cancel, or died) every process of the namespace is SIGKILLed; when the command ends, whatever it
 * left behind is. The kernel kills every process of a PID namespace when its init exits, so nothing the
 * command started outlives it, whatever it did to its session, process group or environment.
 *
 * Exit status of PROCESS: the command's (128 + signal when a signal ended it); 125 with a line starting
 * `testmaster-sandbox:` on stderr when the sandbox could not be set up.
 */
export const SANDBOX_SETUP_FAILED_EXIT = 125;
export const SANDBOX_MESSAGE_PREFIX = 'testmaster-sandbox:';
export const SANDBOX_READY = 'testmaster-sandbox-ready';

const FAIL = `fail() { printf '${SANDBOX_MESSAGE_PREFIX} %s\\n' "$*" >&2; exit ${SANDBOX_SETUP_FAILED_EXIT}; }`;

export const TEMPLATE_SCRIPT = `# TestMaster sandbox template (see src/sandbox/isolation/init-script.ts). $1: the spec.
set -u
${FAIL}
# root DIR: the new root, a tmpfs on an empty directory of TestMaster's.
root() { R=$1; mount -t tmpfs -o mode=0755,nosuid,nodev,size=16m tm-root "$R" || fail "cannot mount a tmpfs on $R"; }
# dirs PATH...: mount points (and parents) in the new root, in one process.
dirs() { for p in "$@"; do set -- "$@" "$R$p"; shift; done; mkdir -p -- "$@" || fail "cannot create mount points in the sandbox root"; }
# links TARGET...: symlinks of the host's root named as their targets' last part (bin -> usr/bin).
links() { cd "$R" && ln -s -- "$@" . || fail "cannot create the root's symlinks"; cd /; }
link() { ln -s -- "$2" "$R$1" || fail "cannot create the symlink $1"; }
tmpfs() { mount -t tmpfs -o "$2" tm-tmpfs "$R$1" || fail "cannot mount a tmpfs on $1"; }
# bind SOURCE PATH OPTIONS: the host's SOURCE at PATH in the new root (ro or rw in OPTIONS).
bind() { mount --bind -o "$3" -- "$1" "$R$2" || fail "cannot bind-mount $1 ($3)"; }
# devices copy|bind: the minimal /dev, by copying the device nodes (real root) or binding them.
devices() {
  if [ "$1" = copy ]; then cp -a /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty "$R/dev/" || fail "cannot create /dev nodes"
  else for d in null zero full random urandom tty; do : > "$R/dev/$d"; mount --bind "/dev/$d" "$R/dev/$d" || fail "cannot bind /dev/$d"; done; fi
  cd "$R/dev" && ln -s /proc/self/fd fd && ln -s fd/0 stdin && ln -s fd/1 stdout && ln -s fd/2 stderr || fail "cannot create /dev links"; cd /
}
# proc: the template's /proc. It lets umount work after the pivot (util-linux reads the mount table)
# and, in a user namespace, lets each process mount its own (the kernel mounts a new /proc there only
# where one is fully visible already); as real root it is unmounted once the host's root is detached.
proc() { mount -t proc -o nosuid,nodev,noexec tm-proc "$R/proc" || fail "cannot mount /proc"; }
loopback() { ip link set lo up || fail "cannot bring up the loopback interface of the network namespace"; }
own() { o=$1; shift; chown -- "$o" "$@" || fail "cannot give the writable paths to the sandbox user"; }
# enter keep|drop: pivot into the new root, detach the host's, keep or drop the template's /proc.
enter() {
  cd "$R" && pivot_root . .host || fail "cannot pivot into the sandbox root"
  cd / && umount -l /.host || fail "cannot detach the host's root"
  if [ "$1" = drop ]; then umount /proc || fail "cannot unmount the template's /proc"; fi
}
ready() { echo "${SANDBOX_READY} $$"; read -r _; exit 0; }
. "$1" || fail "cannot read the sandbox spec $1"
`;

export const PROCESS_SCRIPT = `set -u
${FAIL}
proc() { mount -t proc -o nosuid,nodev,noexec tm-proc /proc || fail "cannot mount /proc for the new PID namespace"; }
# writable PATH OPTIONS: the process's own directory, read-write (the template shows it read-only).
writable() { mount --bind -o "$2" -- "$1" "$1" || fail "cannot make $1 writable"; }
own() { o=$1; shift; chown -- "$o" "$@" || fail "cannot give the writable paths to the sandbox user"; }
# run CWD RETURN_OWNER PATHS COMMAND...: run it; afterwards no process of it is left, and the writable
# paths (newline-separated) go back to TestMaster's user (RETURN_OWNER '' when nothing changes hands).
run() {
  cd -- "$1" || fail "the working directory $1 is not in the sandbox"
  tm_owner=$2; tm_paths=$3; shift 3
  trap 'kill -KILL -1 2>/dev/null; finish 137' TERM
  exec 3<&0
  { read -r _; kill -TERM 1; } <&3 >/dev/null 2>&1 &
  # The sandbox's processes are the ones the kernel ends first when memory runs out.
  ( echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec "$@" ) </dev/null 3<&- &
  wait $!; tm_status=$?
  kill -KILL -1 2>/dev/null
  finish "$tm_status"
}
finish() {
  trap '' TERM
  if [ -n "$tm_owner" ]; then
    old_ifs=$IFS; IFS='
'; set -f
    for p in $tm_paths; do chown -R -h -- "$tm_owner" "$p" 2>/dev/null; done
    IFS=$old_ifs; set +f
  fi
  exit "$1"
}
`;
