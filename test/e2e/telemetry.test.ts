/**
 * Telemetry and the event log through the bundled CLI on the vitest-ts fixture (zero-token provider,
 * src/money.ts only): with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a real local OTLP/HTTP receiver the
 * run's span tree arrives with its attributes and without the model key; pointing at a closed port or
 * at a collector that never answers, the run still succeeds with the same report, and the export is
 * cut off by telemetry's own deadline, not by the exporter's (set to ten minutes here, so a run
 * that waited for it would be killed by the test's limit instead of finishing). `--events FILE`: one
 * JSON object per line, the report's timeline, redacted.
 *
 * Runs that only look at telemetry (no variables; a closed port) use provider none and are compared
 * with a run of the same settings without telemetry; the run against a collector that never answers
 * keeps the zero-token generator, so it lasts longer than the batch processor's 5 s schedule and an
 * export is stuck in flight while the run goes on, as with the healthy run it is compared with. The
 * reruns of the proposed file are not what this file tests: one run each.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { childrenOf, closedPort, startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { runCliAsync } from '../helpers/run-cli.js';

/** Shaped like an OpenAI key, so both the known-secret and the token-shape redaction apply. */
const MODEL_KEY = 'sk-testmastere2e0123456789abcdefghij';
/** The head branch is named after the key, so the key really is in the events (run-started.headRef). */
const HEAD_BRANCH = `feature-${MODEL_KEY}`;
const COLLECTOR_KEY = 'collector-header-value-5f3a';
/** A run the test's limit would kill if it waited for the exporter's own timeout. */
const RUN_LIMIT_MS = 240_000;

let repo: FixtureRepo;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  cleanups.push(() => repo.cleanup());
  execFileSync('git', ['branch', HEAD_BRANCH, repo.head], { cwd: repo.dir });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The test process's environment without model or OpenTelemetry settings, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|AZURE_OPENAI_|OTEL_)/.test(name)));
  return { ...clean, OPENAI_API_KEY: MODEL_KEY, ...extra };
}

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: RunReport;
  readonly eventsText: string;
}

/** The zero-token generator (one run of the proposed file), or none: coverage only. */
type Provider = 'offline' | 'none';
const providerArgs = (provider: Provider): string[] => (provider === 'offline' ? ['--provider', 'offline', '--reruns', '1'] : ['--provider', 'none']);

async function runWith(provider: Provider, env: Record<string, string>): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-telemetry-e2e-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const run = await runCliAsync(
    ['run', '--repo', repo.dir, '--base', repo.base, '--head', HEAD_BRANCH, ...providerArgs(provider), '--include', 'src/money.ts', '--no-base',
      '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), '--events', join(out, 'events.jsonl'), '--debug',
      // Each run writes its tests afresh (no reuse from the run before), so their events can be compared.
      '--no-store'],
    { env: envWith(env), timeoutMs: RUN_LIMIT_MS },
  );
  expect(run.status, run.stderr).toBe(0);
  return { status: run.status, stderr: run.stderr, report: parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8')), eventsText: readFileSync(join(out, 'events.jsonl'), 'utf8') };
}

const telemetryLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('telemetry'));
const figures = (report: RunReport) => ({ patch: report.patch, files: report.files.map((file) => ({ path: file.path, head: file.head?.patch })) });
const eventTypes = (events: readonly { type: string }[]): string[] => events.map((event) => event.type);

