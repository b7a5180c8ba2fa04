/**
 * Command-line parsing (pure): argv -> a typed command. Uses node:util parseArgs, strict, so an unknown
 * flag or a missing value is a ConfigurationError with a one-line message.
 */
import { parseArgs } from 'node:util';
import { ConfigurationError } from '../errors/errors.js';

export interface RunCommand {
  readonly command: 'run';
  readonly repo: string | null;
  readonly base: string | null;
  readonly head: string | null;
  readonly configPath: string | null;
  /** Raw string values, keyed by config-file key, for the config layer to coerce and validate. */
  readonly overrides: Readonly<Record<string, string>>;
  /** `--estimate`: print the projected worst-case cost of the model calls without making any. */
  readonly estimate: boolean;
  /** `--events FILE`: write every event of the run to FILE as JSON lines (absent when not given). */
  readonly eventsPath?: string;
  /** `--resume [RUN_ID]`: continue that interrupted run (runId null: the latest of the same commits). */
  readonly resume?: { readonly runId: string | null };
  readonly debug: boolean;
  /** One-line warnings about how the command was given (e.g. a key on the command line), for stderr. */
  readonly warnings: readonly string[];
}

/** Printed when --api-key is used: the flag keeps working, but the key is visible to others. */
export const API_KEY_FLAG_WARNING =
  '--api-key puts the key on the command line, where any user of this machine can read it (ps, /proc/<pid>/cmdline) and your shell history keeps it; export OPENAI_API_KEY (AZURE_OPENAI_API_KEY for Azure) in the environment instead';

export type CliCommand =
  | RunCommand
  | { readonly command: 'help'; readonly topic: string | null }
  | { readonly command: 'version' };

const RUN_OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  provider: { type: 'string' },
  config: { type: 'string' },
  'report-md': { type: 'string' },
  'report-json': { type: 'string' },
  'base-coverage': { type: 'string' },
  'no-base': { type: 'boolean' },
  'no-store': { type: 'boolean' },
  'store-path': { type: 'string' },
  resume: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  framework: { type: 'string' },
  'runner-timeout-seconds': { type: 'string' },
  'max-modules': { type: 'string' },
  'max-runner-output-kb': { type: 'string' },
  'model-provider': { type: 'string' },
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  temperature: { type: 'string' },
  'reasoning-effort': { type: 'string' },
  'token-param': { type: 'string' },
  'max-completion-tokens': { type: 'string' },
  'max-prompt-tokens': { type: 'string' },
  'request-timeout-seconds': { type: 'string' },
  'max-retries': { type: 'string' },
  'azure-endpoint': { type: 'string' },
  'azure-api-version': { type: 'string' },
  'azure-deployment': { type: 'string' },
  'max-cost-usd': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-llm-calls': { type: 'string' },
  'max-cost-per-module-usd': { type: 'string' },
  'model-prices': { type: 'string' },
  'max-heal-attempts': { type: 'string' },
  reruns: { type: 'string' },
  concurrency: { type: 'string' },
  isolation: { type: 'string' },
  'candidate-timeout-seconds': { type: 'string' },
  'offline-time-budget-seconds': { type: 'string' },
  'test-path-pattern': { type: 'string' },
  write: { type: 'boolean' },
  estimate: { type: 'boolean' },
  events: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Flags passed through to the configuration layer under the same (kebab-case) key: every config key
 * but include/exclude (repeatable), measure-base (--no-base) and store (--no-store). A test checks the list against the
 * schema. `write` is a boolean flag (`--write`); the others take a value.
 */
