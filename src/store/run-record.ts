/**
 * A run as the store keeps it, and which status may follow which, as data (pure). A run is
 * 'running' until it ends; an interruption (SIGINT/SIGTERM) marks it 'interrupted'; a crash leaves
 * it 'running'. Both are resumable; 'completed' and 'failed' are ends.
 */
import { z } from 'zod';

export const RUN_STATUSES = ['running', 'interrupted', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RESUMABLE_STATUSES: readonly RunStatus[] = ['running', 'interrupted'];

export const RUN_STATUS_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  running: ['running', 'interrupted', 'completed', 'failed'],
  interrupted: ['running', 'failed'],
  completed: [],
  failed: [],
};

export interface NewRun {
  /** Absolute path of the repository. */
  readonly repoDir: string;
  /** Full commit ids compared (base = merge base). */
  readonly base: string;
  readonly head: string;
  /** A digest of the configuration that affects results; a resume should refuse a different one. */
  readonly configFingerprint: string;
  readonly provider: string;
  /** Null when no model is used. */
  readonly model: string | null;
}

export interface RunRecord extends NewRun {
  readonly id: string;
  readonly status: RunStatus;
  /** Milliseconds since the epoch. */
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

const text = z.string().min(1);
const millis = z.number().int().nonnegative();

export const newRunSchema = z.strictObject({
  repoDir: text,
  base: text,
  head: text,
  configFingerprint: text,
  provider: text,
  model: text.nullable(),
});

/** A `runs` row as SQLite returns it (snake_case columns). */
export const runRowSchema = z
  .object({
    id: text,
    repo_dir: text,
    base: text,
    head: text,
    config_fingerprint: text,
    provider: text,
    model: text.nullable(),
    status: z.enum(RUN_STATUSES),
    created_at: millis,
    updated_at: millis,
  })
  .transform(
    (row): RunRecord => ({
      id: row.id,
      repoDir: row.repo_dir,
      base: row.base,
      head: row.head,
      configFingerprint: row.config_fingerprint,
      provider: row.provider,
      model: row.model,
      status: row.status,
      createdAtMs: row.created_at,
      updatedAtMs: row.updated_at,
    }),
  );

/** Null when a run may go from `from` to `to`; else a short phrase (pure). */
export function runStatusProblem(from: RunStatus, to: RunStatus): string | null {
  const allowed = RUN_STATUS_TRANSITIONS[from];
  if (allowed.includes(to)) return null;
  return allowed.length === 0 ? `${from} is an end status` : `after ${from} comes ${allowed.join(' | ')}`;
}
