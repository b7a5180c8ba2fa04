/**
 * Effects: the `--events FILE` log, one JSON object per line for every event of the run (the objects
 * of the report's timeline, redacted like the reports), written as it happens so the file can be
 * followed live and keeps everything up to a crash. The file is created afresh; a directory or a
 * missing parent directory is a ConfigurationError before anything runs. A write that fails later
 * never fails the run: the log stops and `close` says why.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '../errors/errors.js';
import type { EventListener } from '../events/types.js';
import { redactEvent } from './redact-event.js';

export interface EventLog {
  /** Subscribe this to the run's EventBus. */
  readonly listener: EventListener;
  /** Closes the file (idempotent); returns why the log is incomplete, or null. */
  close(): string | null;
}

export function openEventLog(path: string, secrets: readonly string[]): EventLog {
  let fd: number | null = openOrExplain(path);
  let failure: string | null = null;
  const stop = (error: unknown): void => {
    failure ??= `the event log ${path} is incomplete: ${describe(error)}`;
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the first reason is the one worth telling
      }
      fd = null;
    }
  };
  return {
    listener: (event) => {
      if (fd === null) return;
      try {
        writeSync(fd, `${JSON.stringify(redactEvent(event, secrets))}\n`);
      } catch (error) {
        stop(error);
      }
    },
    close: () => {
      if (fd !== null) {
        try {
          closeSync(fd);
          fd = null;
        } catch (error) {
          stop(error);
        }
      }
      return failure;
    },
  };
}

function openOrExplain(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new ConfigurationError(`--events ${path} is a directory: pass the path of a file to create`);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ConfigurationError(`--events ${path}: the directory ${dirname(path)} does not exist: create it first or pass another path`);
    }
    throw new ConfigurationError(`--events ${path} cannot be created (${describe(error)}): pass a writable path`);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
}
