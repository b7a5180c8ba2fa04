/**
 * The test cases of a Vitest or Jest test file, read from its syntax tree: their names as the
 * runners report them, where they are, how many assertions they make; and the file with some of
 * them removed (or all but some kept), valid and otherwise unchanged byte for byte. This is how a
 * generated test file loses the cases that failed, flaked or added no coverage while its passing
 * cases stay. Pure: text in, text out.
 *
 * Names follow the runners' JSON reports as read by src/runners/jest-style-results.ts: the titles
 * of the enclosing `describe` blocks (empty ones left out) and the case's own title, joined by ' > '.
 */
import type ts from 'typescript';
import { GenerationError } from '../errors/errors.js';
import { countAssertions } from './test-case-assertions.js';
import { callbacksOf, type TestModifier } from './test-case-calls.js';
import { describeSyntaxProblem, parseTestSource, syntaxProblemsOf } from './test-case-parse.js';
import { generatorOf } from './test-case-generators.js';
import { cutTestCases } from './test-case-removal.js';
import { buildTestTree, type CaseEntry, type TestTree } from './test-case-tree.js';

export type { TestModifier } from './test-case-calls.js';
export { findSyntaxErrors, type SyntaxProblem } from './test-case-parse.js';

export const NAME_SEPARATOR = ' > ';

