/**
 * The probe's JSON-lines output read back (pure): one `start` line before each call, one outcome line
 * after it. A start with no outcome after it is the call the run was killed in. Lines that are not
 * well-formed records (a truncated last line) are ignored.
 */
import { z } from 'zod';
import type { CallOutcome, ProbeRecord } from './outcome.js';

const startLine = z.object({ target: z.string(), index: z.number().int().nonnegative(), start: z.literal(true) });
const outcomeLine = z.object({ target: z.string(), index: z.number().int().nonnegative(), outcome: z.object({ kind: z.string() }).passthrough(), wrote: z.array(z.string()).optional() });

export interface ParsedProbe {
  readonly records: readonly ProbeRecord[];
  /** The call that started and never finished, if any. */
  readonly unfinished: { readonly target: string; readonly index: number } | null;
}

export function parseProbeLines(text: string): ParsedProbe {
  const records: ProbeRecord[] = [];
  let open: { target: string; index: number } | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const started = startLine.safeParse(json);
    if (started.success) {
      open = { target: started.data.target, index: started.data.index };
      continue;
    }
    const finished = outcomeLine.safeParse(json);
    if (finished.success) {
      const { target, index, wrote } = finished.data;
      records.push({ target, index, outcome: finished.data.outcome as unknown as CallOutcome, ...(wrote && wrote.length > 0 ? { wrote } : {}) });
      open = null;
    }
  }
  return { records, unfinished: open };
}
