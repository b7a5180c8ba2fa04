/**
 * The `events` table: a run's timeline events in order (seq 1, 2, ... per run), appended in
 * batches. Each event is checked for what the report's timeline needs (a `type` and a time `atMs`
 * >= 0, plain JSON fields), so stages can add event kinds without a store change.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { TimelineEvent } from '../events/types.js';
import { timelineEventSchema } from '../report/report-schema.js';
import { decodeJson, encodeJson } from './json-column.js';

/** A run's events in order (primary key). */
export const RUN_EVENTS_SQL = 'SELECT seq, event FROM events WHERE run_id = ? ORDER BY seq';

export class EventsTable {
  readonly #lastSeq: StatementSync;
  readonly #insert: StatementSync;
  readonly #load: StatementSync;
  readonly #all: StatementSync;

  constructor(db: DatabaseSync) {
    this.#lastSeq = db.prepare('SELECT max(seq) AS seq FROM events WHERE run_id = ?');
    this.#insert = db.prepare('INSERT INTO events (run_id, seq, event) VALUES (?, ?, ?)');
    this.#load = db.prepare(RUN_EVENTS_SQL);
    this.#all = db.prepare('SELECT run_id, seq, event FROM events');
  }

  /** Appends after the run's last event; call inside a transaction so a batch lands whole. Returns the last seq. */
  append(runId: string, events: readonly TimelineEvent[]): number {
    const encoded = events.map((event, index) => encodeJson(timelineEventSchema, event, `event #${String(index + 1)} of the batch for run ${runId}`));
    let seq = Number(this.#lastSeq.get(runId)?.seq ?? 0);
    for (const json of encoded) {
      seq += 1;
      this.#insert.run(runId, seq, json);
    }
    return seq;
  }

  load(runId: string): TimelineEvent[] {
    return this.#load.all(runId).map((row) => decodeJson(timelineEventSchema, row.event, `event #${String(row.seq)} of run ${runId}`) as TimelineEvent);
  }

  validateAll(): number {
    let rows = 0;
    for (const row of this.#all.iterate()) {
      decodeJson(timelineEventSchema, row.event, `event #${String(row.seq)} of run ${String(row.run_id)}`);
      rows += 1;
    }
    return rows;
  }
}
