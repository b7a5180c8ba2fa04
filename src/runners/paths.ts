/**
 * Path conversions between the repository-relative POSIX paths of the contracts and the absolute
 * paths the runners take and report. Runners may report real paths (symlinks resolved) while the
 * checkout was given through a symlink, so both spellings of the checkout are tried.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { TestRunnerError } from '../errors/errors.js';

/** Absolute path of a repository-relative POSIX path ('' is the checkout itself). */
export function absoluteIn(checkoutDir: string, repoPath: string): string {
  return repoPath === '' ? checkoutDir : join(checkoutDir, ...repoPath.split('/'));
}

/** The POSIX form of a relative path. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Repository-relative POSIX path of an absolute path, or null when it lies outside the checkout. */
export function repoRelative(checkoutDir: string, absolutePath: string): string | null {
  if (!isAbsolute(absolutePath)) return null;
  for (const root of checkoutSpellings(checkoutDir)) {
    const rel = relative(root, absolutePath);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return toPosix(rel);
  }
  return null;
}

/** Path of a repository-relative POSIX path relative to a package directory ('' for the root). */
export function packageRelative(packageRelDir: string, repoPath: string): string | null {
  if (packageRelDir === '') return repoPath;
  const prefix = `${packageRelDir}/`;
  return repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : null;
}

/** The module's path relative to the package directory; modules outside the package are refused. */
export function moduleInPackage(module: string, relDir: string, packageLabel: string): string {
  const inside = packageRelative(relDir, module);
  if (inside === null || inside === '') {
    throw new TestRunnerError(`${module} is not inside ${packageLabel}: measure each module with the package that contains it`);
  }
  return inside;
}

export function packageLabelOf(relDir: string): string {
  return relDir === '' ? 'the root package' : relDir;
}

function checkoutSpellings(checkoutDir: string): string[] {
  let real = checkoutDir;
  try {
    real = realpathSync(checkoutDir);
  } catch {
    // A checkout that does not exist (any more) has only the spelling it was given.
  }
  return real === checkoutDir ? [checkoutDir] : [checkoutDir, real];
}
