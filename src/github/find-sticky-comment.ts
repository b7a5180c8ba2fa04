/**
 * Finds the sticky comment on an issue or pull request: the oldest comment whose body starts with the
 * marker, that the token's own identity wrote, and that is not minimized (hidden). All pages of
 * comments are read (REST, `per_page` up to 100) until it is found.
 *
 * The author is what makes it ours: someone else's comment carrying the marker (or a proposal) is
 * never taken. The marker must start the body, because our own comments (this one, replies to
 * commands) may quote text from outside; our renderers break any `<!--` in such text anyway
 * (escape-markdown.ts). What this cannot tell apart: another workflow of the repository posting
 * under the same identity (`github-actions[bot]`) a comment that starts with the marker.
 *
 * Who "we" are is asked of GitHub's GraphQL API per candidate comment: `viewerDidAuthor` (Comment
 * interface) and `isMinimized` (Minimizable), by node id. That works the same for the Actions
 * GITHUB_TOKEN (`github-actions[bot]`, which cannot call GET /user, and whose GraphQL author login
 * lacks the `[bot]` suffix the REST login has), for other GitHub App tokens and for PATs, with no
 * login comparison at all. Only comments that carry the marker are asked about, at most 100 per query.
 */
import type { Octokit } from './create-octokit.js';
import { describeFailure, toGitHubError } from './github-errors.js';

export interface StickyLocation {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
  readonly marker: string;
  /** Comments per page (1-100, default 100). */
  readonly pageSize?: number;
}

export interface FoundComment {
  readonly id: number;
  readonly nodeId: string;
  readonly body: string;
  readonly url: string;
}

export const STICKY_CANDIDATES_QUERY = `query TestMasterStickyCandidates($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on IssueComment {
      id
      isMinimized
      viewerDidAuthor
    }
  }
}`;

interface CandidateFlags {
  readonly isMinimized: boolean;
  readonly viewerDidAuthor: boolean;
}

const MAX_IDS_PER_QUERY = 100;

export async function findStickyComment(octokit: Octokit, where: StickyLocation): Promise<FoundComment | null> {
  const { owner, repo, issueNumber, marker } = where;
  const perPage = Math.min(100, Math.max(1, Math.floor(where.pageSize ?? 100)));
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: perPage });
  try {
    for await (const page of pages) {
      const candidates = page.data.filter((comment) => (comment.body ?? '').startsWith(marker));
      if (candidates.length === 0) continue;
      const flags = await candidateFlags(octokit, candidates.map((comment) => comment.node_id));
      const own = candidates.find((comment) => {
        const flag = flags.get(comment.node_id);
        return flag !== undefined && flag.viewerDidAuthor && !flag.isMinimized;
      });
      if (own) return { id: own.id, nodeId: own.node_id, body: own.body ?? '', url: own.html_url };
    }
  } catch (error) {
    throw toGitHubError(error, `look for the TestMaster comment on ${owner}/${repo}#${issueNumber}`);
  }
  return null;
}

async function candidateFlags(octokit: Octokit, nodeIds: readonly string[]): Promise<Map<string, CandidateFlags>> {
  const flags = new Map<string, CandidateFlags>();
  for (let start = 0; start < nodeIds.length; start += MAX_IDS_PER_QUERY) {
    const ids = nodeIds.slice(start, start + MAX_IDS_PER_QUERY);
    for (const node of await queryNodes(octokit, ids)) {
      if (node && typeof node.id === 'string') {
        flags.set(node.id, { isMinimized: node.isMinimized === true, viewerDidAuthor: node.viewerDidAuthor === true });
      }
    }
  }
  return flags;
}

type NodeAnswer = { id?: unknown; isMinimized?: unknown; viewerDidAuthor?: unknown } | null;

/** A comment deleted since it was listed comes back as null with a NOT_FOUND error: that is no failure. */
async function queryNodes(octokit: Octokit, ids: readonly string[]): Promise<NodeAnswer[]> {
  try {
    const data = await octokit.graphql<{ nodes: NodeAnswer[] }>(STICKY_CANDIDATES_QUERY, { ids: [...ids] });
    return data.nodes ?? [];
  } catch (error) {
    const failure = describeFailure(error);
    const partial = (error as { data?: { nodes?: NodeAnswer[] } }).data;
    if (failure.graphqlErrors && failure.graphqlErrors.every((e) => e.type === 'NOT_FOUND') && partial?.nodes) return partial.nodes;
    throw error;
  }
}
