// Bundles the action (src/index.ts -> dist/index.js) and the CLI (src/cli/index.ts -> dist/cli/index.js)
// with @vercel/ncc. The action runs from the committed dist/, so CI rebuilds it and fails on any diff.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
// Bundled CommonJS code (the TypeScript compiler) reads __filename and __dirname, which an ES module does
// not have: define them at the top of each bundle file (the entry and the chunks it imports lazily),
// after the shebang line when there is one.
const CJS_GLOBALS =
  "import { fileURLToPath as __testmasterFileURLToPath } from 'node:url';\n" +
  'const __filename = __testmasterFileURLToPath(import.meta.url);\n' +
  "const __dirname = __testmasterFileURLToPath(new URL('.', import.meta.url));\n";
for (const [, outDir] of entries) {
  for (const name of readdirSync(outDir).filter((entry) => entry.endsWith('.js'))) {
    const file = `${outDir}/${name}`;
    const text = readFileSync(file, 'utf8');
    if (text.includes(CJS_GLOBALS)) continue; // already defined (never twice: a redeclaration is a syntax error)
    const cut = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
    writeFileSync(file, text.slice(0, cut) + CJS_GLOBALS + text.slice(cut));
  }
}
chmodSync('dist/cli/index.js', 0o755);

// The zero-token generator type-checks modules with the TypeScript compiler, which reads its standard
// library declarations from beside its own file: copy lib.es2023.d.ts, lib.esnext.disposable.d.ts (Symbol.dispose)
// and the files they reference (no DOM)
// next to each bundle.
const libDir = dirname(require.resolve('typescript/lib/lib.es2023.d.ts'));
const libFiles = new Set();
const collect = (name) => {
  if (libFiles.has(name)) return;
  libFiles.add(name);
  const text = readFileSync(join(libDir, `lib.${name}.d.ts`), 'utf8');
  for (const match of text.matchAll(/\/\/\/ <reference lib="([^"]+)"/g)) collect(match[1]);
};
collect('es2023');
collect('esnext.disposable');
for (const [, outDir] of entries) {
  for (const name of libFiles) copyFileSync(join(libDir, `lib.${name}.d.ts`), join(outDir, `lib.${name}.d.ts`));
}
