import { describe, expect, it } from 'vitest';
import { configSourceFiles, parseConfigList, type ConfigEntry } from '../../../src/git/config-list.js';
import { filterDriverNames, hardenedArgs, neutralizingConfig, refusalFor } from '../../../src/git/safety-config.js';

const entry = (key: string, value: string | null = 'x', origin = 'file:.git/config'): ConfigEntry => ({ origin, key, value });

describe('hardenedArgs', () => {
  it('puts the options each subcommand must have right after it', () => {
    expect(hardenedArgs(['diff', '--raw', 'a', 'b', '--'])).toEqual(['diff', '--no-ext-diff', '--no-textconv', '--raw', 'a', 'b', '--']);
    expect(hardenedArgs(['show', 'abc:src/a.ts'])).toEqual(['show', '--no-ext-diff', '--no-textconv', 'abc:src/a.ts']);
    expect(hardenedArgs(['fetch', '--quiet', 'origin', 'main'])).toEqual(['fetch', '--upload-pack=git-upload-pack', '--no-recurse-submodules', '--quiet', 'origin', 'main']);
    expect(hardenedArgs(['status', '--porcelain=v2'])).toEqual(['status', '--ignore-submodules=dirty', '--porcelain=v2']);
    expect(hardenedArgs(['status', '--ignore-submodules=all'])).toEqual(['status', '--ignore-submodules=all']);
    expect(hardenedArgs(['rev-parse', 'HEAD'])).toEqual(['rev-parse', 'HEAD']);
  });
});

describe('neutralizingConfig', () => {
  it('switches off every filter driver the configuration defines, whatever its name', () => {
    const entries = [entry('filter.lfs.clean'), entry('filter.lfs.process'), entry('filter.Odd=Name.v2.smudge'), entry('filter.x.required', 'true'), entry('diff.x.textconv'), entry('filter.nodots')];
    expect(filterDriverNames(entries)).toEqual(['Odd=Name.v2', 'lfs', 'x']);
    expect(neutralizingConfig([entry('filter.lfs.clean')])).toEqual([
      ['filter.lfs.clean', ''],
      ['filter.lfs.smudge', ''],
      ['filter.lfs.process', ''],
      ['filter.lfs.required', 'false'],
    ]);
  });
});

describe('refusalFor', () => {
  it('refuses a fetch while uploadpack.packObjectsHook is set, and nothing else', () => {
    const hooked = [entry('uploadpack.packobjectshook', 'evil', 'file:/home/u/.gitconfig')];
    expect(refusalFor(['fetch', 'origin'], hooked)).toMatch(/^uploadpack\.packObjectsHook is set in file:\/home\/u\/\.gitconfig: .*unset it/);
    expect(refusalFor(['status'], hooked)).toBeNull();
    expect(refusalFor(['fetch', 'origin'], [])).toBeNull();
  });
});

describe('parseConfigList and configSourceFiles', () => {
  it('parses -z output with and without values, and names every file the config can come from', () => {
    const output = ['file:/etc/gitconfig', 'core.x\n1', 'file:.git/config', 'include.path\n../extra.cfg', 'file:/repo/extra.cfg', 'x.flag', 'command line:', 'a.b\nc', ''].join('\0');
    const entries = parseConfigList(output);
    expect(entries).toEqual([
      { origin: 'file:/etc/gitconfig', key: 'core.x', value: '1' },
      { origin: 'file:.git/config', key: 'include.path', value: '../extra.cfg' },
      { origin: 'file:/repo/extra.cfg', key: 'x.flag', value: null },
      { origin: 'command line:', key: 'a.b', value: 'c' },
    ]);
    const withIncludeIf = [...entries, entry('includeif.gitdir:/repo/.git.path', '~/cond.cfg')];
    const files = configSourceFiles('/repo', { toplevel: '/repo', gitDir: '/repo/.git', commonDir: '/repo/.git' }, withIncludeIf, { HOME: '/home/u' });
    expect(files).toEqual([
      '/etc/gitconfig',
      '/home/u/.config/git/config',
      '/home/u/.gitconfig',
      '/home/u/cond.cfg',
      '/repo/.git',
      '/repo/.git/commondir',
      '/repo/.git/config',
      '/repo/.git/config.worktree',
      '/repo/extra.cfg',
    ]);
    expect(configSourceFiles('/wt', { toplevel: '/wt', gitDir: '/r/.git/worktrees/wt', commonDir: '/r/.git' }, [], { HOME: '/h', GIT_CONFIG_GLOBAL: '/g', GIT_CONFIG_NOSYSTEM: '1' })).toEqual([
      '/g',
      '/r/.git/config',
      '/r/.git/config.worktree',
      '/r/.git/worktrees/wt/commondir',
      '/r/.git/worktrees/wt/config.worktree',
      '/wt/.git',
    ]);
  });
});
