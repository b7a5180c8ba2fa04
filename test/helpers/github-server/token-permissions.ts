/**
 * Which fine-grained permissions each implemented operation needs, as GitHub lists them in
 * `x-accepted-github-permissions` (sets separated by `;`, any one set suffices; permissions within a
 * set separated by `,`). Used only for identities created with explicit `permissions`.
 */
import type { PermissionLevel } from './state.js';

const REQUIRED: Readonly<Record<string, string>> = {
  'issues/list-comments': 'issues=read; pull_requests=read',
  'issues/get-comment': 'issues=read; pull_requests=read',
  'issues/create-comment': 'issues=write; pull_requests=write',
  'issues/update-comment': 'issues=write; pull_requests=write',
  'issues/delete-comment': 'issues=write; pull_requests=write',
  'reactions/create-for-issue-comment': 'issues=write; pull_requests=write',
  'reactions/list-for-issue-comment': 'issues=read; pull_requests=read',
  'repos/get-collaborator-permission-level': 'metadata=read',
  'pulls/get': 'pull_requests=read',
  'pulls/list': 'pull_requests=read',
  'pulls/create': 'pull_requests=write',
  'pulls/update': 'pull_requests=write',
  'git/create-blob': 'contents=write',
  'git/get-blob': 'contents=read',
  'git/create-tree': 'contents=write',
  'git/get-tree': 'contents=read',
  'git/create-commit': 'contents=write',
  'git/get-commit': 'contents=read',
  'git/get-ref': 'contents=read',
  'git/create-ref': 'contents=write',
  'git/update-ref': 'contents=write',
  'git/delete-ref': 'contents=write',
  'actions/create-workflow-dispatch': 'actions=write',
};

/** The header value when `granted` satisfies none of the operation's sets; null when allowed. */
export function missingPermissions(operationId: string, granted: Readonly<Record<string, PermissionLevel>>): string | null {
  const accepted = REQUIRED[operationId];
  if (!accepted) return null;
  const sets = accepted.split(';').map((set) => set.split(',').map((item) => item.trim().split('=') as [string, PermissionLevel]));
  const satisfied = sets.some((set) => set.every(([name, level]) => name === 'metadata' || covers(granted[name], level)));
  return satisfied ? null : accepted;
}

function covers(have: PermissionLevel | undefined, need: PermissionLevel): boolean {
  const rank = { read: 1, write: 2, admin: 3 } as const;
  return have !== undefined && rank[have] >= rank[need];
}
