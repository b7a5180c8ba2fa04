/**
 * A side's measurement as the store keeps it (so a resumed run does not measure coverage again), and
 * its codec to and from JSON. SideCoverage holds Maps, which JSON has not: each Map is stored as an
 * array of [key, value] entries (in the Map's order) and rebuilt as a Map on load, so a round trip
 * gives back deep-equal data. Checked both ways:
 * - `files`: keys are repository-relative paths (repoPathSchema), values Istanbul file coverage
 *   (stored-file-coverage.ts) whose `path` is its key;
 * - `failures`, `testsByPackage`, `failedCasesByPackage`: keys are package directories ('' for the
 *   root, else a repository-relative path); test files are non-empty strings; failed cases counts;
 * - no key appears twice in one entries array (a Map could not hold it).
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { z } from 'zod';
import type { SideCoverage } from '../pipeline/module-plan.js';
import type { BaseSource } from '../report/types.js';
import { describeIssues } from './describe-issues.js';
import { decodeJson } from './json-column.js';
import { StoreError } from './store-error.js';
import { fileCoverageSchema } from './stored-file-coverage.js';
import { count, repoPathSchema } from './stored-values.js';

export type MeasurementSide = 'head' | 'base';
export const MEASUREMENT_SIDES: readonly MeasurementSide[] = ['head', 'base'];

export interface StoredMeasurement {
  /** Where a base measurement came from; null for the head (or when not known). */
  readonly source: BaseSource | null;
  /** The side's coverage; null when the side was not measured. */
  readonly coverage: SideCoverage | null;
}

export const STORED_MEASUREMENT_VERSION = 1 as const;

const packageDirSchema = z.union([z.literal(''), repoPathSchema]);
const sourceSchema = z.enum(['worktree', 'file', 'none']).nullable();
const testFilesSchema = z.array(z.string().min(1));
const failureSchema = z.string().min(1);

/** Each file's coverage names its own key as its path. */
function checkFilePaths(coverage: { readonly files: ReadonlyMap<string, FileCoverageData> }, context: z.RefinementCtx): void {
  for (const [key, data] of coverage.files) {
    if (data.path !== key) context.addIssue({ code: 'custom', path: ['files'], message: `the coverage of ${key} names another path (${JSON.stringify(String(data.path).slice(0, 80))})` });
  }
}

/** The value as the caller passes it (with Maps), checked before it is encoded. */
const measurementSchema = z.strictObject({
  source: sourceSchema,
  coverage: z
    .strictObject({
      files: z.map(repoPathSchema, fileCoverageSchema),
      failures: z.map(packageDirSchema, failureSchema),
      testsByPackage: z.map(packageDirSchema, testFilesSchema),
      failedCasesByPackage: z.map(packageDirSchema, count),
    })
    .superRefine(checkFilePaths)
    .nullable(),
});

/** A Map stored as an array of [key, value] entries with no key twice, rebuilt as a Map. */
function entriesOf<K, V>(key: z.ZodType<K>, value: z.ZodType<V>) {
  return z
    .array(z.tuple([key, value]))
    .superRefine((entries, context) => {
      const seen = new Set<K>();
      for (const [index, [name]] of entries.entries()) {
        if (seen.has(name)) context.addIssue({ code: 'custom', path: [index, 0], message: `${JSON.stringify(name)} appears twice` });
        seen.add(name);
      }
    })
    .transform((entries) => new Map(entries));
}

/** The stored JSON, turned back into the caller's shape (Maps) when it passes. */
const storedMeasurementSchema: z.ZodType<StoredMeasurement> = z.strictObject({
  version: z.literal(STORED_MEASUREMENT_VERSION),
  source: sourceSchema,
  coverage: z
    .strictObject({
      files: entriesOf(repoPathSchema, fileCoverageSchema),
      failures: entriesOf(packageDirSchema, failureSchema),
      testsByPackage: entriesOf(packageDirSchema, testFilesSchema),
      failedCasesByPackage: entriesOf(packageDirSchema, count),
    })
    .superRefine(checkFilePaths)
    .nullable(),
}).transform(({ source, coverage }): StoredMeasurement => ({ source, coverage }));

/** Validates `value` and returns the JSON text to store; `what` names it in the error. */
export function encodeMeasurement(value: StoredMeasurement, what: string): string {
  const parsed = measurementSchema.safeParse(value);
  if (!parsed.success) throw new StoreError('invalid-input', `refused to store the ${what}: ${describeIssues(parsed.error)}; fix the value passed to the run store`);
  const { source, coverage } = parsed.data;
  return JSON.stringify({
    version: STORED_MEASUREMENT_VERSION,
    source,
    coverage:
      coverage === null
        ? null
        : {
            files: [...coverage.files],
            failures: [...coverage.failures],
            testsByPackage: [...coverage.testsByPackage],
            failedCasesByPackage: [...coverage.failedCasesByPackage],
          },
  });
}

/** Parses and validates stored JSON text, rebuilding the Maps; StoreError 'invalid-row' when it fails. */
export function decodeMeasurement(text: unknown, where: string): StoredMeasurement {
  return decodeJson(storedMeasurementSchema, text, where);
}
