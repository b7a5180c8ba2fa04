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
      .enum(['auto', 'none', 'offline', 'openai', 'hybrid'])
      .default('auto')
      .describe(
        'Where proposed tests come from: auto (openai when a model key or base URL is configured, else offline), none (coverage only), offline (zero-token generator), openai (a model), or hybrid (offline first, the model for the lines still uncovered).',
      ),
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
      .describe('Read base coverage from this Istanbul coverage-final.json instead of measuring it. In the repository\'s config file, a path inside the repository.'),
    'report-md': filePath.default(null).describe('Write the markdown report to this file. In the repository\'s config file, a path inside the repository (not in its git directory).'),
    'report-json': filePath.default(null).describe('Write the JSON report to this file. In the repository\'s config file, a path inside the repository (not in its git directory).'),
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
    'model-provider': z
      .enum(['openai', 'azure', 'compatible'])
      .nullable()
      .default(null)
      .describe(
        'Which kind of model API: openai, azure (Azure OpenAI) or compatible (any OpenAI-compatible server by base URL: Ollama, vLLM, OpenRouter...). Unset: azure when an Azure setting is given, compatible when base-url is not api.openai.com, else openai.',
      ),
    'api-key': z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe('The model API key. Give it as a secret (action input or OPENAI_API_KEY), never in the config file; falls back to OPENAI_API_KEY (AZURE_OPENAI_API_KEY for Azure).'),
    'base-url': z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe('Base URL of the model API, e.g. http://localhost:11434/v1; falls back to OPENAI_BASE_URL, then https://api.openai.com/v1. Not taken from the repository\'s config file (it decides where the key is sent): a flag, an input or the variable.'),
    model: z.string().min(1).nullable().default(null).describe('The model (or Azure deployment) that writes tests, e.g. gpt-4.1-mini.'),
    temperature: z.number().min(0).max(2).nullable().default(null).describe("Sampling temperature, 0 to 2; unset: the provider's default (nothing is sent)."),
    'reasoning-effort': z
      .enum(['low', 'medium', 'high'])
      .nullable()
      .default(null)
      .describe('reasoning_effort for reasoning models (o-series, gpt-5); sent only to models that take it.'),
    'token-param': z
      .enum(['max_completion_tokens', 'max_tokens'])
      .nullable()
      .default(null)
      .describe('Name of the completion cap in requests; unset: max_completion_tokens for OpenAI and Azure, max_tokens for compatible servers.'),
    'max-completion-tokens': z
      .number()
      .int()
      .min(256)
      .max(1000000)
      .default(8192)
      .describe('Completion cap of one model call, in tokens; the budget reserves it in full before each call.'),
    'max-prompt-tokens': z
      .number()
      .int()
      .min(500)
      .max(2000000)
      .default(16000)
      .describe("Cap on one call's prompt, in tokens; a larger prompt is trimmed (style example, imported signatures, distant source) or the module is skipped, never sent."),
    'request-timeout-seconds': z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(120)
      .describe('Time limit of one model request, in seconds (each retry has its own).'),
    'max-retries': z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe("Retries of a failed model request (429, 5xx, connection errors), made by the openai SDK with its backoff and Retry-After; each one counts in the budget."),
    'azure-endpoint': z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe('Azure OpenAI endpoint, e.g. https://my-resource.openai.azure.com; falls back to AZURE_OPENAI_ENDPOINT. Not taken from the repository\'s config file (it decides where the key is sent): a flag, an input or the variable.'),
    'azure-api-version': z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe('Azure OpenAI API version, e.g. 2024-10-21; falls back to OPENAI_API_VERSION.'),
    'azure-deployment': z.string().min(1).nullable().default(null).describe('Azure OpenAI deployment name; unset: the model name.'),
    'max-cost-usd': z
      .number()
      .min(0)
      .max(10000)
      .default(1)
      .describe('Hard ceiling, in US dollars, on what the run may spend on model calls (retries, healing and repair turns included); a call is made only if its worst case fits.'),
    'max-tokens': z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe('Ceiling on prompt plus completion tokens for the run; unset: no limit besides max-cost-usd.'),
    'max-llm-calls': z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe("Ceiling on model requests for the run, each SDK retry counting as one; unset: no limit."),
    'max-cost-per-module-usd': z
      .number()
      .min(0)
      .nullable()
      .default(null)
      .describe('Ceiling, in US dollars, on what one module may spend; unset: only the run ceiling.'),
    'model-prices': z
      .record(
        z.string().min(1),
        z.strictObject({
          'input-per-mtok-usd': z.number().min(0),
          'output-per-mtok-usd': z.number().min(0),
          'cached-input-per-mtok-usd': z.number().min(0).optional(),
        }),
      )
      .default({})
      .describe(
        'Prices by model id, in US dollars per million tokens, overriding the bundled price list (needed for models it does not know; 0 and 0 for a local model). As an input or flag: JSON, e.g. {"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}.',
      ),
    'max-heal-attempts': z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(2)
      .describe('Healing turns per module: failing cases and errors go back to the model with the lines still uncovered.'),
    reruns: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe('Times a candidate test file is re-run; a case that fails once is dropped as flaky.'),
    concurrency: z.number().int().min(1).max(32).default(4).describe('Modules generated and validated at the same time.'),
    'offline-time-budget-seconds': z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(120)
      .describe('Time, in seconds, the zero-token generator may spend calling one module before its test file is checked; a call that never returns is cut off after 30 seconds.'),
    'candidate-timeout-seconds': z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(120)
      .describe('Wall-clock limit, in seconds, for one run of a proposed test file; a test that never ends is cut off there.'),
    'test-path-pattern': z
      .string()
      .min(1)
      .default('{dir}/{name}.testmaster.test{ext}')
      .describe('Where a proposed test file goes, from the module path: {dir}, {name} and {ext}; the name must end in .test{ext} or .spec{ext}.'),
    store: z
      .boolean()
      .default(true)
      .describe('Keep a run store (SQLite): an interrupted run can be resumed without paying twice, and a module whose content, framework, model and prompt did not change reuses its validated tests (re-checked on the new head) with no model call.'),
    'store-path': filePath
      .default(null)
      .describe('Where the run store lives; default: testmaster/store.sqlite inside the repository\'s git directory (never in the working tree). The action keeps it in the runner\'s temp directory and carries it between runs of a pull request with the Actions cache. In the repository\'s config file, a path inside the repository or its git directory; an existing file there must be a SQLite file.'),
    isolation: z
      .enum(['auto', 'user', 'namespace', 'none'])
      .default('auto')
      .describe(
        "How the repository's code (its tests, the zero-token probe, proposed tests) is isolated from the run's secrets and the machine: auto (the strongest level available), user (another user in new PID, mount, IPC and network namespaces; needs root or passwordless sudo), namespace (the same namespaces in an unprivileged user namespace), or none (no isolation: needed to run repository code on a machine offering neither while a model key or token is held).",
      ),
    write: z
      .boolean()
      .default(false)
      .describe('Also write the kept test files at their proposed paths in the repository (new files only); by default they go under .testmaster/proposed/ only.'),
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
