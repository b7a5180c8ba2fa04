/**
 * What a repository's own configuration file may not decide (pure). The file is the pull request's to
 * change (and, once merged, whoever merged it), so it never says where a secret goes: the model key
 * (`api-key`) and the two settings that choose the host it is sent to (`base-url`, `azure-endpoint`).
 * Everything else that could send a secret somewhere is environment-only and has no key at all
 * (OpenTelemetry: OTEL_EXPORTER_OTLP_*; the event log: --events). Its path settings must stay inside
 * the repository (src/config/confine-path.ts); flags, action inputs and a config file the user names
 * outside the repository may point anywhere.
 */
import type { ConfigKey } from './schema.js';

/** Where a configuration file comes from: the repository's (any commit, or its working tree), or one the user named outside it. */
export type ConfigFileOrigin = 'repository' | 'user';

const SECRET_INSTEAD =
  'give it as a secret: the action input api-key (e.g. ${{ secrets.OPENAI_API_KEY }}) or the OPENAI_API_KEY environment variable';
const WHERE_THE_KEY_GOES = "it decides where the model key is sent, and the file is the pull request's to change";

/** Keys a repository's config file may not set, with where to set them instead. */
export const REPOSITORY_REFUSED_KEYS: Readonly<Partial<Record<ConfigKey, string>>> = {
  'api-key': SECRET_INSTEAD,
  'base-url': 'set it with the --base-url flag, the action input base-url or the OPENAI_BASE_URL environment variable',
  'azure-endpoint': 'set it with the --azure-endpoint flag, the action input azure-endpoint or the AZURE_OPENAI_ENDPOINT environment variable',
};

/** Keys refused in a file of this origin: api-key in any file (a file is not a secret store). */
export function refusedKeys(origin: ConfigFileOrigin): readonly ConfigKey[] {
  return origin === 'repository' ? (Object.keys(REPOSITORY_REFUSED_KEYS) as ConfigKey[]) : ['api-key'];
}

/**
 * The first refused key the file's mapping sets (even empty or of the wrong type, and never its
 * value, which may be a real key) as a one-line message; null when none.
 */
export function refusedKeyMessage(mapping: Readonly<Record<string, unknown>>, displayName: string, origin: ConfigFileOrigin): string | null {
  const key = refusedKeys(origin).find((name) => Object.hasOwn(mapping, name));
  if (key === undefined) return null;
  if (key === 'api-key') {
    const committed = origin === 'repository' ? ', which is committed to the repository' : '';
    return `${displayName}: "api-key" must not be in the config file${committed}; remove it (and revoke the key if a real one was written there) and ${SECRET_INSTEAD}`;
  }
  return `${displayName}: "${key}" is not taken from the repository's config file: ${WHERE_THE_KEY_GOES}; ${REPOSITORY_REFUSED_KEYS[key]!} (or in a config file outside the repository, named with --config)`;
}

/** How a path setting is used: a file we write (reports), the run store, or a file we only read. */
export type PathUse = 'write' | 'store' | 'read';

/** Every path setting and its use. A test keeps this in step with the schema's path keys. */
export const PATH_SETTINGS: Readonly<Partial<Record<ConfigKey, PathUse>>> = {
  'report-md': 'write',
  'report-json': 'write',
  'store-path': 'store',
  'base-coverage': 'read',
};

export const PATH_KEYS: readonly ConfigKey[] = Object.keys(PATH_SETTINGS) as ConfigKey[];

/** Where a path from a repository file may not lead, for messages; and where to set it instead. */
export function confinedPathMessage(displayName: string, key: ConfigKey, value: string, problem: string): string {
  return `${displayName}: "${key}" ${JSON.stringify(value)} ${problem}; a path in the repository's config file must stay inside the repository${PATH_SETTINGS[key] === 'write' ? ' (outside its git directory)' : ''}; to use another place, pass --${key} (or the action input ${key})`;
}
