/**
 * The executor with the namespace sandbox, at each level this machine gives (user as root, namespace),
 * with real processes: what a sandboxed process sees, what it can write, and that nothing it starts
 * outlives it. Pids inside a sandbox are its own namespace's, so survivors are found on the host by a
 * mark in their command line.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../../src/errors/errors.js';
import { makeTempDir } from '../../../../src/files/make-temp-dir.js';
import { openIsolation, type Isolation } from '../../../../src/sandbox/isolation/open-isolation.js';
import type { ExecRequest } from '../../../../src/sandbox/types.js';

const NODE = process.execPath;
const isRoot = process.getuid?.() === 0;
const levels = process.platform === 'linux' ? ([...(isRoot ? (['user'] as const) : []), 'namespace'] as const) : [];

function withMark(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(mark)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

async function goneSoon(mark: string): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (withMark(mark).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return withMark(mark);
}

describe.each(levels)('the sandboxed executor at level %s', (level) => {
  let repo: string;
  let isolation: Isolation;
  let out: string;
  const secret = `tm-secret-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'testmaster-sandboxed-repo-'));
    await chmod(repo, 0o755);
    await writeFile(join(repo, 'package.json'), '{}\n', { mode: 0o644 });
    await writeFile(join(repo, 'file.txt'), 'original\n', { mode: 0o666 });
    isolation = await openIsolation({
      setting: level,
      repoDir: repo,
      gitCommonDir: null,
      packageDirs: [repo],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_API_KEY: secret },
      secretsHeld: ['the model key'],
      killGraceMs: 300,
    });
  }, 60_000);
  afterAll(async () => {
    await isolation?.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  /** Runs a Node script with a fresh output directory of its own (`out`, also given to the script as OUT). */
  async function run(script: string, options: Partial<ExecRequest> = {}) {
    out = await makeTempDir(isolation.tempRoot, 'out-');
    const withOut = `const OUT = ${JSON.stringify(out)};\n${script}`;
    return isolation.exec({ command: NODE, args: ['-e', withOut], cwd: repo, readPaths: [repo], writePaths: [out], timeoutMs: 30_000, ...options });
  }

  it('reports the level it reached', () => {
    expect(isolation.report.level).toBe(level);
    expect(isolation.report.network).toBe('loopback');
  });

  it('sees only its own PID namespace, as a user without capabilities, with no secret in any environment it can read', async () => {
    const result = await run(`
      const fs = require('fs');
      const pids = fs.readdirSync('/proc').filter((e) => /^\\d+$/.test(e));
      const environs = pids.map((pid) => { try { return fs.readFileSync('/proc/' + pid + '/environ', 'latin1'); } catch { return ''; } }).join('');
      const caps = fs.readFileSync('/proc/self/status', 'utf8').match(/CapEff:\\s+(\\w+)/)[1];
      console.log(JSON.stringify({ pids: pids.length, uid: process.getuid(), caps, leaked: environs.includes(${JSON.stringify(secret)}) || JSON.stringify(process.env).includes(${JSON.stringify(secret)}), ppid: process.ppid, sees: fs.existsSync('/proc/${process.pid}') && fs.readFileSync('/proc/${process.pid}/cmdline', 'latin1').includes('vitest') }));
    `);
    expect(result.exitCode, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as { pids: number; uid: number; caps: string; leaked: boolean; sees: boolean };
    expect(seen.pids).toBeLessThanOrEqual(6);
    expect(seen.uid).toBe(level === 'user' ? 65534 : 0);
    expect(seen.caps).toBe('0000000000000000');
    expect(seen.leaked).toBe(false);
    expect(seen.sees).toBe(false);
  });

  it('writes its own directory and its private /tmp, and nothing of the repository, the run or the host', async () => {
    const hostMark = `tm-host-${randomBytes(4).toString('hex')}`;
    const home = process.env.HOME ?? '/root';
    const result = await run(`
      const fs = require('fs');
      const tryWrite = (file) => { try { fs.mkdirSync(require('path').dirname(file), { recursive: true }); fs.appendFileSync(file, 'x'); return 'wrote'; } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        own: tryWrite(OUT + '/deep/er/result.json'),
        tmp: tryWrite('/tmp/${hostMark}'),
        repo: tryWrite('file.txt'),
        repoNew: tryWrite('new-file.txt'),
        run: tryWrite(${JSON.stringify(join(isolation.tempRoot, 'elsewhere.txt'))}),
        chmod: (() => { try { fs.chmodSync('file.txt', 0o600); return 'changed'; } catch (e) { return e.code; } })(),
        home: fs.existsSync(${JSON.stringify(home)}) && fs.readdirSync(${JSON.stringify(home)}).length > 0,
      }));
    `);
    expect(result.exitCode, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({ own: 'wrote', tmp: 'wrote', home: false });
    expect(['EROFS', 'EACCES']).toContain(seen.repo);
    expect(['EROFS', 'EACCES']).toContain(seen.repoNew);
    expect(['EROFS', 'EACCES']).toContain(seen.run);
    expect(['EROFS', 'EPERM']).toContain(seen.chmod);
    expect(await readFile(join(repo, 'file.txt'), 'utf8')).toBe('original\n');
    expect(readdirSync('/tmp').includes(hostMark)).toBe(false);
    // What it wrote in its own directory comes back to TestMaster's user, readable and removable.
    expect(await readFile(join(out, 'deep', 'er', 'result.json'), 'utf8')).toBe('x');
    await rm(out, { recursive: true });
  });

  it('leaves no process behind: a detached child with an empty environment, and one in a new session', async () => {
    const mark = `tm-survivor-${randomBytes(4).toString('hex')}`;
    const result = await run(`
      const { spawn } = require('child_process');
      spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${mark}-a'], { detached: true, env: {}, stdio: 'ignore' }).unref();
      spawn('/bin/sh', ['-c', '(setsid "$0" -e "setInterval(() => {}, 1000)" "$1" &)', process.execPath, '${mark}-b'], { env: {}, stdio: 'ignore' }).unref();
      setTimeout(() => {}, 300);
    `);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await goneSoon(mark)).toEqual([]);
  });

  it('kills at the timeout a process that ignores SIGTERM, with all it started', async () => {
    const mark = `tm-stubborn-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    const result = await run(
      `process.on('SIGTERM', () => {}); require('child_process').spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', '${mark}'], { stdio: 'ignore', detached: true }); console.log('ready'); setInterval(() => {}, 1000);`,
      { timeoutMs: 1500 },
    );
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toContain('ready');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await goneSoon(mark)).toEqual([]);
  });

  it('stops everything on abort', async () => {
    const mark = `tm-aborted-${randomBytes(4).toString('hex')}`;
    const controller = new AbortController();
    const running = run(`require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${mark}'], { stdio: 'ignore' }); setInterval(() => {}, 1000);`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 1000);
    const result = await running;
    expect(result.aborted).toBe(true);
    expect(await goneSoon(mark)).toEqual([]);
  });

  it('holds a fork bomb at its process limit, ends at the timeout, and leaves nothing', async () => {
    const mark = `tm-bomb-${randomBytes(4).toString('hex')}`;
    const result = await isolation.exec({ command: '/bin/sh', args: ['-c', `bomb() { bomb | bomb & }; bomb; sleep 60 # ${mark}`], cwd: repo, readPaths: [repo], writePaths: [], timeoutMs: 3000 });
    expect(result.timedOut).toBe(true);
    expect(await goneSoon(mark)).toEqual([]);
    // The machine is fine: a sandboxed process starts and ends normally right after.
    expect((await run('console.log("alive")')).stdout).toBe('alive\n');
  }, 60_000);

  it('caps an output flood, keeping head and tail', async () => {
    const result = await run(`process.stdout.write('HEAD\\n'); const b = Buffer.alloc(1 << 20, 'x'); for (let i = 0; i < 20; i++) process.stdout.write(b); process.stdout.write('\\nTAIL\\n');`, { maxOutputBytes: 64 * 1024 });
    expect(result.exitCode).toBe(0);
    expect(result.outputTruncated).toBe(true);
    expect(result.stdout.startsWith('HEAD\n')).toBe(true);
    expect(result.stdout.endsWith('\nTAIL\n')).toBe(true);
  });

  it('reaches no server of the host, and its own loopback works', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await run(`
        const net = require('net');
        const outward = new Promise((resolve) => { const s = net.connect(${port}, '127.0.0.1'); s.on('connect', () => resolve('connected')); s.on('error', (e) => resolve(e.code)); });
        const own = new Promise((resolve) => { const srv = net.createServer((c) => c.end('hi')).listen(0, '127.0.0.1', () => { const c = net.connect(srv.address().port, '127.0.0.1'); c.on('data', (d) => { resolve(String(d)); srv.close(); }); c.on('error', (e) => resolve(e.code)); }); });
        Promise.all([outward, own]).then((r) => console.log(JSON.stringify(r)));
      `);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(['ECONNREFUSED', 'hi']);
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });

  it('refuses, in one line, a process that would read or write what the sandbox does not show', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'testmaster-elsewhere-'));
    try {
      await mkdir(join(elsewhere, 'out'));
      await expect(isolation.exec({ command: NODE, args: ['-e', '1'], cwd: elsewhere, timeoutMs: 5000 })).rejects.toThrow(TestRunnerError);
      await expect(isolation.exec({ command: NODE, args: ['-e', '1'], cwd: repo, writePaths: [join(elsewhere, 'out')], timeoutMs: 5000 })).rejects.toThrow(
        /a sandboxed process writes only its own directory in the run's temporary directory/,
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
