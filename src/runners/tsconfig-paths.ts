/**
 * The `compilerOptions.paths` a package's tsconfig.json declares (effects: reads the tsconfig and the
 * configs it extends by relative path, at most 5 deep; comments and trailing commas allowed). Targets
 * are resolved against `baseUrl` (else the declaring file's directory) and given relative to the
 * package directory. Nothing is read outside the checkout, through a symlink either (this runs in
 * TestMaster's own process, not the sandbox); an unreadable config gives no mappings.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { repoRelative, toPosix } from './paths.js';
import type { PathMapping } from './unresolved-import.js';

const MAX_EXTENDS = 5;

export async function readPathMappings(checkoutDir: string, packageDir: string): Promise<PathMapping[]> {
  let file: string | null = path.join(packageDir, 'tsconfig.json');
  for (let depth = 0; file !== null && depth <= MAX_EXTENDS; depth += 1) {
    const real = await realpath(file).catch(() => null);
    if (real === null || repoRelative(checkoutDir, real) === null) return [];
    const options = await readConfig(real);
    if (options === null) return [];
    const { compilerOptions, extendsPath } = options;
    const paths = compilerOptions?.paths;
    if (paths !== undefined && paths !== null && typeof paths === 'object') {
      const base = path.resolve(path.dirname(file), typeof compilerOptions?.baseUrl === 'string' ? compilerOptions.baseUrl : '.');
      return Object.entries(paths as Record<string, unknown>).flatMap(([pattern, targets]) =>
        Array.isArray(targets) && targets.every((target) => typeof target === 'string')
          ? [{ pattern, targets: targets.map((target) => toPosix(path.relative(packageDir, path.resolve(base, target)))), declaredIn: toPosix(path.relative(packageDir, file!)) }]
          : [],
      );
    }
    file = extendsPath === null ? null : path.resolve(path.dirname(file), extendsPath.endsWith('.json') ? extendsPath : `${extendsPath}.json`);
  }
  return [];
}

async function readConfig(file: string): Promise<{ compilerOptions: Record<string, unknown> | null; extendsPath: string | null } | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const { default: ts } = await import('typescript');
  const parsed = ts.parseConfigFileTextToJson(file, text);
  if (parsed.error !== undefined || parsed.config === null || typeof parsed.config !== 'object') return null;
  const config = parsed.config as Record<string, unknown>;
  const compilerOptions = config.compilerOptions !== null && typeof config.compilerOptions === 'object' ? (config.compilerOptions as Record<string, unknown>) : null;
  const extendsPath = typeof config.extends === 'string' && config.extends.startsWith('.') ? config.extends : null;
  return { compilerOptions, extendsPath };
}

