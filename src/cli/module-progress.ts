/**
 * Pure: the CLI's progress model, folded from the pipeline's events. Per module: its phase (waiting,
 * measuring, probing, generating, validating, healing turn k, and how it ended), the model tokens and
 * cost spent on it in this run, the tokens of answers replayed from an interrupted run (already paid,
 * never added to the run's spend) and the tokens a reused result saved. For the run: the current phase,
 * the modules selected, model calls, tokens and cost so far. `applyProgressEvent` never mutates its input.
 */
import type { Phase, PipelineEvent } from '../events/types.js';

export type ModulePhase =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'measuring'; readonly side: 'base' | 'head' }
  | { readonly kind: 'probing' }
  | { readonly kind: 'generating' }
  | { readonly kind: 'validating' }
  | { readonly kind: 'healing'; readonly turn: number }
  | { readonly kind: 'reused'; readonly kept: number; readonly source: 'cache' | 'resume' }
  | { readonly kind: 'finished'; readonly outcome: string; readonly kept: number; readonly reason: string | null }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Model tokens: spent in this run, replayed (paid by the interrupted run) or saved (a reused result). */
export interface TokenFigures {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly replayedInputTokens: number;
  readonly replayedOutputTokens: number;
  readonly savedTokens: number;
  readonly savedCostUsd: number;
}

export interface ModuleProgress extends TokenFigures {
  readonly path: string;
  /** The module's workspace package ('' for the root), once its analysis started. */
  readonly packageDir: string | null;
  readonly phase: ModulePhase;
  /** generation-started events seen: the hybrid provider runs the zero-token generator, then the model. */
  readonly generationStarts: number;
}

export type RunEnd = 'completed' | 'failed' | 'interrupted';

export interface RunProgress extends TokenFigures {
  readonly provider: string | null;
  /** The pipeline phase under way, null between phases. */
  readonly phase: Phase | null;
  /** The modules chosen for measurement, in the pipeline's order. */
  readonly selected: readonly string[];
  /** Every module an event named, in first-seen order (includes files skipped at scope). */
  readonly modules: ReadonlyMap<string, ModuleProgress>;
  readonly ended: RunEnd | null;
}

const NO_TOKENS: TokenFigures = {
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  replayedInputTokens: 0,
  replayedOutputTokens: 0,
  savedTokens: 0,
  savedCostUsd: 0,
};

export function initialProgress(): RunProgress {
  return { ...NO_TOKENS, provider: null, phase: null, selected: [], modules: new Map(), ended: null };
}

/** A module is shown in the live block while one of these is its phase. */
export function isActive(phase: ModulePhase): boolean {
  return phase.kind === 'measuring' || phase.kind === 'probing' || phase.kind === 'generating' || phase.kind === 'validating' || phase.kind === 'healing';
}

export function isDone(phase: ModulePhase): boolean {
  return phase.kind === 'reused' || phase.kind === 'finished' || phase.kind === 'skipped';
}

/** Selected modules whose work is over (a hybrid module that went back to the model counts again only when it ends). */
export function modulesDone(state: RunProgress): number {
  return state.selected.filter((path) => {
    const module = state.modules.get(path);
    return module !== undefined && isDone(module.phase);
  }).length;
}

/** Modules in an active phase, in first-seen order. */
export function activeModules(state: RunProgress): ModuleProgress[] {
  return [...state.modules.values()].filter((module) => isActive(module.phase));
}

export function hasModelActivity(figures: TokenFigures): boolean {
  return figures.calls > 0 || figures.replayedInputTokens + figures.replayedOutputTokens > 0 || figures.savedTokens > 0 || figures.savedCostUsd > 0;
}

const OUTCOME_LABELS: Record<string, string> = {
  'nothing-kept': 'nothing kept',
  'skipped-covered': 'already covered',
  'skipped-budget': 'skipped (budget)',
};

const SHORT_REASON_CHARS = 48;

/** `'healing turn 2'`, `'kept 3 case(s)'`, `'failed: model answered 500…'` (the reason only when asked for, first line, shortened). */
export function phaseLabel(phase: ModulePhase, withReason = true): string {
  switch (phase.kind) {
    case 'waiting':
    case 'probing':
    case 'generating':
    case 'validating':
      return phase.kind;
    case 'measuring':
      return `measuring ${phase.side}`;
    case 'healing':
      return `healing turn ${phase.turn}`;
    case 'reused':
      return `reused ${phase.kept} case(s)`;
    case 'skipped':
      return withReason ? `skipped: ${shortReason(phase.reason)}` : 'skipped';
    case 'finished': {
      const label = phase.outcome === 'kept' ? `kept ${phase.kept} case(s)` : (OUTCOME_LABELS[phase.outcome] ?? phase.outcome);
      return withReason && phase.reason && phase.outcome !== 'kept' ? `${label}: ${shortReason(phase.reason)}` : label;
    }
  }
}

function shortReason(reason: string): string {
  const first = reason.split('\n')[0]?.trim() ?? '';
  return first.length > SHORT_REASON_CHARS ? `${first.slice(0, SHORT_REASON_CHARS - 1)}…` : first;
}

