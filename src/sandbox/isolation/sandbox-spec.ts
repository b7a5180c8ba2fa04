/**
 * Pure: the specs of the sandbox's shell scripts (init-script.ts), as shell text. Every value is
 * single-quoted, so no path, argument or variable can be read as shell code.
 *
 * The template's root is a tmpfs holding only: the host's system directories and the run's paths,
 * bound read-only; the runners' cache, read-write; a private /tmp, /dev/shm, a minimal /dev. Binds
 * are made parents first; a path inside an already bound path needs no mount point of its own (it is
 * visible through its parent) and is bound again only when its access differs or it shows another
 * source (a file masked by a sanitised copy). Each process then adds its own /proc and read-write
 * directories.
 */
import path from 'node:path';
import { shellQuote, shellWords } from './shell-quote.js';

export interface SandboxBind {
  /** Absolute path in the sandbox (a real path: no symlink on the way). */
  readonly path: string;
  /** Absolute host path bound there; default: the same path. */
  readonly source?: string;
  readonly writable: boolean;
  /** Mount flags the host mount holds and a user namespace may not drop (nosuid, nodev, noexec, atime). */
  readonly lockedFlags: readonly string[];
  /** A file shown in place of one the sandbox shows through an enclosing bind (dropped when none encloses it). */
  readonly mask?: boolean;
}

export interface TemplateSpec {
  /** Empty host directory the new root's tmpfs is mounted on. */
  readonly rootDir: string;
  readonly binds: readonly SandboxBind[];
  /** Top-level symlinks of the host's root to recreate (bin -> usr/bin). */
  readonly rootLinks: readonly { readonly name: string; readonly target: string }[];
  /** 'copy': make device nodes (real root); 'bind': bind the host's (user namespace). */
  readonly devices: 'copy' | 'bind';
  /** Keep the template's /proc once the host's root is detached (in a user namespace, see init-script.ts). */
  readonly keepProc: boolean;
  readonly tmpSizeMiB: number;
  /** Bring up the loopback interface of the network namespace. */
  readonly loopback: boolean;
  /** 'uid:gid' of the sandbox user, owner of the writable binds; null: no change of owner. */
  readonly sandboxOwner: string | null;
}

export interface ProcessSpec {
  /** The process's own directories: read-write, handed to the sandbox user and back. */
  readonly writable: readonly SandboxBind[];
  /** 'uid:gid' of the sandbox user and of TestMaster's own; null: no change of owner. */
  readonly owners: { readonly sandbox: string; readonly caller: string } | null;
  readonly maxProcesses: number;
  readonly cwd: string;
  /** setpriv and its arguments, ending with '--'. */
  readonly privileges: readonly string[];
  /** The environment the command gets, and nothing else (env -i). */
  readonly envCommand: string;
  readonly env: Readonly<Record<string, string>>;
  readonly command: string;
  readonly args: readonly string[];
}

/** Directories that get a tmpfs of their own, with their mount options. */
function tmpfsMounts(tmpSizeMiB: number): readonly { readonly path: string; readonly options: string }[] {
  return [
    { path: '/tmp', options: `mode=1777,nosuid,nodev,size=${tmpSizeMiB}m` },
    { path: '/dev', options: 'mode=0755,nosuid,noexec,size=1m' },
  ];
}

const RESERVED = new Set(['/', '/proc', '/dev', '/tmp', '/dev/shm', '/.host']);

export function renderTemplateSpec(spec: TemplateSpec): string {
  for (const value of [spec.rootDir, ...spec.binds.flatMap((bind) => [bind.path, bind.source ?? bind.path])]) assertPlainAbsolute(value);
  const reserved = spec.binds.find((bind) => RESERVED.has(path.posix.normalize(bind.path).replace(/(.)\/$/, '$1')));
  if (reserved !== undefined) throw new Error(`the sandbox cannot bind ${reserved.path}: it is part of the sandbox's own root`);
  const binds = orderedBinds(spec.binds);
  const underTmpfs = (target: string): boolean => tmpfsMounts(0).some((mount) => isInside(target, mount.path));
  const mountPoints = binds.filter((bind) => bind.mountPoint).map((bind) => bind.path);
  const sameName = spec.rootLinks.filter((link) => path.posix.basename(link.target) === link.name);
  const otherName = spec.rootLinks.filter((link) => path.posix.basename(link.target) !== link.name);
  const lines = [
    `root ${shellQuote(spec.rootDir)}`,
    `dirs ${shellWords(['/.host', '/proc', ...tmpfsMounts(0).map((mount) => mount.path), ...mountPoints.filter((target) => !underTmpfs(target))])}`,
    ...tmpfsMounts(spec.tmpSizeMiB).map((mount) => `tmpfs ${shellQuote(mount.path)} ${shellQuote(mount.options)}`),
    `dirs ${shellWords(['/dev/shm', ...mountPoints.filter(underTmpfs)])}`,
    `tmpfs '/dev/shm' 'mode=1777,nosuid,nodev,size=64m'`,
    `devices ${spec.devices}`,
    'proc',
    ...(sameName.length > 0 ? [`links ${shellWords(sameName.map((link) => link.target))}`] : []),
    ...otherName.map((link) => `link ${shellQuote(`/${link.name}`)} ${shellQuote(link.target)}`),
    ...binds.map((bind) => `bind ${shellWords([bind.source ?? bind.path, bind.path, bindOptions(bind)])}`),
  ];
  const writable = binds.filter((bind) => bind.writable);
  if (spec.sandboxOwner !== null && writable.length > 0) lines.push(`own ${shellWords([spec.sandboxOwner, ...writable.map((bind) => bind.source ?? bind.path)])}`);
  if (spec.loopback) lines.push('loopback');
  lines.push(`enter ${spec.keepProc ? 'keep' : 'drop'}`, 'ready');
  return `${lines.join('\n')}\n`;
}

