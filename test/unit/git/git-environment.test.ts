import { describe, expect, it } from 'vitest';
import { ALLOWED_PROTOCOLS, DEFAULT_SSH_COMMAND, gitEnvironment } from '../../../src/git/git-environment.js';

const PARENT: NodeJS.ProcessEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  TZ: 'UTC',
  XDG_CONFIG_HOME: '/home/runner/.config',
  GIT_CONFIG_GLOBAL: '/home/runner/other.gitconfig',
  https_proxy: 'http://proxy:3128',
  SSH_AUTH_SOCK: '/tmp/agent.sock',
  LANG: 'de_DE.UTF-8',
  // Never to git:
  GITHUB_TOKEN: 'ghp_0123456789abcdef0123456789abcdef0123',
  OPENAI_API_KEY: 'sk-secret',
  INPUT_TOKEN: 'input-secret',
  INPUT_API_KEY: 'input-key',
  ACTIONS_RUNTIME_TOKEN: 'runtime',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://id',
  ACTIONS_CACHE_URL: 'https://cache',
  GITHUB_ENV: '/tmp/env',
  GITHUB_OUTPUT: '/tmp/out',
  RUNNER_TEMP: '/tmp/runner',
  NODE_OPTIONS: '--require ./evil.js',
  GIT_DIR: '/elsewhere/.git',
  GIT_WORK_TREE: '/elsewhere',
  GIT_EXTERNAL_DIFF: 'evil',
  GIT_ASKPASS: '/evil/askpass',
  SSH_ASKPASS: '/evil/askpass',
  GIT_PROXY_COMMAND: '/evil/proxy',
  GIT_CONFIG_PARAMETERS: "'core.hookspath'='/evil'",
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'core.hooksPath',
  GIT_CONFIG_VALUE_0: '/evil',
  GIT_EXEC_PATH: '/evil/libexec',
  LD_PRELOAD: '/evil.so',
};

describe('gitEnvironment', () => {
  it('keeps only what git needs, and adds the fixed settings', () => {
    const env = gitEnvironment(PARENT);
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      TZ: 'UTC',
      XDG_CONFIG_HOME: '/home/runner/.config',
      GIT_CONFIG_GLOBAL: '/home/runner/other.gitconfig',
      https_proxy: 'http://proxy:3128',
      SSH_AUTH_SOCK: '/tmp/agent.sock',
      GIT_SSH_COMMAND: DEFAULT_SSH_COMMAND,
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      GIT_PAGER: 'cat',
      PAGER: 'cat',
      GIT_OPTIONAL_LOCKS: '0',
      LC_ALL: 'C',
      LANGUAGE: 'C',
      GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
      GIT_PROXY_COMMAND: '',
      GIT_ASKPASS: '',
      GIT_CONFIG_COUNT: '0',
    });
    const text = JSON.stringify(env);
    for (const secret of ['ghp_', 'sk-secret', 'input-secret', 'input-key', 'runtime', '/evil']) expect(text).not.toContain(secret);
  });

  it('passes the safety configuration as GIT_CONFIG_COUNT entries, names with "=" kept whole', () => {
    const env = gitEnvironment({ PATH: '/bin' }, [['core.hooksPath', '/dev/null'], ['filter.a=b.c.clean', '']]);
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.hooksPath',
      GIT_CONFIG_VALUE_0: '/dev/null',
      GIT_CONFIG_KEY_1: 'filter.a=b.c.clean',
      GIT_CONFIG_VALUE_1: '',
    });
  });

  it("keeps the user's own ssh command", () => {
    expect(gitEnvironment({ GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy' }).GIT_SSH_COMMAND).toBe('ssh -i ~/.ssh/deploy');
  });
});
