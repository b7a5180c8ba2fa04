/**
 * A unified diff that adds new files, in the form `git apply` (and `patch -p1`) takes (pure). Paths
 * are repository-relative POSIX paths already checked by the path rules (no spaces to quote matter:
 * git quotes only control characters, which the rules reject).
 */
export interface NewFile {
  readonly path: string;
  readonly content: string;
}

export function newFilesPatch(files: readonly NewFile[]): string {
  return files.map(filePatch).join('');
}

function filePatch(file: NewFile): string {
  const lines = file.content.split('\n');
  const endsWithNewline = file.content.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const header = [`diff --git a/${file.path} b/${file.path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${file.path}`];
  if (lines.length === 0) return `${header.slice(0, 2).join('\n')}\n`;
  const body = [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)];
  if (!endsWithNewline) body.push('\\ No newline at end of file');
  return `${[...header, ...body].join('\n')}\n`;
}
