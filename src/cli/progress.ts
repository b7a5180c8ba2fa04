/**
 * The CLI's progress display, an event-stream consumer writing to stderr (stdout stays free for the
 * report). Only the stream's TTY flag decides the mode:
 * - terminal: the lasting lines (progress-lines.ts) printed above a live block (render-progress.ts: one
 *   row per module in progress and a totals row) that is redrawn in place, at most once per
 *   `minRedrawMs`; a run's end (completed, failed, interrupted) draws at once and leaves no block;
 * - elsewhere (CI, a pipe): the lasting lines only, as plain text, with no escape sequence.
 */
import type { EventListener } from '../events/types.js';
import { applyProgressEvent, initialProgress, type RunProgress } from './module-progress.js';
import { LIVE_ONLY_EVENTS, permanentLines } from './progress-lines.js';
import { renderLiveBlock } from './render-progress.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Milliseconds, for the redraw throttle (default: performance.now). */
  readonly now?: () => number;
  /** Runs a throttled redraw later (default: an unref'd setTimeout, so it never keeps the process alive). */
  readonly schedule?: (callback: () => void, delayMs: number) => { cancel(): void };
  /** Least time between two redraws of the live block (default 100 ms: at most ~10 a second). */
  readonly minRedrawMs?: number;
  /** Most rows of the live block, the totals row included (default 12, and never more than the terminal's rows - 2). */
  readonly maxRows?: number;
}

const DEFAULT_COLUMNS = 80;
const DEFAULT_MAX_ROWS = 12;
const DEFAULT_MIN_REDRAW_MS = 100;

/** Up `rows` lines, to the start of the line, and clear to the end of the screen. */
export function eraseBlock(rows: number): string {
  return rows > 0 ? `\x1b[${rows}A\r\x1b[J` : '';
}

export function createProgressDisplay(stream: ProgressStream, options: ProgressOptions = {}): EventListener {
  return stream.isTTY === true ? liveDisplay(stream, options) : plainDisplay(stream);
}

function plainDisplay(stream: ProgressStream): EventListener {
  let state = initialProgress();
  return (event) => {
    state = applyProgressEvent(state, event);
    const lines = permanentLines(event, state);
    if (lines.length > 0) stream.write(lines.map((line) => `${line}\n`).join(''));
  };
}

function liveDisplay(stream: ProgressStream, options: ProgressOptions): EventListener {
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? scheduleUnref;
  const minRedrawMs = options.minRedrawMs ?? DEFAULT_MIN_REDRAW_MS;
  let state: RunProgress = initialProgress();
  let pending: string[] = [];
  let shownRows: string[] = [];
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let timer: { cancel(): void } | null = null;

  const draw = (): void => {
    timer?.cancel();
    timer = null;
    const rows = renderLiveBlock(state, { columns: stream.columns ?? DEFAULT_COLUMNS, maxRows: maxRows(stream, options) });
    if (pending.length === 0 && sameRows(rows, shownRows)) return;
    stream.write(`${eraseBlock(shownRows.length)}${[...pending, ...rows].map((line) => `${line}\n`).join('')}`);
    pending = [];
    shownRows = rows;
    lastDrawAt = now();
  };

  return (event) => {
    state = applyProgressEvent(state, event);
    if (!LIVE_ONLY_EVENTS.has(event.type)) pending.push(...permanentLines(event, state));
    if (state.ended !== null) {
      draw(); // the run's end: at once, and the block is gone
      return;
    }
    const wait = lastDrawAt + minRedrawMs - now();
    if (wait <= 0) draw();
    else timer ??= schedule(draw, wait);
  };
}

function maxRows(stream: ProgressStream, options: ProgressOptions): number {
  const wanted = Math.max(1, options.maxRows ?? DEFAULT_MAX_ROWS);
  return stream.rows !== undefined && stream.rows > 0 ? Math.max(1, Math.min(wanted, stream.rows - 2)) : wanted;
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((row, index) => row === b[index]);
}

function scheduleUnref(callback: () => void, delayMs: number): { cancel(): void } {
  const handle = setTimeout(callback, delayMs);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
}
