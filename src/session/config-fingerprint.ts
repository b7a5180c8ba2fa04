/**
 * A digest of the settings that shape a run's results (pure). A resumed run must have the same one:
 * the budget limits, the model and the generation settings carry over, so a run started with other
 * settings is not continued under them. Left out: secrets (the key), where reports and the store go,
 * and settings that change only speed or output placement.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';

const NOT_RESULT_SHAPING: ReadonlySet<string> = new Set(['apiKey', 'reportMd', 'reportJson', 'store', 'storePath', 'write', 'concurrency', 'requestTimeoutSeconds', 'maxRetries']);

export function configFingerprint(config: Config): string {
  const entries = Object.entries(config)
    .filter(([key]) => !NOT_RESULT_SHAPING.has(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries), 'utf8').digest('hex');
}
