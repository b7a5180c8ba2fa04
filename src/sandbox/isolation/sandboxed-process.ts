/**
 * Prepares one process for the namespace sandbox: the command found on the sandbox PATH and taken by
 * its real path, real paths for everything it reads and writes, and the environment as the sandbox
 * shows it (HOME and TMPDIR in its private /tmp; no cache directory of the host). Also reads a launch's
 * result for a sandbox that could not be set up, which is not a result of the command.
 */
import { realpath } from 'node:fs/promises';
import { TestRunnerError } from '../../errors/errors.js';
import type { ExecRequest, ExecResult } from '../types.js';
import { findOnPath } from './find-on-path.js';
import { SANDBOX_MESSAGE_PREFIX, SANDBOX_SETUP_FAILED_EXIT } from './init-script.js';
import { planLaunch, type NamespaceSandbox, type SandboxLaunch } from './namespace-sandbox.js';

/** Host cache locations that mean nothing (and are not writable) in the sandbox. */
const HOST_CACHE_VARIABLES = ['COREPACK_HOME', 'NPM_CONFIG_CACHE', 'npm_config_cache', 'YARN_CACHE_FOLDER', 'XDG_CACHE_HOME'];

export async function prepareSandboxedProcess(sandbox: NamespaceSandbox, request: ExecRequest, env: Readonly<Record<string, string>>): Promise<SandboxLaunch> {
  const found = await findOnPath(request.command, env.PATH ?? '');
  if (found === null) {
    throw new TestRunnerError(
      `cannot run "${request.command}": no such executable (looked up on the sandbox PATH); install the project's dependencies (npm ci) or give an absolute path`,
    );
  }
  const inner: Record<string, string> = { ...env, HOME: '/tmp', TMPDIR: '/tmp' };
  for (const name of HOST_CACHE_VARIABLES) delete inner[name];
  return planLaunch(sandbox, {
    command: await realpath(found),
    args: request.args,
    cwd: await realpath(request.cwd),
    env: inner,
    readPaths: await realPaths(request.readPaths ?? []),
    writePaths: await realPaths(request.writePaths ?? []),
  });
}

/** The sandbox's own complaint when it could not be set up (exit 125 and its line on stderr), else null. */
export function sandboxSetupFailure(result: ExecResult): string | null {
  if (result.exitCode !== SANDBOX_SETUP_FAILED_EXIT) return null;
  const line = result.stderr.split('\n').find((text) => text.startsWith(SANDBOX_MESSAGE_PREFIX));
  return line === undefined ? null : line.slice(SANDBOX_MESSAGE_PREFIX.length).trim();
}

async function realPaths(paths: readonly string[]): Promise<string[]> {
  const resolved: string[] = [];
  for (const target of paths) {
    try {
      resolved.push(await realpath(target));
    } catch {
      throw new TestRunnerError(`cannot give the sandbox the path ${target}: it does not exist`);
    }
  }
  return resolved;
}
