/**
 * The handoff with a stand-in for process.execve (the boundary): what the first process writes and
 * execs, and what the copy restores. The real re-exec is exercised end to end through the bundled CLI
 * and action in test/security/secrets-in-proc.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handOffEnviron, HANDOFF_VARIABLE, needsHandoff, type HandoffProcess } from '../../../../src/process/environ-handoff.js';

interface Exec {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

function fakeProcess(env: NodeJS.ProcessEnv, argv: string[], execve?: HandoffProcess['execve']): HandoffProcess {
  return { env, argv, execPath: '/opt/node/bin/node', execArgv: ['--enable-source-maps'], ...(execve ? { execve } : {}) };
}

describe('handing off the environment', () => {
  it('is needed for a secret-looking variable or --api-key, not for a plain environment', () => {
    expect(needsHandoff({ PATH: '/bin', HOME: '/h' }, ['node', 'cli.js', 'run'])).toBe(false);
    expect(needsHandoff({ OPENAI_API_KEY: 'sk-1' }, [])).toBe(true);
    expect(needsHandoff({ INPUT_TOKEN: 'x' }, [])).toBe(true);
    expect(needsHandoff({}, ['node', 'cli.js', 'run', '--api-key=sk-1'])).toBe(true);
  });

  it('writes a private file, execs with only its path (and NODE_OPTIONS, TMPDIR), and the copy restores env and argv and deletes the file', () => {
    const env = { OPENAI_API_KEY: 'sk-secret', NODE_OPTIONS: '--max-old-space-size=4096', PATH: '/bin' };
    // The real execve never returns; the stand-in plays the copy right there, then throws (the first
    // process's catch, meant for a failed execve, then cleans up what is left: nothing).
    const seen: Exec[] = [];
    const second = fakeProcess({ ...env }, ['node', '/app/cli.js', 'run', '--api-key', 'sk-cli'], (file, args, newEnv) => {
      seen.push({ file, args: args ?? [], env: newEnv ?? {} });
      const path = newEnv?.[HANDOFF_VARIABLE] ?? '';
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
      const copy = fakeProcess({ ...newEnv }, ['/opt/node/bin/node', '/app/cli.js']);
      handOffEnviron(copy);
      expect(copy.env.OPENAI_API_KEY).toBe('sk-secret');
      expect(copy.env[HANDOFF_VARIABLE]).toBeUndefined();
      expect(copy.argv).toEqual(['/opt/node/bin/node', '/app/cli.js', 'run', '--api-key', 'sk-cli']);
      expect(existsSync(path)).toBe(false);
      throw new Error('stand-in for a replaced process');
    });
    handOffEnviron(second);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.file).toBe('/opt/node/bin/node');
    expect(seen[0]!.args).toEqual(['/opt/node/bin/node', '--enable-source-maps', '/app/cli.js']);
    expect(Object.keys(seen[0]!.env).sort()).toEqual(['NODE_OPTIONS', HANDOFF_VARIABLE].sort());
    expect(JSON.stringify(seen[0]!.env)).not.toContain('sk-');
  });

  it('goes on as it was when execve is missing or fails, leaving no file behind', () => {
    const env = { OPENAI_API_KEY: 'sk-secret' };
    const none = fakeProcess({ ...env }, ['node', '/app/cli.js']);
    handOffEnviron(none);
    expect(none.env.OPENAI_API_KEY).toBe('sk-secret');
    let written = '';
    const failing = fakeProcess({ ...env }, ['node', '/app/cli.js'], (_file, _args, newEnv) => {
      written = newEnv?.[HANDOFF_VARIABLE] ?? '';
      throw new Error('ENOSYS');
    });
    handOffEnviron(failing);
    expect(written).not.toBe('');
    expect(existsSync(dirname(written))).toBe(false);
  });

  it('never reads or deletes a path it did not make', () => {
    const dir = mkdtempSync(join(tmpdir(), 'testmaster-victim-'));
    const victim = join(dir, 'environ.json');
    writeFileSync(victim, '{"env":{"EVIL":"1"},"argv":[]}');
    try {
      const copy = fakeProcess({ [HANDOFF_VARIABLE]: victim }, ['node', 'cli.js']);
      handOffEnviron(copy);
      expect(readFileSync(victim, 'utf8')).toContain('EVIL');
      expect(copy.env.EVIL).toBeUndefined();
      expect(copy.env[HANDOFF_VARIABLE]).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
