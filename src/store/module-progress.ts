/**
 * A module's progress in a run, folded from its checkpoint rows (pure): where it stands now and
 * every state it passed through. The chain is checked again on load (steps 1..n with no gap, each
 * step an allowed transition from the one before), so rows edited out of order are caught.
 */
import { type ModulePhase, describePosition, END_PHASES, transitionProblem } from './module-phases.js';
import type { ModuleState, StateOf } from './module-state.js';
import type { ProgressRow } from './progress-table.js';

export interface ModuleProgress {
  readonly module: string;
  /** The latest checkpoint. */
  readonly current: ModuleState;
  /** Every checkpoint, oldest first (the last one is `current`). */
  readonly history: readonly ModuleState[];
  readonly updatedAtMs: number;
  /** True when the module reached kept, dropped or failed: a resumed run does nothing more for it. */
  readonly finished: boolean;
}

/** Null when the rows of one module (by step) form an allowed chain; else a short phrase. */
export function chainProblem(rows: readonly ProgressRow[]): string | null {
  let previous: ModuleState | null = null;
  for (const [index, row] of rows.entries()) {
    if (row.step !== index + 1) return `step ${String(row.step)} follows step ${String(index)}`;
    const problem = transitionProblem(previous, row.state);
    if (problem) return `step ${String(row.step)} goes from ${describePosition(previous)} to ${describePosition(row.state)} (${problem})`;
    previous = row.state;
  }
  return null;
}

/** Groups a run's rows (ordered by module, then step) into one progress per module. */
export function groupProgress(rows: readonly ProgressRow[]): ModuleProgress[] {
  const byModule = new Map<string, ProgressRow[]>();
  for (const row of rows) {
    const list = byModule.get(row.module) ?? [];
    list.push(row);
    byModule.set(row.module, list);
  }
  return [...byModule.entries()].map(([module, list]) => progressOf(module, list));
}

export function progressOf(module: string, rows: readonly ProgressRow[]): ModuleProgress {
  const last = rows[rows.length - 1]!;
  return { module, current: last.state, history: rows.map((row) => row.state), updatedAtMs: last.updatedAtMs, finished: END_PHASES.has(last.state.phase) };
}

/** The latest state the module had in `phase`, e.g. its head coverage once it is generating; null if it never was. */
export function stateIn<P extends ModulePhase>(progress: ModuleProgress, phase: P): StateOf<P> | null {
  for (let index = progress.history.length - 1; index >= 0; index -= 1) {
    const state = progress.history[index]!;
    if (state.phase === phase) return state as StateOf<P>;
  }
  return null;
}
