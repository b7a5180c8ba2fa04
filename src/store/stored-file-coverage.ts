/**
 * The zod schema of one file's Istanbul coverage (istanbul-lib-coverage's FileCoverageData) as the
 * store keeps it in a measurement: the structure the rest of the code reads is checked (the same
 * the runners' coverage passes in src/coverage/read-file-coverage.ts, and more), anything else is
 * kept as it is (passthrough: inputSourceMap, hash, _coverageSchema, bT...).
 *
 * - `path` is a string; statementMap, fnMap and branchMap are objects of ranges `{ start, end }`;
 *   a statement's start line is a positive integer (line coverage is read from it);
 * - positions are `{ line, column }`; either may be absent (Istanbul writes `{}` for an implicit
 *   else), a column may be null (a JSON-written Infinity, "to the end of the line") and, when
 *   written, Infinity;
 * - s and f are hit counts (finite numbers >= 0), b arrays of them; a branch has at least one location;
 * - the ids of s are exactly those of statementMap, of f those of fnMap, of b those of branchMap.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { z } from 'zod';

const lineNumber = z.number().int().nonnegative();
const column = z.union([z.number().nonnegative(), z.literal(Infinity), z.null()]);

const position = z.looseObject({ line: lineNumber.optional(), column: column.optional() });
const range = z.looseObject({ start: position, end: position });
const statementRange = range.extend({ start: position.extend({ line: z.number().int().positive() }) });

const functionMapping = z.looseObject({
  name: z.string().optional(),
  decl: range.optional(),
  loc: range,
  line: lineNumber.optional(),
});

const branchMapping = z.looseObject({
  loc: range.optional(),
  type: z.string().optional(),
  locations: z.array(range).min(1),
  line: lineNumber.optional(),
});

const hits = z.number().nonnegative();

const idsOf = (record: Record<string, unknown>): string => Object.keys(record).sort().join(',');

export const fileCoverageSchema = z
  .looseObject({
    path: z.string().min(1),
    statementMap: z.record(z.string(), statementRange),
    fnMap: z.record(z.string(), functionMapping),
    branchMap: z.record(z.string(), branchMapping),
    s: z.record(z.string(), hits),
    f: z.record(z.string(), hits),
    b: z.record(z.string(), z.array(hits)),
  })
  .superRefine((data, context) => {
    for (const [counters, map] of [['s', 'statementMap'], ['f', 'fnMap'], ['b', 'branchMap']] as const) {
      if (idsOf(data[counters]) !== idsOf(data[map])) {
        context.addIssue({ code: 'custom', path: [counters], message: `the ids of ${counters} are not those of ${map}` });
      }
    }
  }) as unknown as z.ZodType<FileCoverageData>;
