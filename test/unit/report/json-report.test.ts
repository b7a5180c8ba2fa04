import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { parseJsonReport, toJsonReport } from '../../../src/report/json-report.js';
import type { RunReport } from '../../../src/report/types.js';
import { c, failedFile, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

function sampleReport(): RunReport {
  return makeReport(
    [
      measuredFile('src/a.ts', { base: metrics(c(1, 2)), changeKind: 'modified', head: metrics(c(2, 2)), patch: patch(2, 3, [4], [2]) }),
      failedFile('src/b.ts', 'timed out'),
    ],
    {
      skipped: [{ path: 'README.md', reason: 'not a module' }],
      timeline: [
        { type: 'run-started', repoDir: '/r', baseRef: 'main', headRef: 'HEAD', provider: 'none', atMs: 0 },
        { type: 'phase-started', phase: 'diff', atMs: 3 },
      ],
    },
  );
}

/** The same object with every key list reversed, recursively. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('toJsonReport', () => {
  it('writes 2-space indented JSON with a trailing newline, schemaVersion first', () => {
    const text = toJsonReport(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "testmaster",\n    "version": "0.1.0"\n  },\n  "base": ')).toBe(true);
    expect(text).toContain('\n      "path": "src/a.ts",\n      "previousPath": null,\n      "changeKind": "modified",\n');
    expect(text).toContain('{\n      "type": "phase-started",\n      "atMs": 3,\n      "phase": "diff"\n    }');
  });

  it('does not depend on the order objects were built in', () => {
    const report = sampleReport();
    expect(toJsonReport(reversedKeys(report) as RunReport)).toBe(toJsonReport(report));
  });
});

describe('parseJsonReport', () => {
  it('reads back what toJsonReport wrote', () => {
    const report = sampleReport();
    expect(parseJsonReport(toJsonReport(report))).toEqual(report);
  });

  it('keeps unknown timeline events (later stages add kinds)', () => {
    const report = makeReport([], { timeline: [{ type: 'some-future-event', atMs: 5, extra: [1] } as unknown as RunReport['timeline'][number]] });
    expect(parseJsonReport(toJsonReport(report)).timeline).toEqual([{ type: 'some-future-event', atMs: 5, extra: [1] }]);
  });

  it('says where a report does not match', () => {
    const bad = JSON.parse(toJsonReport(sampleReport())) as { files: { path: unknown }[] };
    bad.files[1]!.path = 7;
    expect(() => parseJsonReport(JSON.stringify(bad))).toThrow(ConfigurationError);
    expect(() => parseJsonReport(JSON.stringify(bad))).toThrow(/at files\.1\.path/);
    expect(() => parseJsonReport(JSON.stringify({ ...sampleReport(), schemaVersion: 2 }))).toThrow(/at schemaVersion/);
    expect(() => parseJsonReport('{"schemaVersion": 1,')).toThrow(/not valid JSON/);
    expect(() => parseJsonReport('[]')).toThrow(/at the top level/);
  });
});
