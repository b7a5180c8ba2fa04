/**
 * The phases one module goes through in a run, and which step may follow which, as data (pure):
 *
 *   analysed -> head-measured -> base-measured -> generating(1) -> validated(1)
 *     -> generating(2) -> validated(2) ... -> kept | dropped | failed
 *
 * `attempt` counts generation attempts (the first answer, then each healing turn): generating(k) is
 * followed by validated(k); validated(k) by generating(k + 1) or an end; generating(k) may also be
 * followed by generating(k + 1) when attempt k produced nothing to validate (an unusable answer, or
 * a run interrupted mid-attempt). Any phase that is not an end may be followed by dropped (skipped:
 * budget, nothing uncovered, nothing kept) or failed. kept, dropped and failed are ends.
 */

export const MODULE_PHASES = ['analysed', 'head-measured', 'base-measured', 'generating', 'validated', 'kept', 'dropped', 'failed'] as const;
export type ModulePhase = (typeof MODULE_PHASES)[number];

export const END_PHASES: ReadonlySet<ModulePhase> = new Set<ModulePhase>(['kept', 'dropped', 'failed']);
/** Phases that carry an attempt number (>= 1); the others have none (null). */
export const ATTEMPT_PHASES: ReadonlySet<ModulePhase> = new Set<ModulePhase>(['generating', 'validated']);

/** How the attempt of the next phase relates to the current one. */
export type AttemptRule = 'none' | 'first' | 'same' | 'next';

export interface PhaseTransition {
  /** null: the module's first checkpoint in the run. */
  readonly from: ModulePhase | null;
  readonly to: ModulePhase;
  readonly attempt: AttemptRule;
}

const OPEN_PHASES = MODULE_PHASES.filter((phase) => !END_PHASES.has(phase));

export const MODULE_TRANSITIONS: readonly PhaseTransition[] = [
  { from: null, to: 'analysed', attempt: 'none' },
  { from: 'analysed', to: 'head-measured', attempt: 'none' },
  { from: 'head-measured', to: 'base-measured', attempt: 'none' },
  { from: 'base-measured', to: 'generating', attempt: 'first' },
  { from: 'generating', to: 'validated', attempt: 'same' },
  { from: 'generating', to: 'generating', attempt: 'next' },
  { from: 'validated', to: 'generating', attempt: 'next' },
  { from: 'validated', to: 'kept', attempt: 'none' },
  ...OPEN_PHASES.flatMap((from): PhaseTransition[] => [
    { from, to: 'dropped', attempt: 'none' },
    { from, to: 'failed', attempt: 'none' },
  ]),
];

/** Where a module stands: its phase and, for generating/validated, the attempt. */
export interface PhasePosition {
  readonly phase: ModulePhase;
  readonly attempt: number | null;
}

export function describePosition(position: PhasePosition | null): string {
  if (position === null) return 'no phase yet';
  return position.attempt === null ? position.phase : `${position.phase} (attempt ${String(position.attempt)})`;
}

function expectedAttempt(rule: AttemptRule, current: PhasePosition | null): number | null {
  if (rule === 'none') return null;
  if (rule === 'first') return 1;
  const attempt = current?.attempt ?? 0;
  return rule === 'same' ? attempt : attempt + 1;
}

/** Null when `next` may follow `current`; else a short phrase saying why not (pure). */
export function transitionProblem(current: PhasePosition | null, next: PhasePosition): string | null {
  const from = current?.phase ?? null;
  const candidates = MODULE_TRANSITIONS.filter((transition) => transition.from === from && transition.to === next.phase);
  if (candidates.length === 0) {
    if (from !== null && END_PHASES.has(from)) return `${from} is an end phase`;
    const allowed = [...new Set(MODULE_TRANSITIONS.filter((transition) => transition.from === from).map((transition) => transition.to))];
    return `after ${from ?? 'nothing'} comes ${allowed.join(' | ')}`;
  }
  const expected = candidates.map((transition) => expectedAttempt(transition.attempt, current));
  if (expected.includes(next.attempt)) return null;
  const wanted = expected.map((attempt) => (attempt === null ? 'no attempt' : `attempt ${String(attempt)}`)).join(' or ');
  return `${next.phase} here needs ${wanted}, got ${next.attempt === null ? 'no attempt' : `attempt ${String(next.attempt)}`}`;
}
