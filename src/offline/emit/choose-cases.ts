/**
 * Which probed calls become test cases (pure). A call is used only when both probe runs saw the same
 * outcome (time and randomness show up as a difference) and it returned or threw; per target, one
 * call per distinct outcome (a different result usually means a different path through the code;
 * outcomes that differ only where they repeat a string argument, `invalid flags: '<'` and `invalid
 * flags: '['`, are one),
 * round-robin over the targets up to a per-module cap, so every changed function gets its cases
 * before any gets many. A call that changed files in the checkout, or was refused a write (a sandbox's
 * read-only checkout), is left out with the reason; the module's other calls stay. The coverage gate later keeps only the cases that add coverage.
 */
import type { OfflineTarget } from '../analyse/types.js';
import { candidateKey } from '../probe/build-probe.js';
import { outcomeKey, type CallOutcome, type ProbeRecord } from '../probe/outcome.js';

export interface ChosenCase {
  readonly target: OfflineTarget;
  readonly index: number;
  readonly outcome: CallOutcome;
}

export interface RejectedCall {
  readonly target: OfflineTarget;
  readonly index: number;
  readonly reason: string;
}

export interface CaseChoice {
  readonly chosen: readonly ChosenCase[];
  /** Calls left out for a reason worth reporting (not mere repeats of another call's outcome). */
  readonly rejected: readonly RejectedCall[];
  /** Calls left out because another call of the same target had the same outcome, or over the cap. */
  readonly repeats: number;
}

export interface ChooseOptions {
  readonly maxCasesPerTarget: number;
  readonly maxCasesPerModule: number;
  /** Candidates cut off because they never returned (their probe run was killed), with the limit. */
  readonly neverReturned: ReadonlySet<string>;
  readonly probeLimitMs: number;
  /** Calls that changed files in the checkout (`target#index` -> repository-relative paths); default none. */
  readonly wrote?: ReadonlyMap<string, readonly string[]>;
}

/** A file-system refusal: the call tried to write where the test process may not (a sandbox's read-only checkout). */
const REFUSED_WRITE = /^(EROFS|EACCES|EPERM)\b/;

export function chooseCases(targets: readonly OfflineTarget[], first: readonly ProbeRecord[], second: readonly ProbeRecord[], options: ChooseOptions): CaseChoice {
  const firstByKey = byKey(first);
  const secondByKey = byKey(second);
  const rejected: RejectedCall[] = [];
  let usable = 0;
  const perTarget: ChosenCase[][] = [];
  for (const target of targets) {
    const distinct = new Map<string, ChosenCase>();
    target.candidates.forEach((_, index) => {
      const key = candidateKey(target.id, index);
      if (options.neverReturned.has(key)) {
        rejected.push({ target, index, reason: `never returned: cut off when its probe run reached ${Math.round(options.probeLimitMs / 1000)} s` });
        return;
      }
      const a = firstByKey.get(key);
      const b = secondByKey.get(key);
      if (a === undefined || b === undefined) return; // not probed (an earlier call hung in that run)
      if (outcomeKey(a) !== outcomeKey(b)) {
        rejected.push({ target, index, reason: 'nondeterministic: the two probe runs gave different results (time, randomness or shared state)' });
        return;
      }
      if (a.kind === 'pending') {
        rejected.push({ target, index, reason: `its promise did not settle within ${a.waitedMs} ms` });
        return;
      }
      if (a.kind === 'never-returned') {
        rejected.push({ target, index, reason: 'never returned' });
        return;
      }
      const wrote = options.wrote?.get(key);
      if (wrote !== undefined && wrote.length > 0) {
        rejected.push({ target, index, reason: `changed ${listFiles(wrote)} in the checkout: a test must leave the repository as it found it` });
        return;
      }
      const refused = a.kind === 'threw' || a.kind === 'rejected' ? (a.error.message ?? '') : '';
      if (REFUSED_WRITE.test(refused)) {
        rejected.push({ target, index, reason: `tried to write a file (${refused.split(':')[0]}): its result depends on where the test runs` });
        return;
      }
      usable += 1;
      const outcome = pathKey(a, target.candidates[index] ?? []);
      if (!distinct.has(outcome)) distinct.set(outcome, { target, index, outcome: a });
    });
    perTarget.push([...distinct.values()].slice(0, options.maxCasesPerTarget));
  }
  const chosen: ChosenCase[] = [];
  for (let round = 0; chosen.length < options.maxCasesPerModule; round++) {
    const next = perTarget.flatMap((cases) => cases.slice(round, round + 1));
    if (next.length === 0) break;
    chosen.push(...next.slice(0, options.maxCasesPerModule - chosen.length));
  }
  return { chosen, rejected, repeats: usable - chosen.length };
}

/**
 * The outcome's key with the string arguments it repeats taken out: a message or value that echoes
 * its input does not tell a different path. An argument is taken out where it appears in quotes
 * (`'${flags}'`, any text, the empty one included) and, when its text is distinctive (3+ characters,
 * or one that is not a letter, digit or space), anywhere, so that `a` inside `invalid` stays.
 */
export function pathKey(outcome: CallOutcome, args: readonly string[]): string {
  let key = outcomeKey(outcome);
  const texts = args.map(stringArgument).filter((text): text is string => text !== null);
  const forms = new Set<string>();
  for (const text of texts) {
    const json = JSON.stringify(text).slice(1, -1);
    forms.add(`'${json}'`);
    forms.add(`\\"${json}\\"`);
    if (text.length >= 3 || /[^A-Za-z0-9\s]/.test(text)) forms.add(json);
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) key = key.split(form).join('\u0000');
  return key;
}

/** The value of a single-quoted string literal without escapes (as candidates are written), else null. */
function stringArgument(source: string): string | null {
  const match = /^'([^'\\]*)'$/.exec(source);
  return match ? match[1]! : null;
}

function listFiles(files: readonly string[]): string {
  return `${files.slice(0, 2).join(', ')}${files.length > 2 ? ` and ${files.length - 2} more` : ''}`;
}

function byKey(records: readonly ProbeRecord[]): Map<string, CallOutcome> {
  return new Map(records.map((record) => [candidateKey(record.target, record.index), record.outcome]));
}
