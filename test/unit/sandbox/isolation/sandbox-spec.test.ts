/**
 * The sandbox's specs are shell text sourced by scripts running as root: every value must stay one
 * word whatever it holds, binds must come parents first, and a path visible through its parent must
 * not be bound again unless its access or source differs. The text is run by a real shell here.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { orderedBinds, renderProcessSpec, renderTemplateSpec, type SandboxBind } from '../../../../src/sandbox/isolation/sandbox-spec.js';

const ro = (path: string, extra: Partial<SandboxBind> = {}): SandboxBind => ({ path, writable: false, lockedFlags: [], ...extra });
const rw = (path: string, extra: Partial<SandboxBind> = {}): SandboxBind => ({ path, writable: true, lockedFlags: [], ...extra });

/** Runs the spec with every step defined to print its arguments, one per line, in a real sh. */
function stepsOf(spec: string): string[] {
  const steps = ['root', 'dirs', 'links', 'link', 'tmpfs', 'bind', 'devices', 'proc', 'loopback', 'own', 'enter', 'ready', 'writable', 'run', 'fail'];
  const stubs = steps.map((name) => `${name}() { printf '%s' '${name}'; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'; }`).join('\n');
  const out = execFileSync('/bin/sh', ['-c', `${stubs}\nulimit() { printf 'ulimit %s %s\\n' "$1" "$2"; }\n${spec}`], { encoding: 'utf8' });
  return out.trim().split('\n');
}

describe('renderTemplateSpec', () => {
  const base = {
    rootDir: '/ctl/root',
    rootLinks: [{ name: 'bin', target: 'usr/bin' }, { name: 'lib64', target: 'usr/lib/x86_64' }],
    devices: 'copy' as const,
    keepProc: false,
    tmpSizeMiB: 512,
    loopback: true,
    sandboxOwner: '65534:65534',
  };

  it('keeps hostile paths single words: quotes, spaces, $(...), backticks and semicolons are not code', () => {
    const hostile = "/work/it's $(touch /tmp/pwned) `id`; rm -rf ~";
    const steps = stepsOf(renderTemplateSpec({ ...base, binds: [ro('/usr'), ro(hostile)] }));
    expect(steps).toContain(`bind [${hostile}] [${hostile}] [ro,nosuid,nodev]`);
  });

  it('creates mount points outside /tmp first, mounts the tmpfs, then those under /tmp; binds parents first; ends by entering', () => {
    const steps = stepsOf(
      renderTemplateSpec({ ...base, binds: [ro('/tmp/repo/node_modules/x'), ro('/tmp/repo'), ro('/usr'), rw('/tmp/cache', { source: '/ctl/cache' })] }),
    );
    expect(steps[0]).toBe('root [/ctl/root]');
    expect(steps[1]).toBe('dirs [/.host] [/proc] [/tmp] [/dev] [/usr]');
    expect(steps.slice(2, 4)).toEqual(['tmpfs [/tmp] [mode=1777,nosuid,nodev,size=512m]', 'tmpfs [/dev] [mode=0755,nosuid,noexec,size=1m]']);
    expect(steps[4]).toBe('dirs [/dev/shm] [/tmp/cache] [/tmp/repo]');
    const binds = steps.filter((step) => step.startsWith('bind'));
    expect(binds).toEqual(['bind [/usr] [/usr] [ro,nosuid,nodev]', 'bind [/ctl/cache] [/tmp/cache] [rw,nosuid,nodev]', 'bind [/tmp/repo] [/tmp/repo] [ro,nosuid,nodev]']);
    expect(steps).toContain('links [usr/bin]');
    expect(steps).toContain('link [/lib64] [usr/lib/x86_64]');
    expect(steps).toContain('own [65534:65534] [/ctl/cache]');
    expect(steps.slice(-3)).toEqual(['loopback', 'enter [drop]', 'ready']);
  });

  it('repeats the host mount flags a user namespace may not drop', () => {
    const steps = stepsOf(renderTemplateSpec({ ...base, binds: [ro('/usr', { lockedFlags: ['noexec', 'noatime'] })] }));
    expect(steps).toContain('bind [/usr] [/usr] [ro,nosuid,nodev,noexec,noatime]');
  });

  it('refuses to bind over the root, /proc, /dev or /tmp, and paths with a newline', () => {
    for (const path of ['/', '/tmp', '/proc', '/dev/', '/.host']) expect(() => renderTemplateSpec({ ...base, binds: [ro(path)] })).toThrow(/cannot bind/);
    expect(() => renderTemplateSpec({ ...base, binds: [ro('/a\nb')] })).toThrow(/without newlines/);
    expect(() => renderTemplateSpec({ ...base, binds: [ro('relative')] })).toThrow(/absolute/);
  });
});

