/**
 * The action's run(): inputs parsed once, configuration loaded once, the pipeline run with a log group
 * per phase, the report written to the job summary and to files, outputs set. The only top-level error
 * handler of the action: every failure ends in core.setFailed with a one-line message.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { createActionLogger } from './action/log-events.js';
import { readActionInputs } from './action/read-inputs.js';
import { refsForEvent } from './action/event-refs.js';
import { configReaderAtCommit } from './action/config-at-base.js';
import { findRepoRoot, resolveComparison } from './git/refs.js';
import { setActionOutputs } from './action/set-outputs.js';
import { loadConfig } from './config/load-config.js';
import { resolveConfigPaths } from './config/resolve-config-paths.js';
import { oneLineMessage } from './errors/errors.js';
import { EventBus } from './events/bus.js';
import { runPipeline } from './pipeline/run-pipeline.js';
import { assertReportTargetsWritable, writeReports } from './report/write-reports.js';
import { createSandboxExecutor } from './sandbox/executor.js';
import { VERSION } from './version.js';
import { writeProposedFiles } from './files/write-proposed-files.js';
import { knownSecrets } from './report/known-secrets.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readActionInputs();
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const repoDir = resolve(workspace, inputs.workingDirectory);
    const payload = await readEventPayload(env.GITHUB_EVENT_PATH);
    const refs = refsForEvent(env.GITHUB_EVENT_NAME ?? '', payload, inputs);
    const comparison = await resolveComparison(repoDir, refs.base, refs.head, { allowFetch: true });
    const config = resolveConfigPaths(
      await loadConfig({
        repoDir,
        configPath: inputs.configPath === null ? null : resolve(repoDir, inputs.configPath),
        overrides: inputs.overrides,
        overridesLabel: 'input',
        readFile: configReaderAtCommit(repoDir, comparison.base),
      }),
      repoDir,
    );

    const outDir = join(env.RUNNER_TEMP ?? repoDir, 'testmaster');
    const markdownPath = config.reportMd ?? join(outDir, 'report.md');
    const jsonPath = config.reportJson ?? join(outDir, 'report.json');
    await assertReportTargetsWritable([markdownPath, jsonPath]);

    // The runner sends SIGINT, then SIGTERM: stop the test processes (their groups are killed) and fail.
    const aborter = new AbortController();
    process.once('SIGINT', () => aborter.abort());
    process.once('SIGTERM', () => aborter.abort());

    const events = new EventBus();
    events.subscribe(createActionLogger());
    const report = await runPipeline(
      { repoDir, baseRef: refs.base, headRef: refs.head, config, allowFetch: true, signal: aborter.signal },
      { exec: createSandboxExecutor({ baseEnv: env }), events, version: VERSION, env },
    );
    const repoUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` : undefined;
    const rendered = await writeReports(report, {
      markdownPath,
      jsonPath,
      secrets: [...knownSecrets(config, env), ...(inputs.token ? [inputs.token] : [])],
      ...(repoUrl ? { repoUrl } : {}),
    });
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(rendered.jobSummary).write();
    // After the reports, so a failure here never loses them.
    const proposed = report.proposedFiles ?? [];
    if (proposed.length > 0) {
      const written = await writeProposedFiles(proposed, { directory: join(outDir, 'proposed'), repoDir: await findRepoRoot(repoDir), placeInRepo: config.write });
      core.info(`Proposed tests: ${proposed.length} file(s) in ${written.directory}`);
      for (const entry of written.notPlaced) core.warning(`not written in place: ${entry.path}: ${entry.reason}`);
    }
    setActionOutputs(report, { markdownPath, jsonPath });
  } catch (error) {
    core.setFailed(oneLineMessage(error));
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}

async function readEventPayload(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