export const CONFIG_FLAGS = [
  'provider',
  'report-md',
  'report-json',
  'base-coverage',
  'framework',
  'runner-timeout-seconds',
  'max-modules',
  'max-runner-output-kb',
  'model-provider',
  'api-key',
  'base-url',
  'model',
  'temperature',
  'reasoning-effort',
  'token-param',
  'max-completion-tokens',
  'max-prompt-tokens',
  'request-timeout-seconds',
  'max-retries',
  'azure-endpoint',
  'azure-api-version',
  'azure-deployment',
  'max-cost-usd',
  'max-tokens',
  'max-llm-calls',
  'max-cost-per-module-usd',
  'model-prices',
  'max-heal-attempts',
  'reruns',
  'concurrency',
  'isolation',
  'candidate-timeout-seconds',
  'offline-time-budget-seconds',
  'test-path-pattern',
  'store-path',
  'write',
] as const;

export const USAGE = `Usage: testmaster run [options]

Measures coverage of the modules changed between two commits, proposes tests for what is uncovered
(with a provider other than none) and writes a report.

Options:
  --repo DIR                     repository to analyse (default: current directory)
  --base REF                     base commit or branch (default: origin/HEAD, origin/main, origin/master, main or master)
  --head REF                     head commit or branch (default: HEAD)
  --provider NAME                auto | none | offline | openai | hybrid (default: auto = openai with a model key, else offline)
  --config FILE                  configuration file, read from disk as given (default: .github/testmaster.yml
                                 as it is at the base commit, if present there)
  --report-md FILE               write the markdown report here (default: print it on stdout)
  --report-json FILE             write the JSON report here
  --base-coverage FILE           read base coverage from this coverage-final.json instead of measuring it
  --no-base                      do not measure base coverage
  --include GLOB                 only consider changed files matching GLOB (repeatable)
  --exclude GLOB                 also exclude files matching GLOB (repeatable)
  --framework NAME               auto | vitest | jest (default: auto)
  --runner-timeout-seconds N     wall-clock limit for one test-runner process (default: 600)
  --max-modules N                measure at most N changed modules (default: 50)
  --max-runner-output-kb N       keep at most N KiB of each runner's stdout and stderr (default: 1024)
  --estimate                     print the projected worst-case cost of the model calls without making any
  --events FILE                  also write every event of the run to FILE, one JSON object per line (redacted)
  --resume [RUN_ID]              continue an interrupted run (default: the latest one for the same commits):
                                 finished modules and answers already paid for are not asked again
  --no-store                     keep no run store: no resume, no reuse of earlier runs' tests
  --store-path FILE              the run store (default: testmaster/store.sqlite in the git directory)
  --debug                        print stack traces and internal details
  -h, --help                     show this help
  --version                      print the version

Model (provider openai or hybrid):
  --model NAME                   the model (or Azure deployment) that writes tests, e.g. gpt-4.1-mini
  --model-provider NAME          openai | azure | compatible (default: from the other settings)
  --api-key KEY                  the API key; prefer the OPENAI_API_KEY environment variable (a flag is
                                 visible in the process list and shell history)
  --base-url URL                 API base URL (default: OPENAI_BASE_URL, else https://api.openai.com/v1)
  --azure-endpoint URL           Azure OpenAI endpoint (default: AZURE_OPENAI_ENDPOINT)
  --azure-api-version V          Azure OpenAI API version (default: OPENAI_API_VERSION)
  --azure-deployment NAME        Azure OpenAI deployment (default: the model name)
  --temperature T                sampling temperature, 0 to 2 (default: the provider's)
  --reasoning-effort LEVEL       low | medium | high, for reasoning models
  --token-param NAME             max_completion_tokens | max_tokens (default: by provider)
  --max-completion-tokens N      completion cap of one call, in tokens (default: 8192)
  --max-prompt-tokens N          prompt cap of one call, in tokens (default: 16000)
  --request-timeout-seconds N    time limit of one model request (default: 120)
  --max-retries N                retries of a failed model request (default: 2)

Budget (a call is made only if its worst case fits):
  --max-cost-usd USD             ceiling on the run's model spend (default: 1)
  --max-tokens N                 ceiling on the run's prompt plus completion tokens (default: none)
  --max-llm-calls N              ceiling on the run's model requests, retries included (default: none)
  --max-cost-per-module-usd USD  ceiling on one module's spend (default: none)
  --model-prices JSON            prices per million tokens by model id, e.g.
                                 '{"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}'

Generated tests:
  --max-heal-attempts N          healing turns per module (default: 2)
  --reruns N                     runs of each proposed test file; a case failing once is dropped (default: 3)
  --concurrency N                modules generated and validated at the same time (default: 4)
  --candidate-timeout-seconds N  limit for one run of a proposed test file (default: 120)
  --offline-time-budget-seconds N  time the zero-token generator may spend calling one module (default: 120)
  --test-path-pattern PATTERN    where a proposed test goes (default: {dir}/{name}.testmaster.test{ext})
  --write                        also write kept test files in place in the repository (new files only)

Isolation:
  --isolation LEVEL              auto, user, namespace or none: how the repository's code is isolated
                                 from your key and your machine (default: auto, the strongest available)

Traces go to an OpenTelemetry collector (OTLP/HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT is set; see README.

Exit status: 0 when the run completed (whatever the coverage), 1 otherwise, with a one-line message.`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    return { command: 'help', topic: null };
  }
  if (first === '--version' || first === 'version') return { command: 'version' };
  if (first !== 'run') {
    throw new ConfigurationError(`unknown command "${first}": the command is "testmaster run"; see testmaster --help`);
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: withResumeValue(rest), options: RUN_OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(`${detail}; see testmaster run --help`);
  }
  if (values.help === true) return { command: 'help', topic: 'run' };
  if (values.events === '') throw new ConfigurationError('--events needs a file path, e.g. --events testmaster-events.jsonl');
  if (values['no-base'] === true && typeof values['base-coverage'] === 'string') {
    throw new ConfigurationError('--no-base and --base-coverage contradict each other: pass one of them');
  }

  const overrides: Record<string, string> = {};
  for (const key of CONFIG_FLAGS) {
    const value = values[key];
    if (typeof value === 'string') overrides[key] = value;
    else if (value === true) overrides[key] = 'true';
  }
  if (values['no-base'] === true) overrides['measure-base'] = 'false';
  if (values.resume === '') throw new ConfigurationError('--resume= needs a run id after the =; or give --resume alone for the latest interrupted run');
  if (values['no-store'] === true) {
    if (typeof values.resume === 'string') throw new ConfigurationError('--no-store and --resume contradict each other: a run is resumed from the store');
    overrides.store = 'false';
  }
  if (Array.isArray(values.include)) overrides.include = values.include.join('\n');
  if (Array.isArray(values.exclude)) overrides.exclude = values.exclude.join('\n');

  return {
    command: 'run',
    repo: stringOrNull(values.repo),
    base: stringOrNull(values.base),
    head: stringOrNull(values.head),
    configPath: stringOrNull(values.config),
    overrides,
    estimate: values.estimate === true,
    debug: values.debug === true,
    warnings: typeof values['api-key'] === 'string' ? [API_KEY_FLAG_WARNING] : [],
    ...(typeof values.events === 'string' ? { eventsPath: values.events } : {}),
    ...(typeof values.resume === 'string' ? { resume: values.resume === LATEST_RUN ? { runId: null } : { runId: values.resume } } : {}),
  };
}

/** What `--resume` without a run id stands for. */
const LATEST_RUN = '\u0000latest';

/** `--resume` takes an optional value: `--resume`, `--resume ID`, `--resume=ID`. */
function withResumeValue(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg !== '--resume') {
      out.push(arg);
      continue;
    }
    const next = args[index + 1];
    if (next !== undefined && !next.startsWith('-')) {
      out.push(`--resume=${next}`);
      index += 1;
    } else {
      out.push(`--resume=${LATEST_RUN}`);
    }
  }
  return out;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
