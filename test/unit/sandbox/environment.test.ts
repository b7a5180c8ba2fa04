import { describe, expect, it } from 'vitest';
import { isDeniedVariable, isSafeNodeOptions, sandboxEnvironment } from '../../../src/sandbox/environment.js';
import { TestRunnerError } from '../../../src/errors/errors.js';

const SECRETS: Record<string, string> = {
  GITHUB_TOKEN: 'ghs_secret1',
  GH_TOKEN: 'ghp_secret2',
  OPENAI_API_KEY: 'sk-secret3',
  OPENAI_BASE_URL: 'https://internal.example',
  INPUT_TOKEN: 'secret4',
  ACTIONS_RUNTIME_TOKEN: 'secret5',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
  ACTIONS_CACHE_URL: 'https://cache.example',
  GITHUB_ENV: '/tmp/env',
  GITHUB_PATH: '/tmp/path',
  GITHUB_OUTPUT: '/tmp/output',
  GITHUB_STEP_SUMMARY: '/tmp/summary',
  NPM_TOKEN: 'npm_secret6',
  NODE_AUTH_TOKEN: 'secret7',
  AWS_ACCESS_KEY_ID: 'AKIA',
  AWS_SECRET_ACCESS_KEY: 'secret8',
  MY_SERVICE_SECRET: 'secret9',
  DEPLOY_KEY: 'secret10',
  npm_config__authToken: 'secret11',
  LD_PRELOAD: '/tmp/evil.so',
};

describe('sandboxEnvironment', () => {
  it('keeps only allow-listed variables and sets plain-output ones', () => {
    const env = sandboxEnvironment({
      ...SECRETS,
      PATH: '/usr/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      CI: 'true',
      TERM: 'xterm-256color',
      SHELL: '/bin/bash',
      USER: 'runner',
      npm_config_cache: '/home/u/.npm',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      CI: 'true',
      npm_config_cache: '/home/u/.npm',
      TERM: 'dumb',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    });
  });

  it('matches allow-listed names case-insensitively (Windows spells it Path)', () => {
    expect(sandboxEnvironment({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows' })).toMatchObject({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows' });
  });

  it('passes NODE_OPTIONS only when every flag is a runtime setting', () => {
    expect(sandboxEnvironment({ NODE_OPTIONS: '--max-old-space-size=4096 --experimental-vm-modules' }).NODE_OPTIONS).toBe(
      '--max-old-space-size=4096 --experimental-vm-modules',
    );
    for (const unsafe of ['--require ./hook.js', '--max-old-space-size=4096 --import=x', '--inspect=0.0.0.0:9229', '-r x', '--env-file=.env']) {
      expect(sandboxEnvironment({ NODE_OPTIONS: unsafe }), unsafe).not.toHaveProperty('NODE_OPTIONS');
    }
  });

  it('adds harmless extra variables', () => {
    expect(sandboxEnvironment({ PATH: '/bin' }, { NODE_ENV: 'test', VITEST_POOL: 'forks' })).toMatchObject({
      PATH: '/bin',
      NODE_ENV: 'test',
      VITEST_POOL: 'forks',
    });
  });

  it.each(Object.keys(SECRETS))('refuses %s as an extra variable', (name) => {
    expect(() => sandboxEnvironment({}, { [name]: 'x' })).toThrow(TestRunnerError);
    expect(() => sandboxEnvironment({}, { [name]: 'x' })).toThrow(new RegExp(`refusing to pass the variable ${name}`));
  });

  it('refuses an unsafe NODE_OPTIONS as an extra variable', () => {
    expect(() => sandboxEnvironment({}, { NODE_OPTIONS: '--require ./steal.js' })).toThrow(/refusing NODE_OPTIONS/);
  });

  it('cannot be made to colour output or change TERM', () => {
    expect(sandboxEnvironment({}, { FORCE_COLOR: '3', TERM: 'xterm' })).toMatchObject({ FORCE_COLOR: '0', TERM: 'dumb' });
  });
});

describe('deny rules', () => {
  it('deny secrets and workflow files, whatever the case', () => {
    for (const name of [...Object.keys(SECRETS), 'github_token', 'Anthropic_Api_Key', 'DB_PASSWORD', 'GOOGLE_APPLICATION_CREDENTIALS']) {
      expect(isDeniedVariable(name), name).toBe(true);
    }
  });

  it('allow ordinary variables', () => {
    for (const name of ['PATH', 'HOME', 'NODE_ENV', 'TZ', 'KEYBOARD_LAYOUT', 'MONKEY', 'npm_config_cache']) {
      expect(isDeniedVariable(name), name).toBe(false);
    }
  });

  it('treat an empty NODE_OPTIONS as not worth passing', () => {
    expect(isSafeNodeOptions('   ')).toBe(false);
    expect(isSafeNodeOptions('--enable-source-maps')).toBe(true);
  });
});
