/**
 * Pure: the gate's view of a candidate's cases once the first run is read, and what the final file
 * keeps. A tracked case is a literal one (its name is its file literal) or a generated one (the
 * `index`-th case a generator of the file reported, case-names.ts). Pruning understands generators:
 * a generator stays while any of its cases is kept; the rows of a literal table whose cases are not
 * kept are cut (test-case-rows.ts); a generator whose rows cannot be cut stays whole, so it is kept
 * only when every case it makes passed, and its other cases ride along in the kept file.
 */
import type { TestCaseInfo } from '../test-cases.js';
import { generatedCaseLabel } from './case-names.js';

export interface TrackedCase {
  /**
   * Internal key: the literal name, or GENERATED_ID_PREFIX + `<ordinal>:<index>`, which sorts after
   * every literal name, so a tie in the greedy choice goes to the case with a literal name.
   */
  readonly id: string;
  /** The name the runner reported: selects the case when run alone, never shown. */
  readonly runName: string;
  /** What the report calls it: the literal name, or a label from the file (never the reported name). */
  readonly label: string;
  readonly source: TestCaseInfo;
  /** For a generated case: its generator's ordinal and its 0-based place among that generator's cases. */
  readonly generated: { readonly ordinal: number; readonly index: number } | null;
}

export const GENERATED_ID_PREFIX = '\uffffgenerated:';

export function literalCase(name: string, source: TestCaseInfo): TrackedCase {
  return { id: name, runName: name, label: name, source, generated: null };
}

export function generatedCase(runName: string, source: TestCaseInfo, index: number): TrackedCase {
  const ordinal = source.generator!.ordinal;
  return { id: `${GENERATED_ID_PREFIX}${ordinal}:${index}`, runName, label: generatedCaseLabel(source, index + 1), source, generated: { ordinal, index } };
}

/**
 * The generators whose rows can be cut: each reported exactly one case per row of its literal table,
 * and so did every other generator fed by that table. `reported`: every case of the first run.
 */
export function cuttableGenerators(reported: readonly TrackedCase[]): Set<number> {
  const counts = new Map<number, { source: TestCaseInfo; count: number }>();
  for (const entry of reported) {
    if (entry.generated === null) continue;
    const seen = counts.get(entry.generated.ordinal);
    counts.set(entry.generated.ordinal, { source: entry.source, count: (seen?.count ?? 0) + 1 });
  }
  const fits = (source: TestCaseInfo, count: number): boolean => source.generator?.table?.rows.length === count;
  const badTables = new Set<number>();
  for (const { source, count } of counts.values()) if (source.generator?.table && !fits(source, count)) badTables.add(source.generator.table.start);
  const result = new Set<number>();
  for (const [ordinal, { source, count }] of counts) {
    const table = source.generator?.table;
    if (table && fits(source, count) && !badTables.has(table.start)) result.add(ordinal);
  }
  return result;
}

export interface FinalSelection {
  /** Literal names to keep. */
  readonly names: Set<string>;
  /** Generators to keep, by ordinal. */
  readonly generators: Set<number>;
  /** Table start -> rows (0-based) to cut. */
  readonly rowCuts: Map<number, Set<number>>;
  /** Stable cases of whole-kept generators that were not picked: they stay in the file (ids). */
  readonly ridingAlong: readonly TrackedCase[];
}

/** What the final file keeps, from the picked cases (by id) among the stable ones. */
export function finalSelection(picked: ReadonlySet<string>, stable: readonly TrackedCase[], cuttable: ReadonlySet<number>): FinalSelection {
  const names = new Set<string>();
  const generators = new Set<number>();
  const keptRows = new Map<number, Set<number>>();
  const tableRows = new Map<number, number>();
  for (const entry of stable) {
    if (!picked.has(entry.id)) continue;
    if (entry.generated === null) {
      names.add(entry.id);
      continue;
    }
    generators.add(entry.generated.ordinal);
    const table = entry.source.generator?.table;
    if (table && cuttable.has(entry.generated.ordinal)) {
      tableRows.set(table.start, table.rows.length);
      const rows = keptRows.get(table.start) ?? new Set<number>();
      rows.add(entry.generated.index);
      keptRows.set(table.start, rows);
    }
  }
  const rowCuts = new Map<number, Set<number>>();
  for (const [start, rows] of keptRows) {
    const total = tableRows.get(start) ?? 0;
    rowCuts.set(start, new Set(Array.from({ length: total }, (_, index) => index).filter((index) => !rows.has(index))));
  }
  const ridingAlong = stable.filter(
    (entry) => entry.generated !== null && !picked.has(entry.id) && generators.has(entry.generated.ordinal) && !cuttable.has(entry.generated.ordinal),
  );
  return { names, generators, rowCuts, ridingAlong };
}

/**
 * The report's name of a generated case as it stands in the final file: its generator's line there,
 * and its place among the rows left (a cut table) or among its cases (a whole generator).
 */
export function finalLabel(entry: TrackedCase, finalCases: readonly TestCaseInfo[], selection: FinalSelection): string {
  if (entry.generated === null) return entry.label;
  const ordinals = [...selection.generators].sort((a, b) => a - b);
  const finalOrdinal = ordinals.indexOf(entry.generated.ordinal);
  const source = finalCases.filter((info) => info.generator !== null)[finalOrdinal] ?? entry.source;
  const table = entry.source.generator?.table;
  const cut = table ? selection.rowCuts.get(table.start) : undefined;
  const index = cut === undefined ? entry.generated.index : entry.generated.index - [...cut].filter((row) => row < entry.generated!.index).length;
  return generatedCaseLabel(source, index + 1);
}
