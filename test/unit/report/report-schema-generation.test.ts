import { describe, expect, it } from 'vitest';
import { parseJsonReport, toJsonReport } from '../../../src/report/json-report.js';
import type { RunReport } from '../../../src/report/types.js';
import { budget, estimate, generation, keptCase, possibleBug, proposedFile, withGeneration } from './generation-fixtures.js';
import { c, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

function generationReport(): RunReport {
  const file = measuredFile('src/a.ts', { base: metrics(c(1, 2)), head: metrics(c(2, 4)), patch: patch(1, 3, [4, 5]) });
  const skipped = measuredFile('src/b.ts', { base: null, changeKind: 'added', head: metrics(c(0, 2)), patch: patch(0, 2, [1, 2]) });
  return makeReport(
    [
      withGeneration(file, generation('kept', { turns: 2, llmCalls: 2, inputTokens: 900, outputTokens: 300, costUsd: 0.0012, promptTokens: 850 }), {
        ...metrics(c(4, 4)),
        patch: patch(3, 3),
      }),
      withGeneration(skipped, generation('skipped-budget', { reason: 'max-cost-usd' })),
    ],
    {
      proposedPatch: patch(3, 5, [1, 2]),
      proposedFiles: [proposedFile('test/a.test.ts', 'src/a.ts', "it('a', () => {});\n", [keptCase('a', [4, 5], 1)], [{ name: 'b', reason: 'flaky: passed 2 of 3' }])],
      possibleBugs: [possibleBug('src/a.ts', 'c', 'expected 1 to be 2', 'named "returns two"')],
      budget: budget({ stoppedByBudget: true }),
      estimate: null,
    },
  );
}

/** Parsed JSON, edited freely by the tests below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawJson = any;

/** The JSON of a valid report, changed by `edit`, then parsed. */
function parseEdited(edit: (raw: RawJson) => void): RunReport {
  const raw = JSON.parse(toJsonReport(generationReport())) as RawJson;
  edit(raw);
  return parseJsonReport(JSON.stringify(raw));
}

describe('the report schema with generation fields', () => {
  it('reads back a report with every generation field', () => {
    const report = generationReport();
    expect(parseJsonReport(toJsonReport(report))).toEqual(report);
    const withEstimate = makeReport([], { budget: budget({ llmCalls: 0 }), estimate: estimate({ exceeds: ['max-tokens'] }) });
    expect(parseJsonReport(toJsonReport(withEstimate))).toEqual(withEstimate);
  });

  it('still reads reports written before generation existed, adding no keys', () => {
    const old = makeReport([measuredFile('src/a.ts', { base: null, head: metrics(c(1, 1)), patch: patch(1, 1) })]);
    const parsed = parseJsonReport(toJsonReport(old));
    expect(parsed).toEqual(old);
    for (const key of ['proposedPatch', 'proposedFiles', 'possibleBugs', 'budget', 'estimate']) expect(key in parsed).toBe(false);
    expect('proposed' in parsed.files[0]! || 'generation' in parsed.files[0]!).toBe(false);
  });

  it('says where a generation field has the wrong shape', () => {
    expect(() => parseEdited((r) => (r.proposedFiles[0].sha256 = 'abc'))).toThrow(/at proposedFiles\.0\.sha256, expected the SHA-256/);
    expect(() => parseEdited((r) => (r.files[0].generation.outcome = 'maybe'))).toThrow(/at files\.0\.generation\.outcome/);
    expect(() => parseEdited((r) => (r.files[0].proposed.patch.missingLines = [0]))).toThrow(/at files\.0\.proposed\.patch\.missingLines\.0/);
    expect(() => parseEdited((r) => (r.proposedFiles[0].kept[0].newLines = ['4']))).toThrow(/at proposedFiles\.0\.kept\.0\.newLines\.0/);
    expect(() => parseEdited((r) => delete r.possibleBugs[0].evidence)).toThrow(/at possibleBugs\.0\.evidence/);
    expect(() => parseEdited((r) => (r.budget.limits.maxCostUsd = -1))).toThrow(/at budget\.limits\.maxCostUsd/);
    expect(() => parseEdited((r) => (r.budget.stoppedByBudget = 'yes'))).toThrow(/at budget\.stoppedByBudget/);
    expect(() => parseEdited((r) => (r.proposedPatch = { covered: 1 }))).toThrow(/at proposedPatch\.total/);
    expect(() => parseEdited((r) => (r.estimate = { ...estimate(), llmCalls: 1.5 }))).toThrow(/at estimate\.llmCalls/);
  });

  it('writes a proposed file with its content last', () => {
    const text = toJsonReport(generationReport());
    const start = text.indexOf('"proposedFiles"');
    const keys = [...text.slice(start).matchAll(/^ {6}"(\w+)":/gm)].slice(0, 7).map((m) => m[1]);
    expect(keys).toEqual(['path', 'framework', 'forFile', 'sha256', 'kept', 'dropped', 'content']);
  });
});
