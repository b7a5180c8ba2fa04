/**
 * Pull requests: get, list (state/head/base filters, newest first, paginated), create (head and base
 * branches must exist; one open pull request per head and base; no pull request without commits),
 * update (title, body, base, state including closing it).
 */
import { pageHeaders, paginate } from '../pagination.js';
import type { StoredIssue, StoredRepo } from '../state.js';
import { integer, notFound, repoOf, validationFailed, type Handler, type HandlerContext } from './types.js';

function pullOf(context: HandlerContext): { repo: StoredRepo; issue: StoredIssue } {
  const repo = repoOf(context);
  const issue = repo.issues.get(integer(context.params['pull_number']));
  if (!issue?.pull) throw notFound(context);
  return { repo, issue };
}

/** `owner:branch` or `branch` -> owner and branch. */
function splitHead(repo: StoredRepo, head: string): { owner: string; ref: string } {
  const colon = head.indexOf(':');
  return colon < 0 ? { owner: repo.owner, ref: head } : { owner: head.slice(0, colon), ref: head.slice(colon + 1) };
}

const getPull: Handler = (context) => {
  const { repo, issue } = pullOf(context);
  return { status: 200, body: context.views.pullRequest(repo, issue) };
};

const listPulls: Handler = (context) => {
  const repo = repoOf(context);
  const state = String(context.query['state'] ?? 'open');
  const head = typeof context.query['head'] === 'string' ? splitHead(repo, context.query['head']) : null;
  const base = typeof context.query['base'] === 'string' ? context.query['base'] : null;
  const direction = context.query['direction'] ?? ((context.query['sort'] ?? 'created') === 'created' ? 'desc' : 'asc');
  const all = [...repo.issues.values()]
    .filter((issue) => issue.pull !== null)
    .filter((issue) => state === 'all' || issue.pull!.state === state)
    .filter((issue) => !head || (issue.pull!.headOwner.toLowerCase() === head.owner.toLowerCase() && issue.pull!.headRef === head.ref))
    .filter((issue) => !base || issue.pull!.baseRef === base)
    .sort((a, b) => (direction === 'desc' ? b.number - a.number : a.number - b.number));
  const page = paginate(all, context.query, context.url);
  return {
    status: 200,
    body: page.items.map((issue) => context.views.pullRequestSimple(repo, issue)),
    headers: pageHeaders(page),
  };
};

const createPull: Handler = (context) => {
  const repo = repoOf(context);
  const body = context.body;
  if (typeof body['title'] !== 'string' && body['issue'] === undefined) {
    throw validationFailed(context, [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
  }
  const head = splitHead(repo, String(body['head']));
  const baseRef = String(body['base']);
  const headSha = head.owner.toLowerCase() === repo.owner.toLowerCase() ? repo.git.ref(`refs/heads/${head.ref}`) : undefined;
  const baseSha = repo.git.ref(`refs/heads/${baseRef}`);
  if (!headSha) throw validationFailed(context, [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (!baseSha) throw validationFailed(context, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const open = [...repo.issues.values()].find(
    (issue) => issue.pull?.state === 'open' && issue.pull.headRef === head.ref && issue.pull.headOwner.toLowerCase() === head.owner.toLowerCase() && issue.pull.baseRef === baseRef,
  );
  if (open) {
    throw validationFailed(context, [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${head.owner}:${head.ref}.` }]);
  }
  if (headSha === baseSha || repo.git.isAncestor(headSha, baseSha)) {
    throw validationFailed(context, [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${head.ref}` }]);
  }
  const issue = context.state.addPullRequest(repo.owner, repo.name, {
    head: head.ref,
    headOwner: head.owner,
    base: baseRef,
    title: typeof body['title'] === 'string' ? body['title'] : `#${String(body['issue'])}`,
    body: typeof body['body'] === 'string' ? body['body'] : null,
    author: context.identity.login,
    draft: body['draft'] === true,
  });
  if (typeof body['maintainer_can_modify'] === 'boolean') issue.pull!.maintainerCanModify = body['maintainer_can_modify'];
  const view = context.views.pullRequest(repo, issue);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const updatePull: Handler = (context) => {
  const { repo, issue } = pullOf(context);
  const body = context.body;
  const pull = issue.pull!;
  if (typeof body['base'] === 'string') {
    if (!repo.git.ref(`refs/heads/${body['base']}`)) throw validationFailed(context, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    pull.baseRef = body['base'];
  }
  if (typeof body['title'] === 'string') issue.title = body['title'];
  if (typeof body['body'] === 'string') issue.body = body['body'];
  if (typeof body['maintainer_can_modify'] === 'boolean') pull.maintainerCanModify = body['maintainer_can_modify'];
  if (body['state'] === 'closed' && pull.state === 'open') {
    pull.state = 'closed';
    pull.closedAt = context.state.now();
  } else if (body['state'] === 'open' && pull.state === 'closed') {
    pull.state = 'open';
    pull.closedAt = null;
  }
  issue.updatedAt = context.state.now();
  return { status: 200, body: context.views.pullRequest(repo, issue) };
};

export const PULL_HANDLERS: Readonly<Record<string, Handler>> = {
  'pulls/get': getPull,
  'pulls/list': listPulls,
  'pulls/create': createPull,
  'pulls/update': updatePull,
};
