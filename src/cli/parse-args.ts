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
  readonly debug: boolean;
}

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
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  framework: { type: 'string' },
  'runner-timeout-seconds': { type: 'string' },
  'max-modules': { type: 'string' },
  'max-runner-output-kb': { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags passed through to the configuration layer under the same (kebab-case) key. */
export const CONFIG_FLAGS = [
  'provider',
  'report-md',
  'report-json',
  'base-coverage',
  'framework',
  'runner-timeout-seconds',
  'max-modules',
  'max-runner-output-kb',
] as const;

export const USAGE = `Usage: testmaster run [options]

Measures coverage of the modules changed between two commits and writes a report.

Options:
  --repo DIR                 repository to analyse (default: current directory)
  --base REF                 base commit or branch (default: origin/HEAD, origin/main, origin/master, main or master)
  --head REF                 head commit or branch (default: HEAD)
  --provider NAME            none | offline | openai | hybrid (default: none = coverage only)
  --config FILE              configuration file (default: .github/testmaster.yml if present)
  --report-md FILE           write the markdown report here (default: print it on stdout)
  --report-json FILE         write the JSON report here
  --base-coverage FILE       read base coverage from this coverage-final.json instead of measuring it
  --no-base                  do not measure base coverage
  --include GLOB             only consider changed files matching GLOB (repeatable)
  --exclude GLOB             also exclude files matching GLOB (repeatable)
  --framework NAME           auto | vitest | jest (default: auto)
  --runner-timeout-seconds N wall-clock limit for one test-runner process (default: 600)
  --max-modules N            measure at most N changed modules (default: 50)
  --max-runner-output-kb N   keep at most N KiB of each runner's stdout and stderr (default: 1024)
  --debug                    print stack traces and internal details
  -h, --help                 show this help
  --version                  print the version

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
    ({ values } = parseArgs({ args: [...rest], options: RUN_OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(`${detail}; see testmaster run --help`);
  }
  if (values.help === true) return { command: 'help', topic: 'run' };
  if (values['no-base'] === true && typeof values['base-coverage'] === 'string') {
    throw new ConfigurationError('--no-base and --base-coverage contradict each other: pass one of them');
  }

  const overrides: Record<string, string> = {};
  for (const key of CONFIG_FLAGS) {
    const value = values[key];
    if (typeof value === 'string') overrides[key] = value;
  }
  if (values['no-base'] === true) overrides['measure-base'] = 'false';
  if (Array.isArray(values.include)) overrides.include = values.include.join('\n');
  if (Array.isArray(values.exclude)) overrides.exclude = values.exclude.join('\n');

  return {
    command: 'run',
    repo: stringOrNull(values.repo),
    base: stringOrNull(values.base),
    head: stringOrNull(values.head),
    configPath: stringOrNull(values.config),
    overrides,
    debug: values.debug === true,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