describe('telemetry and the event log (bundled CLI)', () => {
  let collector: OtlpReceiver;
  let healthy: Run;
  /** Provider none, without the variables: the run the other provider-none runs must match. */
  let plain: Run;
  /** Requests the collector received while `plain` ran. */
  let plainRequests: number;

  beforeAll(async () => {
    collector = await startOtlpReceiver('answer');
    cleanups.push(() => collector.stop());
    healthy = await runWith('offline', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_HEADERS: `x-collector-key=${COLLECTOR_KEY}` });
    const before = collector.requests.length;
    plain = await runWith('none', {});
    plainRequests = collector.requests.length - before;
  });

  it('sends the run as one trace: run -> phases and run -> module -> generation, with the figures', () => {
    expect(collector.rejected).toEqual([]);
    expect(collector.requests.every((request) => request.headers['content-type'] === 'application/json' && request.headers['x-collector-key'] === COLLECTOR_KEY)).toBe(true);
    const spans = collector.spans;
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    const roots = spans.filter((span) => span.parentSpanId === '');
    expect(roots.map((span) => span.name)).toEqual(['testmaster.run']);
    const run = roots[0]!;
    expect(run.resource).toMatchObject({ 'service.name': 'testmaster' });
    expect(run.statusCode).toBe(0);
    expect(run.attributes).toMatchObject({
      'testmaster.provider': 'offline',
      'testmaster.head_ref': 'feature-[REDACTED]',
      'testmaster.base_sha': repo.base,
      'testmaster.head_sha': repo.head,
      'testmaster.run.outcome': 'completed',
      'testmaster.patch.total': healthy.report.patch.total,
      'testmaster.patch.covered': healthy.report.patch.covered,
      'testmaster.run.model_calls': 0,
    });

    const phases = childrenOf(spans, run).filter((span) => span.name.startsWith('testmaster.phase.'));
    expect(phases.map((span) => span.name).sort()).toEqual(
      ['diff', 'scope', 'head-coverage', 'base-coverage', 'generation', 'report'].map((phase) => `testmaster.phase.${phase}`).sort(),
    );
    const head = phases.find((span) => span.name === 'testmaster.phase.head-coverage')!;
    expect(childrenOf(spans, head, 'testmaster.runner').map((span) => span.attributes['testmaster.runner.framework'])).toEqual(['vitest']);

    const modules = childrenOf(spans, run, 'testmaster.module');
    expect(modules.map((span) => span.attributes['testmaster.module.path'])).toEqual(['src/money.ts']);
    const module = modules[0]!;
    expect(module.events.some((event) => event.name === 'testmaster.coverage' && event.attributes['testmaster.coverage.side'] === 'head')).toBe(true);
    const generation = childrenOf(spans, module, 'testmaster.generation');
    expect(generation).toHaveLength(1);
    const reported = healthy.report.files.find((file) => file.path === 'src/money.ts')!.generation!;
    expect(generation[0]!.attributes['testmaster.generation.outcome']).toBe(reported.outcome);
    expect(generation[0]!.events.map((event) => event.name)).toContain('testmaster.probe');
    expect(spans.every((span) => span.endTimeUnixNano >= span.startTimeUnixNano)).toBe(true);
    expect(childrenOf(spans, run).every((span) => span.startTimeUnixNano >= run.startTimeUnixNano && span.endTimeUnixNano <= run.endTimeUnixNano)).toBe(true);

    expect(telemetryLines(healthy.stderr)).toEqual([`telemetry: ${spans.length} span(s) sent to ${collector.endpoint}`]);
  });

  it('puts neither the model key, nor the collector headers, nor source text in any span', () => {
    const everything = JSON.stringify(collector.spans, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(everything).toContain('src/money.ts');
    expect(everything).not.toContain(MODEL_KEY);
    expect(everything).not.toContain(COLLECTOR_KEY);
    expect(everything).not.toContain(repo.dir); // the machine's paths stay out
    const source = readFileSync(join(repo.dir, 'src', 'money.ts'), 'utf8');
    for (const line of source.split('\n').map((text) => text.trim()).filter((text) => text.length > 20)) expect(everything).not.toContain(line);
  });

  it('writes the --events file: one JSON object per line, run-started to run-completed, the timeline, redacted', () => {
    expect(healthy.eventsText.endsWith('\n')).toBe(true);
    expect(healthy.eventsText).not.toContain(MODEL_KEY);
    const events = healthy.eventsText.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; atMs: number; headRef?: string });
    expect(events[0]!.type).toBe('run-started');
    expect(events[0]!.headRef).toBe('feature-[REDACTED]');
    expect(events.at(-1)!.type).toBe('run-completed');
    expect(events).toEqual(healthy.report.timeline);
    expect(healthy.stderr).not.toContain(COLLECTOR_KEY);
  });

  it.each([
    ['a closed port', 'none' as const, async () => `http://127.0.0.1:${await closedPort()}`],
    ['a collector that never answers', 'offline' as const, async () => {
      const stuck = await startOtlpReceiver('hang');
      cleanups.push(() => stuck.stop());
      return stuck.endpoint;
    }],
  ])('runs as without telemetry when the collector is %s, cut off by the deadline', async (_name, provider, endpoint) => {
    const run = await runWith(provider, { OTEL_EXPORTER_OTLP_ENDPOINT: await endpoint(), OTEL_EXPORTER_OTLP_TIMEOUT: '600000' });
    expect(figures(run.report)).toEqual(figures(healthy.report));
    // The same events as the run of the same settings: plain for provider none, healthy for offline.
    const same = provider === 'none' ? plain : healthy;
    expect(run.eventsText.trimEnd().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(eventTypes(same.report.timeline));
    const lines = telemetryLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^telemetry: (export to http:\/\/127\.0\.0\.1:\d+ failed \(.+\)|http:\/\/127\.0\.0\.1:\d+ did not answer within 2000 ms); spans dropped, the run is unaffected$/);
  });

  it('does not take its own --events file inside the repository for a file the tests changed', async () => {
    const inRepo = join(repo.dir, 'testmaster-events.jsonl');
    cleanups.push(() => rmSync(inRepo, { force: true }));
    const out = mkdtempSync(join(tmpdir(), 'testmaster-telemetry-e2e-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    const run = await runCliAsync(
      ['run', '--repo', repo.dir, '--base', repo.base, ...providerArgs('offline'), '--include', 'src/money.ts', '--no-base',
        '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), '--events', inRepo],
      { env: envWith({}), timeoutMs: RUN_LIMIT_MS },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(inRepo, 'utf8')).toContain('"run-completed"');
    const report = parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8'));
    const warnings = report.timeline.filter((event) => event.type === 'warning').map((event) => JSON.stringify(event));
    expect(warnings.filter((text) => text.includes('working tree'))).toEqual([]);
  });

  it('without the variables, exports nothing and says nothing about telemetry', () => {
    expect(plainRequests).toBe(0);
    expect(telemetryLines(plain.stderr)).toEqual([]);
    expect(figures(plain.report)).toEqual(figures(healthy.report));
  });
});
