/**
 * Where TypeScript's standard library declarations (lib.*.d.ts) are: beside the compiler in
 * node_modules when running from source, beside the bundle in dist/ (scripts/bundle.mjs copies them
 * there, as the compiler looks for them next to its own file).
 */
import path from 'node:path';
import ts from 'typescript';

export function typescriptLibDir(): string {
  return path.dirname(ts.getDefaultLibFilePath({}));
}
