/**
 * The keys a repository's config file may not set, and the path settings it may set only inside the
 * repository (pure). Every string-valued key of the schema is classified here, so a new one fails this
 * test until someone decides whether it says where a secret goes, is a path, or is neither.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  confinedPathMessage,
  PATH_KEYS,
  PATH_SETTINGS,
  REPOSITORY_REFUSED_KEYS,
  refusedKeyMessage,
  refusedKeys,
} from '../../../src/config/repository-file-rules.js';
import { CONFIG_KEYS, configFileSchema } from '../../../src/config/schema.js';

/** String-valued keys that neither send a secret anywhere nor name a file. */
const PLAIN_STRING_KEYS = ['model', 'azure-api-version', 'azure-deployment', 'test-path-pattern'];

function takesString(key: string): boolean {
  const field = (configFileSchema.shape as Record<string, z.ZodType>)[key]!;
  const text = JSON.stringify(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }));
  return text.includes('"type":"string"') && !text.includes('"enum"');
}

describe('repository file rules', () => {
  it('classifies every string-valued key: refused (where a secret goes), a path, or plain', () => {
    const stringKeys = CONFIG_KEYS.filter((key) => takesString(key) && key !== 'include' && key !== 'exclude' && key !== 'model-prices');
    const classified = [...Object.keys(REPOSITORY_REFUSED_KEYS), ...PATH_KEYS, ...PLAIN_STRING_KEYS];
    expect([...stringKeys].sort()).toEqual([...classified].sort());
    expect(Object.keys(REPOSITORY_REFUSED_KEYS).sort()).toEqual(['api-key', 'azure-endpoint', 'base-url']);
    expect(PATH_SETTINGS).toEqual({ 'report-md': 'write', 'report-json': 'write', 'store-path': 'store', 'base-coverage': 'read' });
  });

  it('has no key for OpenTelemetry or the event log: those are environment or flag only', () => {
    expect(CONFIG_KEYS.filter((key) => /otel|otlp|telemetry|trace|events|header/i.test(key))).toEqual([]);
  });

  it('refuses base-url and azure-endpoint in a repository file, naming the key, why, and the flag, input and variable to use', () => {
    expect(refusedKeyMessage({ 'base-url': 'https://attacker.example/v1', model: 'm' }, '.github/testmaster.yml', 'repository')).toBe(
      ".github/testmaster.yml: \"base-url\" is not taken from the repository's config file: it decides where the model key is sent, and the file is the pull request's to change; set it with the --base-url flag, the action input base-url or the OPENAI_BASE_URL environment variable (or in a config file outside the repository, named with --config)",
    );
    const azure = refusedKeyMessage({ 'azure-endpoint': 'https://evil.openai.azure.com' }, 'ci/tm.yml', 'repository')!;
    expect(azure).toMatch(/^ci\/tm\.yml: "azure-endpoint" is not taken from the repository's config file: it decides where the model key is sent/);
    expect(azure).toContain('--azure-endpoint flag, the action input azure-endpoint or the AZURE_OPENAI_ENDPOINT environment variable');
    for (const message of [azure, refusedKeyMessage({ 'base-url': null }, 'f.yml', 'repository')!]) {
      expect(message).not.toContain('\n');
      expect(message).not.toContain('evil');
    }
  });

  it('refuses api-key in any file, never quoting its value', () => {
    const repository = refusedKeyMessage({ 'api-key': 'sk-live-123' }, '.github/testmaster.yml', 'repository')!;
    expect(repository).toMatch(/^\.github\/testmaster\.yml: "api-key" must not be in the config file, which is committed to the repository; remove it/);
    const user = refusedKeyMessage({ 'api-key': 'sk-live-123' }, '/home/me/tm.yml', 'user')!;
    expect(user).toMatch(/^\/home\/me\/tm\.yml: "api-key" must not be in the config file; remove it .* OPENAI_API_KEY environment variable$/);
    for (const message of [repository, user]) expect(message).not.toContain('sk-live-123');
  });

  it('lets a file of the user\'s (outside the repository) say where the key goes', () => {
    expect(refusedKeys('user')).toEqual(['api-key']);
    expect(refusedKeyMessage({ 'base-url': 'http://localhost:11434/v1', 'azure-endpoint': 'https://r.openai.azure.com' }, 'mine.yml', 'user')).toBeNull();
    expect(refusedKeyMessage({ model: 'm', 'report-md': '../x.md' }, '.github/testmaster.yml', 'repository')).toBeNull();
  });

  it('says where a confined path went and which flag or input may point elsewhere', () => {
    const message = confinedPathMessage('.github/testmaster.yml', 'report-md', '../home/.bashrc', 'resolves outside the repository, to /home/.bashrc');
    expect(message).toBe(
      '.github/testmaster.yml: "report-md" "../home/.bashrc" resolves outside the repository, to /home/.bashrc; a path in the repository\'s config file must stay inside the repository (outside its git directory); to use another place, pass --report-md (or the action input report-md)',
    );
    expect(confinedPathMessage('f.yml', 'store-path', '/x', 'p')).not.toContain('git directory');
  });
});
