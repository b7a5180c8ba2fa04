/**
 * Pure: the git config a sandboxed process sees in place of the repository's own. The real one may
 * hold a credential (actions/checkout with `persist-credentials: true` writes the token as an
 * `http.<url>.extraheader`; a remote URL may carry a password) and settings that run programs. Only what
 * git needs to read the repository is kept: the format version and the repository extensions.
 */
const KEPT: Readonly<Record<string, ReadonlySet<string>>> = {
  core: new Set(['repositoryformatversion', 'bare']),
  extensions: new Set(['objectformat', 'refstorage', 'worktreeconfig', 'compatobjectformat', 'preciousobjects', 'partialclone', 'noop']),
};

export function sanitizedGitConfig(text: string): string {
  const kept = new Map<string, string[]>();
  let section: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (header) {
      // A subsection ([remote "origin"]) is never kept: only [core] and [extensions] are.
      section = /"/.test(line) ? null : header[1]!.toLowerCase();
      continue;
    }
    if (section === null || !(section in KEPT)) continue;
    const setting = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*([A-Za-z0-9._-]+)\s*(?:[#;].*)?$/.exec(line);
    if (!setting || !KEPT[section]!.has(setting[1]!.toLowerCase())) continue;
    const lines = kept.get(section) ?? [];
    lines.push(`\t${setting[1]!.toLowerCase()} = ${setting[2]!}`);
    kept.set(section, lines);
  }
  if (!kept.has('core')) kept.set('core', ['\trepositoryformatversion = 0']);
  return [...kept].map(([name, lines]) => `[${name}]\n${lines.join('\n')}\n`).join('');
}
