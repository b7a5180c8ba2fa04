import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ANSWER_GET_SQL } from '../../../src/store/answers-table.js';
import { CACHE_GET_SQL } from '../../../src/store/cache-table.js';
import { RUN_EVENTS_SQL } from '../../../src/store/events-table.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import { MEASUREMENT_GET_SQL } from '../../../src/store/measurements-table.js';
import { LATEST_PROGRESS_SQL, MODULE_PROGRESS_SQL, RUN_PROGRESS_SQL } from '../../../src/store/progress-table.js';
import { RESUMABLE_RUN_SQL } from '../../../src/store/runs-table.js';
import { tempStorePath } from './store-fixtures.js';

/** SQLite's plan for a query, one line per step. */
function plan(path: string, sql: string, params: readonly string[]): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => String(row.detail));
  } finally {
    db.close();
  }
}

describe('run store indices', () => {
  const path = tempStorePath();
  openRunStore(path, { onCorrupt: 'throw' }).close();

  it.each([
    ['the latest resumable run of a repo+base+head', RESUMABLE_RUN_SQL, ['/r', 'b', 'h'], /^SEARCH runs USING INDEX runs_resumable \(repo_dir=\? AND base=\? AND head=\?\)$/],
    ["a module's latest checkpoint", LATEST_PROGRESS_SQL, ['run', 'src/a.ts'], /^SEARCH module_progress USING PRIMARY KEY \(run_id=\? AND module=\?\)$/],
    ["a module's checkpoints", MODULE_PROGRESS_SQL, ['run', 'src/a.ts'], /^SEARCH module_progress USING PRIMARY KEY \(run_id=\? AND module=\?\)$/],
    ["a run's checkpoints", RUN_PROGRESS_SQL, ['run'], /^SEARCH module_progress USING PRIMARY KEY \(run_id=\?\)$/],
    ["a run's events", RUN_EVENTS_SQL, ['run'], /^SEARCH events USING PRIMARY KEY \(run_id=\?\)$/],
    ['a cache entry by key', CACHE_GET_SQL, ['k'], /^SEARCH cache_entries USING PRIMARY KEY \(key=\?\)$/],
    ["a run's model answer by key", ANSWER_GET_SQL, ['run', 'k'], /^SEARCH model_answers USING INDEX sqlite_autoindex_model_answers_1 \(run_id=\? AND key=\?\)$/],
    ["a run's measurement of one side", MEASUREMENT_GET_SQL, ['run', 'head'], /^SEARCH measurements USING INDEX sqlite_autoindex_measurements_1 \(run_id=\? AND side=\?\)$/],
  ])('finds %s through an index, with no scan or sort', (_what, sql, params, expected) => {
    const steps = plan(path, sql, params);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatch(expected);
  });
});