export function applyProgressEvent(state: RunProgress, event: PipelineEvent): RunProgress {
  switch (event.type) {
    case 'run-started':
      return { ...state, provider: event.provider, ended: null };
    case 'phase-started':
      return { ...state, phase: event.phase };
    case 'phase-completed':
      return state.phase === event.phase ? { ...state, phase: null } : state;
    case 'modules-selected': {
      let next: RunProgress = { ...state, selected: [...event.modules] };
      for (const path of event.modules) next = updateModule(next, path, (module) => module);
      return next;
    }
    case 'module-analysis-started':
      return updateModule(state, event.path, (module) => ({ ...module, packageDir: event.packageDir }));
    case 'runner-started':
      return updateWhere(state, (module) => module.packageDir === event.packageDir && module.phase.kind === 'waiting', (module) => ({
        ...module,
        phase: { kind: 'measuring', side: event.side },
      }));
    case 'runner-completed':
      return updateWhere(
        state,
        (module) => module.packageDir === event.packageDir && module.phase.kind === 'measuring' && module.phase.side === event.side,
        (module) => ({ ...module, phase: { kind: 'waiting' } }),
      );
    case 'module-skipped':
      return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'skipped', reason: event.reason } }));
    case 'generation-started':
      return updateModule(state, event.path, (module) => {
        const starts = module.generationStarts + 1;
        const zeroToken = state.provider === 'offline' || (state.provider === 'hybrid' && starts === 1);
        return { ...module, generationStarts: starts, phase: { kind: zeroToken ? 'probing' : 'generating' } };
      });
    case 'model-call': {
      const spent = (figures: TokenFigures) => ({
        calls: figures.calls + 1,
        inputTokens: figures.inputTokens + event.inputTokens,
        outputTokens: figures.outputTokens + event.outputTokens,
      });
      const next = updateModule(state, event.path, (module) => ({ ...module, ...spent(module), costUsd: module.costUsd + event.costUsd, phase: answered(module.phase) }));
      return { ...next, ...spent(state), costUsd: Math.max(state.costUsd, event.runCostUsd) };
    }
    case 'model-call-replayed': {
      const replayed = (figures: TokenFigures) => ({
        replayedInputTokens: figures.replayedInputTokens + event.inputTokens,
        replayedOutputTokens: figures.replayedOutputTokens + event.outputTokens,
      });
      const next = updateModule(state, event.path, (module) => ({ ...module, ...replayed(module), phase: answered(module.phase) }));
      return { ...next, ...replayed(state) };
    }
    case 'module-reused': {
      const saved = (figures: TokenFigures) => ({ savedTokens: figures.savedTokens + event.savedTokens, savedCostUsd: figures.savedCostUsd + event.savedCostUsd });
      const next = updateModule(state, event.path, (module) => ({ ...module, ...saved(module), phase: { kind: 'reused', kept: event.kept, source: event.source } }));
      return { ...next, ...saved(state) };
    }
    case 'heal-turn':
      return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'healing', turn: event.turn } }));
    case 'probe-finished':
      return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'validating' } }));
    case 'generation-finished':
      return updateModule(state, event.path, (module) => ({
        ...module,
        phase: { kind: 'finished', outcome: event.outcome, kept: event.kept, reason: event.reason },
      }));
    case 'run-resumed':
      // The resumed ledger's totals include what the interrupted run spent; shown until the first new call says more.
      return { ...state, costUsd: Math.max(state.costUsd, event.spentUsd) };
    case 'run-interrupted':
      return { ...state, ended: 'interrupted', phase: null };
    case 'run-completed':
      return { ...state, ended: 'completed', phase: null };
    case 'run-failed':
      return { ...state, ended: state.ended ?? 'failed', phase: null };
    case 'diff-computed':
    case 'coverage-measured':
    case 'candidate-validated':
    case 'warning':
      return state;
  }
}

/** After an answer (new or replayed) comes validation; a healing turn keeps its name until the next event. */
function answered(phase: ModulePhase): ModulePhase {
  return phase.kind === 'generating' || phase.kind === 'waiting' ? { kind: 'validating' } : phase;
}

function newModule(path: string): ModuleProgress {
  return { ...NO_TOKENS, path, packageDir: null, phase: { kind: 'waiting' }, generationStarts: 0 };
}

function updateModule(state: RunProgress, path: string, change: (module: ModuleProgress) => ModuleProgress): RunProgress {
  const modules = new Map(state.modules);
  modules.set(path, change(state.modules.get(path) ?? newModule(path)));
  return { ...state, modules };
}

function updateWhere(state: RunProgress, matches: (module: ModuleProgress) => boolean, change: (module: ModuleProgress) => ModuleProgress): RunProgress {
  if (![...state.modules.values()].some(matches)) return state;
  const modules = new Map([...state.modules].map(([path, module]) => [path, matches(module) ? change(module) : module] as const));
  return { ...state, modules };
}
