/**
 * The `model_answers` table: the model answers a run received, by the key the caller computes (a
 * SHA-256 of what the call sends, see src/generation/call/answer-replay.ts), so a resumed run
 * replays an answer it already paid for instead of asking again. A reply is validated with
 * modelReplySchema when recorded and when read; a row that fails on read is reported as invalid (the
 * caller treats it as missing and warns), never returned.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ModelReply } from '../model/model-client.js';
import { decodeJson, encodeJson } from './json-column.js';
import { isStoreError } from './store-error.js';
import { modelReplySchema } from './stored-reply.js';

export type AnswerRead = { readonly kind: 'hit'; readonly reply: ModelReply } | { readonly kind: 'miss' } | { readonly kind: 'invalid'; readonly reason: string };

/** A run's answer by key (primary key). */
export const ANSWER_GET_SQL = 'SELECT reply FROM model_answers WHERE run_id = ? AND key = ?';

export class AnswersTable {
  readonly #get: StatementSync;
  readonly #put: StatementSync;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare(ANSWER_GET_SQL);
    this.#put = db.prepare(
      'INSERT INTO model_answers (run_id, key, reply, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET reply = excluded.reply, created_at = excluded.created_at',
    );
  }

  /** Validates and stores (replacing an earlier answer under the same key); call inside a transaction with the run checked. */
  write(runId: string, key: string, reply: ModelReply, nowMs: number): void {
    this.#put.run(runId, key, encodeJson(modelReplySchema, reply, `model answer ${key.slice(0, 12)} of run ${runId}`), nowMs);
  }

  read(runId: string, key: string): AnswerRead {
    const row = this.#get.get(runId, key);
    if (row === undefined) return { kind: 'miss' };
    try {
      return { kind: 'hit', reply: decodeJson(modelReplySchema, row.reply, `model answer ${key.slice(0, 12)} of run ${runId}`) };
    } catch (error) {
      if (!isStoreError(error)) throw error;
      return { kind: 'invalid', reason: error.message };
    }
  }
}
