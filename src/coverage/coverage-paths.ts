/**
 * Path arithmetic for coverage keys. Runners write keys in many spellings: POSIX or Windows absolute
 * paths, backslashes, `file://` URLs, paths relative to where the runner ran, paths through symlinks.
 * Everything here works on one canonical spelling, the "slash path": forward slashes only, `.` and
 * `..` resolved, a Windows drive letter lower-cased (`c:/x/y`). No basename matching, ever.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute as isNativeAbsolute, posix } from 'node:path';

/** Resolves a path through symlinks; null when it does not exist (or is not a path of this machine). */
export type RealpathFn = (path: string) => string | null;

const DRIVE = /^([A-Za-z]):(?=\/|$)/;

/** True for `/x` (POSIX or UNC after conversion) and `c:/x`. */
export function isAbsoluteSlashPath(path: string): boolean {
  return path.startsWith('/') || DRIVE.test(path);
}

/**
 * The canonical slash spelling of a key: `file://` URLs decoded, backslashes turned into slashes, the
 * drive letter lower-cased, `.`/`..` segments and repeated or trailing slashes removed. A relative key
 * stays relative (see resolveSlashPath).
 */
export function toSlashPath(raw: string): string {
  let text = raw.trim();
  if (/^file:/i.test(text)) text = fileUrlToSlashPath(text);
  text = text.replace(/\\/g, '/');
  const drive = DRIVE.exec(text);
  if (drive) {
    const rest = normalizeRooted(text.slice(2) || '/');
    return `${drive[1]!.toLowerCase()}:${rest}`;
  }
  if (text.startsWith('/')) return normalizeRooted(text);
  const normalized = posix.normalize(text);
  return normalized.endsWith('/') && normalized.length > 1 ? normalized.slice(0, -1) : normalized;
}

/** Resolves `path` (slash spelling) against the absolute directory `base` (slash spelling). */
export function resolveSlashPath(base: string, path: string): string {
  if (isAbsoluteSlashPath(path)) return toSlashPath(path);
  return toSlashPath(`${base}/${path}`);
}

/**
 * The repository-relative POSIX path of `path` when it lies strictly inside `root`, else null.
 * Both are slash paths; Windows paths compare case-insensitively, as their file systems do.
 */
export function relativeInside(root: string, path: string): string | null {
  const windows = DRIVE.test(root) && DRIVE.test(path);
  const rootKey = windows ? root.toLowerCase() : root;
  const pathKey = windows ? path.toLowerCase() : path;
  const prefix = rootKey.endsWith('/') ? rootKey : `${rootKey}/`;
  if (!pathKey.startsWith(prefix) || pathKey.length === prefix.length) return null;
  return path.slice(prefix.length);
}

/**
 * Resolves symlinks in `path` as far as the file system allows: the file itself when it exists, else
 * its nearest existing ancestor with the missing tail appended. So a checkout reached through a
 * symlink maps to the same key whether or not the file is still there.
 */
export function realpathBestEffort(path: string, realpath: RealpathFn): string {
  const tail: string[] = [];
  let current = path;
  for (;;) {
    const resolved = realpath(current);
    if (resolved !== null) return tail.length === 0 ? toSlashPath(resolved) : toSlashPath(`${resolved}/${tail.join('/')}`);
    const parent = posix.dirname(current);
    if (parent === current || parent === '.' || parent === '' || /^[a-z]:$/.test(parent)) return path;
    tail.unshift(posix.basename(current));
    current = parent;
  }
}

/** The file system's realpath, for paths this machine can spell (a `c:/` path on Linux is not one). */
export const nativeRealpath: RealpathFn = (path) => {
  if (!isNativeAbsolute(path)) return null;
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
};

function normalizeRooted(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

function fileUrlToSlashPath(url: string): string {
  try {
    const parsed = new URL(url);
    const pathname = decodeURIComponent(parsed.pathname);
    // file:///C:/x is a Windows path whatever machine reads it.
    if (/^\/[A-Za-z]:\//.test(pathname)) return pathname.slice(1);
    if (parsed.host !== '') return `//${parsed.host}${pathname}`;
    return pathname;
  } catch {
    return url;
  }
}