export interface SourceRange {
  /** Offsets in the source text (UTF-16 code units), end exclusive, comments before it excluded. */
  readonly start: number;
  readonly end: number;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface TestCaseInfo {
  /**
   * Full name as the runners report it: enclosing describe titles (empty ones left out) and the
   * title, joined by ' > '. For a parameterised case, the titles as written, placeholders included
   * (`sum > adds %i and %i`); match reported names with namePattern. Null when a title is not a
   * literal (dynamicTitle).
   */
  readonly name: string | null;
  /** The case's own title; null when it is not a literal. */
  readonly title: string | null;
  /** Titles of the enclosing describe blocks, outermost first; null for a non-literal one. */
  readonly ancestorTitles: readonly (string | null)[];
  /** Modifiers of the call, in source order (`it.concurrent.skip` -> ['concurrent', 'skip']). */
  readonly modifiers: readonly TestModifier[];
  /** `.each` / `.for` on the case or an enclosing describe: one source case, several reported ones. */
  readonly parameterised: boolean;
  /**
   * Anchored regular-expression source matching every name the runners report for this case
   * (exactly `name` for a plain case); null when a title gives nothing to match on (`it(name, ...)`).
   */
  readonly namePattern: string | null;
  /** A title (own or enclosing) is computed at run time, e.g. a template literal with substitutions. */
  readonly dynamicTitle: boolean;
  /** Another case in the file has the same non-null name; runners cannot tell them apart. */
  readonly duplicateName: boolean;
  /** The whole call statement (the call itself when it is not a statement of its own). */
  readonly range: SourceRange;
  /** `expect(...)` chains and `assert` calls in the case's body (see test-case-assertions.ts). */
  readonly assertionCount: number;
  /** Set when the call generates several reported cases (test-case-generators.ts); null for a plain case. */
  readonly generator: GeneratorInfo | null;
}

export interface GeneratorInfo {
  /** Its position among the file's generators, 0-based, in source order (kept by row and case removal). */
  readonly ordinal: number;
  /** The one literal table feeding it: where it starts (its identity in the file) and its rows; else null. */
  readonly table: { readonly start: number; readonly end: number; readonly rows: readonly SourceRange[] } | null;
}

export interface TestCaseRemoval {
  /** The new file text. */
  readonly source: string;
  /**
   * removeTestCases: the requested names that matched a case (all of them were removed).
   * keepOnlyTestCases: names of the cases removed (`(dynamic title at line N)` for unnamed ones).
   */
  readonly removed: string[];
  /** Requested names that match no case in the file. */
  readonly notFound: string[];
}

/**
 * Every test case of the file, in source order. A file with syntax errors is read as far as the
 * parser recovers (findSyntaxErrors says whether it has any).
 */
export function listTestCases(source: string, fileName: string): TestCaseInfo[] {
  return [...analyse(source, fileName).infos.values()];
}

/**
 * Removes the cases whose reported name is in `names` (a parameterised case goes as a whole when
 * any of its names is given; duplicate names remove every case that has them), and every describe
 * block left with no case. Throws GenerationError when the file does not parse, or a case cannot
 * be cut out cleanly.
 */
export function removeTestCases(source: string, fileName: string, names: ReadonlySet<string>): TestCaseRemoval {
  const analysis = parseableAnalysis(source, fileName);
  const remove = new Set<CaseEntry>();
  const removed: string[] = [];
  const notFound: string[] = [];
  for (const name of names) {
    const matches = casesNamed(analysis, name);
    for (const entry of matches) remove.add(entry);
    (matches.length > 0 ? removed : notFound).push(name);
  }
  return { source: cutTestCases(analysis.tree, source, fileName, remove, labelFor(analysis)), removed, notFound };
}

/**
 * The complement of removeTestCases: keeps the cases named in `names` and the generators whose
 * ordinal is in `generators` (GeneratorInfo.ordinal), removes every other.
 */
export function keepOnlyTestCases(source: string, fileName: string, names: ReadonlySet<string>, generators: ReadonlySet<number> = new Set()): TestCaseRemoval {
  const analysis = parseableAnalysis(source, fileName);
  const keep = new Set<CaseEntry>();
  for (const [entry, info] of analysis.infos) if (info.generator !== null && generators.has(info.generator.ordinal)) keep.add(entry);
  const notFound: string[] = [];
  for (const name of names) {
    const matches = casesNamed(analysis, name);
    for (const entry of matches) keep.add(entry);
    if (matches.length === 0) notFound.push(name);
  }
  const remove = new Set(analysis.tree.cases.filter((entry) => !keep.has(entry)));
  const label = labelFor(analysis);
  const removed = [...new Set([...remove].map(label))];
  return { source: cutTestCases(analysis.tree, source, fileName, remove, label), removed, notFound };
}

/** Whether `name`, as a runner reported it, is (one of the names of) this case. */
export function testCaseMatchesName(testCase: TestCaseInfo, name: string): boolean {
  if (testCase.name === name) return true;
  return testCase.namePattern !== null && new RegExp(testCase.namePattern).test(name);
}

interface Analysis {
  readonly tree: TestTree;
  readonly infos: ReadonlyMap<CaseEntry, TestCaseInfo>;
}

function analyse(source: string, fileName: string): Analysis {
  const tree = buildTestTree(parseTestSource(source, fileName));
  let ordinal = 0;
  const drafts = tree.cases.map((entry) => {
    const shape = generatorOf(tree, entry);
    const table = shape?.table ?? null;
    const generator =
      shape === null
        ? null
        : {
            ordinal: ordinal++,
            table: table === null ? null : { start: table.node.getStart(tree.sourceFile), end: table.node.end, rows: table.rows.map((row) => rangeOf(tree.sourceFile, row)) },
          };
    return [entry, { ...describeCase(tree, entry), generator }] as const;
  });
  const nameCounts = new Map<string, number>();
  for (const [, info] of drafts) if (info.name !== null) nameCounts.set(info.name, (nameCounts.get(info.name) ?? 0) + 1);
  const infos = new Map<CaseEntry, TestCaseInfo>();
  for (const [entry, info] of drafts) {
    infos.set(entry, { ...info, duplicateName: info.name !== null && (nameCounts.get(info.name) ?? 0) > 1 });
  }
  return { tree, infos };
}

function parseableAnalysis(source: string, fileName: string): Analysis {
  const analysis = analyse(source, fileName);
  const problems = syntaxProblemsOf(analysis.tree.sourceFile);
  if (problems.length > 0) {
    throw new GenerationError(
      `cannot remove test cases from ${fileName}: it does not parse (${describeSyntaxProblem(problems[0]!)}); fix the syntax error or drop the whole file`,
    );
  }
  return analysis;
}

function rangeOf(sourceFile: ts.SourceFile, node: ts.Node): SourceRange {
  const start = node.getStart(sourceFile);
  return {
    start,
    end: node.end,
    startLine: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
    endLine: sourceFile.getLineAndCharacterOfPosition(node.end).line + 1,
  };
}

function describeCase(tree: TestTree, entry: CaseEntry): Omit<TestCaseInfo, 'duplicateName' | 'generator'> {
  // Runners leave empty describe titles out of the reported name (see jest-style-results.ts).
  const titles = [...entry.suites.map((suite) => suite.title).filter((title) => title.text !== ''), entry.title];
  const texts = titles.map((title) => title.text);
  const patterns = titles.map((title) => title.pattern);
  const { sourceFile } = tree;
  const start = entry.unit.node.getStart(sourceFile);
  const end = entry.unit.node.end;
  return {
    name: texts.every((text) => text !== null) ? texts.join(NAME_SEPARATOR) : null,
    title: entry.title.text,
    ancestorTitles: entry.suites.map((suite) => suite.title.text),
    modifiers: entry.shape.modifiers,
    parameterised: entry.shape.parameterised || entry.suites.some((suite) => suite.shape.parameterised),
    namePattern: patterns.every((pattern) => pattern !== null) ? `^${patterns.map((pattern) => `(?:${pattern})`).join(NAME_SEPARATOR)}$` : null,
    dynamicTitle: texts.includes(null),
    range: {
      start,
      end,
      startLine: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
      endLine: sourceFile.getLineAndCharacterOfPosition(end).line + 1,
    },
    assertionCount: countAssertions(callbacksOf(entry.call)),
  };
}

/** Exact name matches first; only when there are none, the cases whose pattern matches. */
function casesNamed(analysis: Analysis, name: string): CaseEntry[] {
  const entries = [...analysis.infos.entries()];
  const exact = entries.filter(([, info]) => info.name === name);
  const matches = exact.length > 0 ? exact : entries.filter(([, info]) => testCaseMatchesName(info, name));
  return matches.map(([entry]) => entry);
}

function labelFor(analysis: Analysis): (entry: CaseEntry) => string {
  return (entry) => {
    const info = analysis.infos.get(entry);
    return info?.name ?? `(dynamic title at line ${info?.range.startLine ?? 0})`;
  };
}
