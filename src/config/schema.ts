/**
 * The configuration schema, in one place: every key with its type, bounds, default and documentation.
 * Keys are kebab-case, the same in `.github/testmaster.yml`, in action inputs and in CLI flags; the
 * typed `Config` the pipeline receives has the same keys in camelCase.
 *
 * To add a key: add it to `configFileSchema` below (with `.default()` and `.describe()`), run
 * `npm run schema`, and read it from `Config` where needed.
 *
 * This file imports nothing from the project (only zod), so scripts/write-schema.mjs can import it
 * directly with Node's type stripping.
 */
import { z } from 'zod';

/** Source files considered by default. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

const globList = z.array(z.string().min(1));
const filePath = z.string().min(1).nullable();

export const configFileSchema = z
  .strictObject({
    provider: z
      .enum(['none', 'offline', 'openai', 'hybrid'])
      .default('none')
      .describe('Where proposed tests come from: none (coverage only), offline, openai, or hybrid.'),
    include: globList
      .min(1)
      .default([...DEFAULT_INCLUDE])
      .describe('Glob patterns (repository-relative) of the changed files to consider.'),
    exclude: globList
      .default([])
      .describe(
        'Glob patterns of changed files to leave out, on top of the built-in excludes (tests, type declarations, configs, generated, vendored and minified code, dist/, build/, node_modules/); every layer adds to the list.',
      ),
    framework: z
      .enum(['auto', 'vitest', 'jest'])
      .default('auto')
      .describe('Test runner: auto (detected per package from its dependencies), vitest, or jest.'),
    'measure-base': z
      .boolean()
      .default(true)
      .describe('Measure coverage at the base commit too, to show before/after figures.'),
    'base-coverage': filePath
      .default(null)
      .describe('Read base coverage from this Istanbul coverage-final.json instead of measuring it.'),
    'report-md': filePath.default(null).describe('Write the markdown report to this file.'),
    'report-json': filePath.default(null).describe('Write the JSON report to this file.'),
    'runner-timeout-seconds': z
      .number()
      .int()
      .min(1)
      .max(7200)
      .default(600)
      .describe('Wall-clock limit, in seconds, for one test-runner process; the whole process group is killed after it.'),
    'max-modules': z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(50)
      .describe('Measure at most this many changed modules (the rest are listed as skipped).'),
    'max-runner-output-kb': z
      .number()
      .int()
      .min(16)
      .max(102400)
      .default(1024)
      .describe('Cap, in KiB, on each of stdout and stderr kept from a test-runner process (head and tail are kept).'),
  })
  .describe('Configuration of TestMaster (.github/testmaster.yml).');

/** What a config file (or one layer of settings) may contain: every key optional. */
export type ConfigFileInput = z.input<typeof configFileSchema>;
/** All keys present, kebab-case, after defaults. */
export type RawConfig = z.output<typeof configFileSchema>;
export type ConfigKey = keyof RawConfig & string;

export const CONFIG_KEYS = Object.keys(configFileSchema.shape) as ConfigKey[];

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Frozen<T> = T extends readonly (infer Item)[] ? readonly Item[] : T;

/** The typed, readonly configuration the pipeline receives. */
export type Config = { readonly [K in ConfigKey as CamelCase<K>]: Frozen<RawConfig[K]> };

export function camelCaseKey(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** kebab-case validated settings -> the frozen camelCase Config. */
export function toConfig(raw: RawConfig): Config {
  const entries = Object.entries(raw).map(([key, value]) => [
    camelCaseKey(key),
    Array.isArray(value) ? Object.freeze([...value]) : value,
  ]);
  return Object.freeze(Object.fromEntries(entries)) as Config;
}

export const CONFIG_SCHEMA_TITLE = 'TestMaster configuration';

/** The JSON Schema of `.github/testmaster.yml`, generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: CONFIG_SCHEMA_TITLE, ...rest };
}

/** Exactly what schema/testmaster.schema.json holds. */
export function serializeConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
