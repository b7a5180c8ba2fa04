/**
 * A 403 that names the permissions it wanted (`x-accepted-github-permissions`, sent to GitHub App
 * tokens such as the Actions GITHUB_TOKEN and to fine-grained PATs) becomes one warning line naming
 * the `permissions:` entry to add to the workflow, so the run can go on with what it may do.
 *
 * The header lists alternative sets separated by `;`, the permissions of one set by `,`:
 * `issues=write; pull_requests=write` means either one. App permission names use `_`, workflow
 * `permissions:` keys use `-`; some permissions (administration, workflows, ...) cannot be given to
 * GITHUB_TOKEN at all, and then the advice is to use a token that has them.
 *
 * Pure functions, plus `withPermissionWarning`, a small wrapper that turns such a failure of one
 * step into a warning and a skipped result.
 */

export interface PermissionGrant {
  /** App permission name as GitHub sends it, e.g. `pull_requests`. */
  readonly name: string;
  /** `read`, `write` or `admin`. */
  readonly access: string;
}

/** Keys the workflow `permissions:` block accepts (GitHub's documented list). */
const WORKFLOW_KEYS = new Set([
  'actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues',
  'models', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses',
]);

/** Which alternative to name first when several would do: the one TestMaster's pull-request work needs. */
const PREFERENCE = ['pull_requests', 'contents', 'issues', 'checks', 'statuses', 'actions'];

/** `issues=write; pull_requests=write` -> [[issues:write], [pull_requests:write]]; malformed parts are dropped. */
export function parseAcceptedPermissions(header: string): PermissionGrant[][] {
  return header
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((item) => item.trim().split('='))
        .filter((pair): pair is [string, string] => pair.length === 2 && pair[0]!.trim() !== '' && pair[1]!.trim() !== '')
        .map(([name, access]) => ({ name: name.trim().toLowerCase(), access: access.trim().toLowerCase() })),
    )
    .filter((set) => set.length > 0);
}

/** The workflow `permissions:` entry for a grant (`pull-requests: write`), or null when GITHUB_TOKEN cannot get it. */
export function workflowPermissionEntry(grant: PermissionGrant): string | null {
  if (grant.name === 'metadata') return null;
  const key = grant.name.replace(/_/g, '-');
  if (!WORKFLOW_KEYS.has(key)) return null;
  if (grant.access !== 'read' && grant.access !== 'write') return null;
  return `${key}: ${grant.access}`;
}

/**
 * What to do about a 403 carrying this header, as a clause: "add `pull-requests: write` under
 * `permissions:` in the workflow (or instead `issues: write`), or use a token that has it".
 */
export function missingPermissionAdvice(header: string): string {
  const sets = orderAlternatives(parseAcceptedPermissions(header));
  if (sets.length === 0) return `GitHub wants permissions it named as "${header.slice(0, 120)}"; give the token access to them`;
  const settable = sets.filter((set) => set.every((grant) => workflowPermissionEntry(grant) !== null));
  if (settable.length > 0) {
    const [first, ...others] = settable.map((set) => set.map((grant) => `\`${workflowPermissionEntry(grant)!}\``).join(' and '));
    const instead = others.length > 0 ? ` (or instead ${others.join(', or ')})` : '';
    return `add ${first} under \`permissions:\` in the workflow${instead}, or use a token that has it`;
  }
  if (sets.some((set) => set.some((grant) => grant.name === 'metadata'))) {
    return 'give the token access to this repository (it cannot read it)';
  }
  const wanted = sets.map((set) => set.map((grant) => `${grant.name}: ${grant.access}`).join(' and ')).join(', or ');
  return `use a token with ${wanted} (the workflow's GITHUB_TOKEN cannot be given it)`;
}

/**
 * The one-line warning for a failure that is a 403 naming missing permissions; null for any other
 * failure. Accepts Octokit's RequestError and our GitHubRequestError alike.
 */
export function missingPermissionWarning(error: unknown, doing: string): string | null {
  const accepted = acceptedPermissionsOf(error);
  if (accepted === null) return null;
  return `TestMaster could not ${doing}: the token lacks a permission; ${missingPermissionAdvice(accepted)}. Continuing without it.`;
}

export type PermissionStep<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly warning: string };

/**
 * Runs one GitHub step; a 403 for a missing permission becomes `warn(line)` and `{ done: false }`
 * so the caller goes on with what it can do. Any other failure is rethrown as is.
 */
export async function withPermissionWarning<T>(doing: string, step: () => Promise<T>, warn: (line: string) => void): Promise<PermissionStep<T>> {
  try {
    return { done: true, value: await step() };
  } catch (error) {
    const warning = missingPermissionWarning(error, doing);
    if (warning === null) throw error;
    warn(warning);
    return { done: false, warning };
  }
}

function acceptedPermissionsOf(error: unknown): string | null {
  const value = (error ?? {}) as { status?: unknown; acceptedPermissions?: unknown; response?: { headers?: Record<string, unknown> } };
  if (value.status !== 403) return null;
  if (typeof value.acceptedPermissions === 'string' && value.acceptedPermissions) return value.acceptedPermissions;
  const header = value.response?.headers?.['x-accepted-github-permissions'];
  return typeof header === 'string' && header.trim() ? header : null;
}

function orderAlternatives(sets: PermissionGrant[][]): PermissionGrant[][] {
  const preference = (name: string): number => (PREFERENCE.includes(name) ? PREFERENCE.indexOf(name) : PREFERENCE.length);
  const rank = (set: PermissionGrant[]): number => Math.min(...set.map((grant) => preference(grant.name)));
  return sets
    .map((set, index) => ({ set, index }))
    .sort((a, b) => a.set.length - b.set.length || rank(a.set) - rank(b.set) || a.index - b.index)
    .map(({ set }) => set);
}
