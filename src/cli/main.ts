/**
 * The CLI's run(): parses arguments, loads the configuration once, runs the pipeline with a progress
 * display (and the `--events` log and OpenTelemetry traces when asked for), writes the reports. The only top-level error handler of the CLI: one line on stderr and a
 * non-zero exit, the stack only with --debug.
 */
import { resolve } from 'node:path';
import { loadRunConfig } from '../config/load-run-config.js';
import { oneLineMessage } from '../errors/errors.js';
import { EventBus } from '../events/bus.js';
import { defaultBaseRef } from '../git/default-base.js';
import { findRepoRoot, resolveComparison } from '../git/refs.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { assertReportTargetsWritable, writeReports } from '../report/write-reports.js';
import { guardExecutor, warnTampered } from '../guard/guard-executor.js';
import { createRepositoryGuard } from '../guard/repository-guard.js';
import { VERSION } from '../version.js';
import { writeProposedFiles } from '../files/write-proposed-files.js';
import { heldSecretNames, knownSecrets } from '../report/known-secrets.js';
import { openRunIsolation } from '../pipeline/open-run-isolation.js';
import { parseCliArgs, USAGE, type RunCommand } from './parse-args.js';
import { createProgressDisplay, type ProgressStream } from './progress.js';
import { createTelemetry } from '../telemetry/create-telemetry.js';
import { openEventLog } from '../telemetry/event-log.js';

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: NodeJS.ProcessEnv;
  cwd(): string;
  once?(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const command = parseCliArgs(argv);
    if (command.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.command === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    debug = command.debug;
    return await runCommand(command, io);
  } catch (error) {
    io.stderr.write(`testmaster: ${oneLineMessage(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

async function runCommand(command: RunCommand, io: CliIo): Promise<number> {
  const cwd = io.cwd();
  const repoDir = resolve(cwd, command.repo ?? '.');
  for (const warning of command.warnings) io.stderr.write(`warning: ${warning}\n`);
  // Paths on the command line are relative to where the user stands; those in the config file, to the repository.
  const overrides = Object.fromEntries(
    Object.entries(command.overrides).map(([key, value]) => [key, PATH_KEYS.has(key) ? resolve(cwd, value) : value]),
  );
  const baseRef = command.base ?? (await defaultBaseRef(repoDir));
  const headRef = command.head ?? 'HEAD';
  // As in the action, the repository's config file is read at the merge base, never as the checked-out pull request has it.
  const comparison = await resolveComparison(repoDir, baseRef, headRef);
  const { config, notes } = await loadRunConfig({
    repoDir,
    baseCommit: comparison.base,
    configPath: command.configPath === null ? null : resolve(cwd, command.configPath),
    namedFileFrom: 'disk',
    overrides,
    overridesLabel: 'flag',
  });
  for (const note of notes) io.stderr.write(`note: ${note}\n`);
  await assertReportTargetsWritable([config.reportMd, config.reportJson]);
  const secrets = knownSecrets(config, io.env);
  const eventLog = command.eventsPath === undefined ? null : openEventLog(resolve(cwd, command.eventsPath), secrets);
  const aborter = new AbortController();
  io.once?.('SIGINT', () => aborter.abort());
  io.once?.('SIGTERM', () => aborter.abort());

  const events = new EventBus();
  events.subscribe(createProgressDisplay(io.stderr));
  if (eventLog) events.subscribe(eventLog.listener);
  const telemetry = createTelemetry({ env: io.env, version: VERSION, secrets, debug: (line) => command.debug && io.stderr.write(`${line}\n`) });
  if (telemetry) events.subscribe(telemetry.listener);
  let isolation: Awaited<ReturnType<typeof openRunIsolation>> | null = null;
  const guard = createRepositoryGuard(repoDir);
  try {
    isolation = await openRunIsolation({ config, repoDir, env: io.env, secretsHeld: heldSecretNames(config, io.env) });
    if (isolation.report.level === 'none') io.stderr.write(`warning: the repository's code runs without isolation: ${isolation.report.notes.join('; ')}\n`);
    const report = await runPipeline(
      {
        repoDir,
        baseRef,
        headRef,
        config,
        allowFetch: false,
        signal: aborter.signal,
        estimateOnly: command.estimate,
        ownOutputs: [...(command.eventsPath === undefined ? [] : [resolve(cwd, command.eventsPath)]), ...storeFiles(config.storePath)],
        resume: command.resume ?? null,
      },
      { exec: guardExecutor(isolation.exec, guard, warnTampered(events)), guard, tempRoot: isolation.tempRoot, isolation: isolation.report, events, version: VERSION, env: io.env },
    );
    const { markdown } = await writeReports(report, {
      markdownPath: config.reportMd,
      jsonPath: config.reportJson,
      secrets,
    });
    // After the reports, so a failure here never loses them; replaced whenever generation ran, so an
    // old proposal is never left to be applied by mistake.
    if (report.proposedFiles !== undefined && !command.estimate) {
      const proposed = report.proposedFiles;
      const topDir = await findRepoRoot(repoDir);
      const written = await writeProposedFiles(proposed, { directory: resolve(topDir, PROPOSED_DIR), repoDir: topDir, placeInRepo: config.write });
      if (proposed.length > 0) io.stderr.write(`Proposed tests: ${proposed.length} file(s) in ${PROPOSED_DIR}/${written.placed.length > 0 ? `; written in place: ${written.placed.join(', ')}` : ''}\n`);
      for (const entry of written.notPlaced) io.stderr.write(`warning: not written in place: ${entry.path}: ${entry.reason}\n`);
    }
    if (config.reportMd === null) io.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    return 0;
  } finally {
    await isolation?.dispose();
    // Even when the run failed: the log ends with run-failed, the trace with an error status.
    const incomplete = eventLog?.close() ?? null;
    if (incomplete !== null) io.stderr.write(`warning: ${incomplete}\n`);
    await telemetry?.shutdown(); // bounded by its own deadline; never throws
  }
}

const PATH_KEYS = new Set(['report-md', 'report-json', 'base-coverage', 'store-path']);

/** The run store's file and SQLite's companions: the run's own writes if the store is kept in the tree. */
function storeFiles(storePath: string | null): string[] {
  return storePath === null ? [] : ['', '-wal', '-shm', '-journal'].map((suffix) => `${storePath}${suffix}`);
}
/** Where the CLI puts copies of the kept test files, relative to the repository. */
const PROPOSED_DIR = '.testmaster/proposed';
