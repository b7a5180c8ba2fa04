/** PURE. The deepest package directory that contains a file. */

/**
 * @param packageDirs repository-relative POSIX package directories ('' for the root)
 * @param filePath repository-relative POSIX path
 * @returns the deepest directory containing filePath; '' (the root) when no member does
 */
export function owningPackage(packageDirs: readonly string[], filePath: string): string {
  let best = '';
  for (const dir of packageDirs) {
    if (dir === '' || dir.length <= best.length) continue;
    if (filePath.startsWith(`${dir}/`)) best = dir;
  }
  return best;
}
