/**
 * The programs the sandbox needs, looked up in the system's own directories only (never on a PATH a
 * caller or a repository could have changed, since some run as root): util-linux's unshare, nsenter, setpriv,
 * mount, umount and pivot_root, coreutils, a POSIX shell; iproute2's ip and sudo when present.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'] as const;

const REQUIRED = ['sh', 'unshare', 'nsenter', 'setpriv', 'mount', 'umount', 'pivot_root', 'mkdir', 'ln', 'cp', 'chown', 'env'] as const;
const OPTIONAL = ['ip', 'sudo', 'rm'] as const;

export type RequiredTool = (typeof REQUIRED)[number];
export type OptionalTool = (typeof OPTIONAL)[number];

export interface HostTools {
  readonly required: Readonly<Record<RequiredTool, string>>;
  readonly optional: Readonly<Partial<Record<OptionalTool, string>>>;
}

export type HostToolsLookup = { readonly ok: true; readonly tools: HostTools } | { readonly ok: false; readonly missing: readonly string[] };

export function findHostTools(isExecutable: (file: string) => boolean = executable): HostToolsLookup {
  const find = (name: string): string | null => SYSTEM_DIRS.map((dir) => path.join(dir, name)).find(isExecutable) ?? null;
  const required: Partial<Record<RequiredTool, string>> = {};
  const missing: string[] = [];
  for (const name of REQUIRED) {
    const found = find(name);
    if (found === null) missing.push(name);
    else required[name] = found;
  }
  if (missing.length > 0) return { ok: false, missing };
  const optional: Partial<Record<OptionalTool, string>> = {};
  for (const name of OPTIONAL) {
    const found = find(name);
    if (found !== null) optional[name] = found;
  }
  return { ok: true, tools: { required: required as Record<RequiredTool, string>, optional } };
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
