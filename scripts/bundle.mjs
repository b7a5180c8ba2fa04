// Bundles the action (src/index.ts -> dist/index.js) and the CLI (src/cli/index.ts -> dist/cli/index.js)
// with @vercel/ncc. The action runs from the committed dist/, so CI rebuilds it and fails on any diff.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ncc = require.resolve('@vercel/ncc/dist/ncc/cli.js');
const entries = [
  ['src/index.ts', 'dist'],
  ['src/cli/index.ts', 'dist/cli'],
];

rmSync('dist', { recursive: true, force: true });
for (const [entry, outDir] of entries) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', outDir, '--license', 'licenses.txt', '--target', 'es2023', '--quiet'], {
    stdio: 'inherit',
  });
}
chmodSync('dist/cli/index.js', 0o755);