export function renderProcessSpec(spec: ProcessSpec): string {
  for (const value of [spec.cwd, ...spec.writable.map((bind) => bind.path)]) assertPlainAbsolute(value);
  const writable = orderedBinds(spec.writable).map((bind) => bind.path);
  const byPath = new Map(spec.writable.map((bind) => [path.posix.normalize(bind.path), bind]));
  const environment = Object.entries(spec.env).map(([name, value]) => {
    if (name === '' || name.includes('=') || /[\0\n]/.test(name) || value.includes('\0')) throw new Error(`invalid environment variable for the sandbox: ${JSON.stringify(name)}`);
    return `${name}=${value}`;
  });
  const command = [...spec.privileges, spec.envCommand, '-i', ...environment, spec.command, ...spec.args];
  const lines = [
    'proc',
    ...writable.map((target) => `writable ${shellQuote(target)} ${shellQuote(bindOptions(byPath.get(target)!))}`),
    ...(spec.owners !== null && writable.length > 0 ? [`own ${shellWords([spec.owners.sandbox, ...writable])}`] : []),
    `ulimit -u ${spec.maxProcesses} 2>/dev/null || ulimit -p ${spec.maxProcesses} || fail 'cannot limit the number of processes'`,
    `run ${shellQuote(spec.cwd)} ${shellQuote(spec.owners?.caller ?? '')} ${shellQuote(writable.join('\n'))} ${shellWords(command)}`,
  ];
  return `${lines.join('\n')}\n`;
}

interface OrderedBind extends SandboxBind {
  /** False when the path is visible through an enclosing bind (its mount point exists there). */
  readonly mountPoint: boolean;
}

/**
 * Parents first; a path inside an enclosing bind with the same access and source is dropped (visible
 * through it); one with other access or another source is bound on the mount point the enclosing bind
 * shows. The same path asked for twice is writable when either asks for it.
 */
export function orderedBinds(binds: readonly SandboxBind[]): OrderedBind[] {
  const byPath = new Map<string, SandboxBind>();
  for (const bind of binds) {
    const target = path.posix.normalize(bind.path).replace(/(.)\/$/, '$1');
    const seen = byPath.get(target);
    byPath.set(target, { ...bind, path: target, writable: bind.writable || (seen?.writable ?? false) });
  }
  const sorted = [...byPath.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
  const kept: OrderedBind[] = [];
  for (const bind of sorted) {
    const enclosing = [...kept].reverse().find((outer) => isInside(bind.path, outer.path));
    if (enclosing === undefined) {
      if (bind.mask !== true) kept.push({ ...bind, mountPoint: true }); // a mask of a path the sandbox does not show is moot
    } else if (bind.mask === true || enclosing.writable !== bind.writable || (bind.source ?? bind.path) !== bind.path) {
      kept.push({ ...bind, mountPoint: false });
    }
  }
  return kept;
}

function bindOptions(bind: SandboxBind): string {
  return [...new Set([bind.writable ? 'rw' : 'ro', 'nosuid', 'nodev', ...bind.lockedFlags])].join(',');
}

/** True when `inner` is `outer` or below it (POSIX paths, normalised). */
export function isInside(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/');
  return inner === outer || inner.startsWith(`${outer}/`);
}

function depth(target: string): number {
  return target === '/' ? 0 : target.split('/').length - 1;
}

function assertPlainAbsolute(value: string): void {
  if (!path.posix.isAbsolute(value) || /[\0\n]/.test(value)) {
    throw new Error(`the sandbox needs absolute paths without newlines, got ${JSON.stringify(value)}`);
  }
}
