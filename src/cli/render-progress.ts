/**
 * Pure: the CLI's live block on a terminal, as rows of text. One row per module in progress (its path,
 * cut from the left to fit, its phase, tokens and cost so far), in the order the modules first appeared,
 * then one totals row (the pipeline phase, modules done, cost, tokens, model calls). No row is wider
 * than `columns - 1`, so none wraps; no more than `maxRows` rows. An ended run has no block.
 */
import type { Phase } from '../events/types.js';
import { formatCount } from '../report/format-numbers.js';
import { activeModules, hasModelActivity, modulesDone, phaseLabel, type ModuleProgress, type RunProgress } from './module-progress.js';
import { tokenPair, usd } from './progress-lines.js';

export interface LiveBlockOptions {
  /** The terminal's width; rows are at most columns - 1 wide. */
  readonly columns: number;
  /** The most rows the block takes, the totals row included (at least 1). */
  readonly maxRows: number;
}

const INDENT = '  ';
const GAP = '  ';
const SEPARATOR = ' · ';
/** The tokens, then the cost column, give way before a path gets fewer characters than this. */
const PREFERRED_PATH_CHARS = 24;
/** A path is never cut shorter than this (the row is cut on the right instead). */
const MIN_PATH_CHARS = 12;

export function renderLiveBlock(state: RunProgress, options: LiveBlockOptions): string[] {
  if (state.ended !== null) return [];
  const width = Math.max(1, options.columns - 1);
  const moduleRoom = Math.max(0, options.maxRows - 1);
  const active = activeModules(state);
  const shown = active.length > moduleRoom ? active.slice(0, Math.max(0, moduleRoom - 1)) : active;
  const rows = moduleRows(shown, width);
  const hidden = active.length - shown.length;
  if (hidden > 0 && moduleRoom > 0) rows.push(clip(`${INDENT}… and ${hidden} more in progress`, width));
  rows.push(totalsRow(state, width));
  return rows;
}

const TOTALS_PHASE_TITLES: Record<Phase, string> = {
  diff: 'Comparing base and head',
  scope: 'Choosing modules',
  'head-coverage': 'Measuring head coverage',
  'base-coverage': 'Measuring base coverage',
  generation: 'Generating tests',
  report: 'Computing the report',
};

/**
 * `'Generating tests · 1/4 modules done · $0.0313 · 3,034 in + 1,056 out tokens · 2 model call(s) · 2,500 replayed · 1,500 saved'`,
 * the parts on the right left out first when the row does not fit `width`.
 */
export function totalsRow(state: RunProgress, width: number): string {
  const parts = [state.phase === null ? 'Working' : TOTALS_PHASE_TITLES[state.phase]];
  if (state.selected.length > 0) parts.push(`${modulesDone(state)}/${state.selected.length} modules done`);
  if (hasModelActivity(state) || state.costUsd > 0) {
    parts.push(usd(state.costUsd), `${tokenPair(state.inputTokens, state.outputTokens)} tokens`, `${formatCount(state.calls)} model call(s)`);
    const replayed = state.replayedInputTokens + state.replayedOutputTokens;
    if (replayed > 0) parts.push(`${formatCount(replayed)} replayed`);
    if (state.savedTokens > 0) parts.push(`${formatCount(state.savedTokens)} saved`);
  }
  while (parts.length > 1 && textWidth(parts.join(SEPARATOR)) > width) parts.pop();
  return clip(parts.join(SEPARATOR), width);
}

interface Cells {
  readonly path: string;
  readonly phase: string;
  readonly tokens: string;
  readonly cost: string;
}

function cellsOf(module: ModuleProgress): Cells {
  const replayed = module.replayedInputTokens + module.replayedOutputTokens;
  const spent = module.calls > 0 ? tokenPair(module.inputTokens, module.outputTokens) : '';
  const paid = replayed > 0 ? `+${formatCount(replayed)} paid` : '';
  return {
    path: module.path,
    phase: phaseLabel(module.phase),
    tokens: [spent, paid].filter(Boolean).join(' '),
    cost: module.calls > 0 ? usd(module.costUsd) : '',
  };
}

type Column = 'tokens' | 'cost';

/**
 * Aligned columns: path, phase, tokens (right-aligned), cost (right-aligned). When the path would get
 * fewer than PREFERRED_PATH_CHARS, the tokens column goes, then the cost column; a path is then cut
 * from the left, and a row still too wide is cut on the right.
 */
function moduleRows(modules: readonly ModuleProgress[], width: number): string[] {
  if (modules.length === 0) return [];
  const cells = modules.map(cellsOf);
  const widthOf = (pick: (cell: Cells) => string): number => widest(cells.map(pick));
  const longestPath = widthOf((cell) => cell.path);
  const phaseWidth = widthOf((cell) => cell.phase);
  const columnWidths: Record<Column, number> = { tokens: widthOf((cell) => cell.tokens), cost: widthOf((cell) => cell.cost) };
  const layouts: Column[][] = [['tokens', 'cost'], ['cost'], []];
  const pathRoomFor = (columns: readonly Column[]): number =>
    width - INDENT.length - GAP.length - phaseWidth - columns.reduce((sum, column) => sum + (columnWidths[column] > 0 ? GAP.length + columnWidths[column] : 0), 0);
  const wanted = Math.min(longestPath, PREFERRED_PATH_CHARS);
  const layout = layouts.find((columns) => pathRoomFor(columns) >= wanted) ?? [];
  const pathWidth = Math.min(longestPath, Math.max(MIN_PATH_CHARS, pathRoomFor(layout)));
  return cells.map((cell) => {
    let row = `${INDENT}${padEnd(cutLeft(cell.path, pathWidth), pathWidth)}${GAP}${padEnd(cell.phase, phaseWidth)}`;
    for (const column of layout) {
      if (columnWidths[column] > 0) row += `${GAP}${padStart(cell[column], columnWidths[column])}`;
    }
    return clip(row.trimEnd(), width);
  });
}

/** Width in characters (code points; paths and labels here are not wide CJK text). */
export function textWidth(text: string): number {
  return Array.from(text).length;
}

function widest(texts: readonly string[]): number {
  return texts.reduce((max, text) => Math.max(max, textWidth(text)), 0);
}

/** `'…/deep/path/module.ts'`: the end of a path is the part that says which module it is. */
export function cutLeft(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(chars.length - width).join('');
  return `…${chars.slice(chars.length - (width - 1)).join('')}`;
}

/** Cut on the right to `width`, with '…' when something was cut. */
export function clip(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}
