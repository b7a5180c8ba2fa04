import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizedGitConfig } from '../../../../src/sandbox/isolation/sanitized-git-config.js';

const CHECKOUT_CONFIG = `[core]
	repositoryformatversion = 1
	filemode = true
	bare = false
	fsmonitor = ./steal.sh
	hooksPath = /tmp/hooks
[extensions]
	objectFormat = sha256
	worktreeConfig = true
[remote "origin"]
	url = https://x-access-token:ghs_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/shop
	fetch = +refs/heads/*:refs/remotes/origin/*
[http "https://github.com/"]
	extraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==
[credential]
	helper = store
[filter "lfs"]
	clean = git-lfs clean -- %f
[include]
	path = /home/runner/work/_temp/git-credentials.config
`;

describe('the git config a sandboxed process sees', () => {
  const text = sanitizedGitConfig(CHECKOUT_CONFIG);

  it('keeps only the format version, bare and the repository extensions', () => {
    expect(text).toBe('[core]\n\trepositoryformatversion = 1\n\tbare = false\n[extensions]\n\tobjectformat = sha256\n\tworktreeconfig = true\n');
  });

  it('holds no credential, URL, helper, include, hook or filter of the real one', () => {
    for (const gone of ['ghs_', 'extraheader', 'AUTHORIZATION', 'helper', 'include', 'hooksPath', 'fsmonitor', 'lfs', 'github.com']) expect(text).not.toContain(gone);
  });

  it('is a config git reads, and a default one when the real one is empty or broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'testmaster-gitconfig-'));
    try {
      for (const source of [CHECKOUT_CONFIG, '', '[core\n garbage = = =']) {
        writeFileSync(join(dir, 'config'), sanitizedGitConfig(source));
        const listed = execFileSync('git', ['config', '--file', join(dir, 'config'), '--list'], { encoding: 'utf8' });
        expect(listed).toContain('core.repositoryformatversion=');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