describe('orderedBinds', () => {
  it('drops a path visible through its parent with the same access, keeps one with other access or another source', () => {
    const ordered = orderedBinds([
      ro('/repo/node_modules'),
      ro('/repo'),
      rw('/repo/node_modules/.vite-temp', { source: '/ctl/t0' }),
      ro('/repo/.git/config', { source: '/ctl/git-config', mask: true }),
      rw('/scratch/out'),
      ro('/scratch'),
    ]);
    expect(ordered.map((bind) => [bind.path, bind.writable, bind.mountPoint])).toEqual([
      ['/repo', false, true],
      ['/scratch', false, true],
      ['/scratch/out', true, false],
      ['/repo/.git/config', false, false],
      ['/repo/node_modules/.vite-temp', true, false],
    ]);
  });

  it('drops a mask of a file the sandbox does not show, and makes a path asked for twice writable when either asks', () => {
    expect(orderedBinds([ro('/elsewhere/.git/config', { source: '/ctl/git-config', mask: true })])).toEqual([]);
    expect(orderedBinds([ro('/out'), rw('/out/')]).map((bind) => [bind.path, bind.writable])).toEqual([['/out', true]]);
  });
});

describe('renderProcessSpec', () => {
  it('mounts /proc, makes its own directories writable and theirs, limits processes, runs the command with only its environment', () => {
    const steps = stepsOf(
      renderProcessSpec({
        writable: [rw('/scratch/out', { lockedFlags: ['relatime'] })],
        owners: { sandbox: '65534:65534', caller: '1001:1001' },
        maxProcesses: 1024,
        cwd: '/repo dir',
        privileges: ['/usr/bin/setpriv', '--reuid=65534', '--'],
        envCommand: '/usr/bin/env',
        env: { PATH: '/usr/bin', HOME: '/tmp', WEIRD: "a'b $(x)" },
        command: '/opt/node/bin/node',
        args: ['vitest.mjs', '--testNamePattern=^a b$'],
      }),
    );
    expect(steps).toEqual([
      'proc',
      'writable [/scratch/out] [rw,nosuid,nodev,relatime]',
      'own [65534:65534] [/scratch/out]',
      'ulimit -u 1024',
      "run [/repo dir] [1001:1001] [/scratch/out] [/usr/bin/setpriv] [--reuid=65534] [--] [/usr/bin/env] [-i] [PATH=/usr/bin] [HOME=/tmp] [WEIRD=a'b $(x)] [/opt/node/bin/node] [vitest.mjs] [--testNamePattern=^a b$]",
    ]);
  });

  it('refuses an environment variable whose name could smuggle a word', () => {
    const spec = { writable: [], owners: null, maxProcesses: 1, cwd: '/', privileges: [], envCommand: '/usr/bin/env', command: '/bin/true', args: [] };
    expect(() => renderProcessSpec({ ...spec, env: { 'A=B': 'x' } })).toThrow(/invalid environment variable/);
    expect(() => renderProcessSpec({ ...spec, env: { 'A\nB': 'x' } })).toThrow(/invalid environment variable/);
  });
});
