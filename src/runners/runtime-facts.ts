/**
 * Asks the node that runs a package's tests what it is (effects): its version and which newer
 * features it lacks (runtime-features.ts), through the Executor like every process started in the
 * repository (the `node` on the sandbox's PATH may be the repository's own). Never fails a run: a
 * runtime that cannot be asked gives null, and the prompt goes without the facts.
 */
import type { Executor } from '../sandbox/types.js';
import { parseRuntimeFacts, runtimeFactsScript, type RuntimeFacts } from './runtime-features.js';

const TIMEOUT_MS = 20_000;

export async function readRuntimeFacts(exec: Executor, packageDir: string, signal?: AbortSignal): Promise<RuntimeFacts | null> {
  try {
    const result = await exec({
      command: 'node',
      args: ['-e', runtimeFactsScript()],
      cwd: packageDir,
      timeoutMs: TIMEOUT_MS,
      maxOutputBytes: 64 * 1024,
      ...(signal === undefined ? {} : { signal }),
    });
    return result.exitCode === 0 ? parseRuntimeFacts(result.stdout) : null;
  } catch {
    return null;
  }
}

/** One ask per package directory, shared by the modules of the run. */
export function runtimeFactsCache(exec: Executor, signal?: AbortSignal): (packageDir: string) => Promise<RuntimeFacts | null> {
  const asked = new Map<string, Promise<RuntimeFacts | null>>();
  return (packageDir) => {
    let facts = asked.get(packageDir);
    if (facts === undefined) {
      facts = readRuntimeFacts(exec, packageDir, signal);
      asked.set(packageDir, facts);
    }
    return facts;
  };
}
