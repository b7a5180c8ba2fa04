/**
 * Actions: a workflow_dispatch (POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches)
 * of a workflow the test seeded (state.addWorkflow), checked as GitHub checks it: the workflow by id
 * or file name (404 otherwise), a workflow_dispatch trigger, `ref` naming an existing branch or tag,
 * only the inputs the workflow declares, every required one, each value a string (422 with GitHub's
 * messages otherwise). An accepted dispatch is recorded (state.dispatches) and answered 204, or 200
 * with the run's ids when `return_run_details` is true.
 */
import type { StoredRepo, StoredWorkflow } from '../state.js';
import { notFound, repoOf, unprocessable, type Handler, type HandlerContext } from './types.js';

function workflowOf(context: HandlerContext, repo: StoredRepo): StoredWorkflow {
  const wanted = String(context.params['workflow_id']);
  for (const workflow of repo.workflows.values()) {
    if (String(workflow.id) === wanted || workflow.path.slice(workflow.path.lastIndexOf('/') + 1) === wanted) return workflow;
  }
  throw notFound(context);
}

/** `main`, `v1.0` or `refs/heads/main` -> the commit, or undefined when no branch or tag has that name. */
function resolveRef(repo: StoredRepo, ref: string): string | undefined {
  if (ref.startsWith('refs/')) return repo.git.ref(ref);
  return repo.git.ref(`refs/heads/${ref}`) ?? repo.git.ref(`refs/tags/${ref}`);
}

const createWorkflowDispatch: Handler = (context) => {
  const repo = repoOf(context);
  const workflow = workflowOf(context, repo);
  const ref = String(context.body['ref']);
  const inputs = (context.body['inputs'] ?? {}) as Record<string, unknown>;
  if (workflow.dispatchInputs === null) throw unprocessable(context, "Workflow does not have 'workflow_dispatch' trigger");
  if (resolveRef(repo, ref) === undefined) throw unprocessable(context, `No ref found for: ${ref}`);
  const declared = workflow.dispatchInputs;
  const unexpected = Object.keys(inputs).filter((name) => !(name in declared));
  if (unexpected.length > 0) throw unprocessable(context, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value !== 'string') throw unprocessable(context, `For 'properties/${name}', ${JSON.stringify(value)} is not a string.`);
  }
  const missing = Object.entries(declared).find(([name, spec]) => spec.required && !(name in inputs));
  if (missing) throw unprocessable(context, `Required input '${missing[0]}' not provided`);

  const runId = context.state.newId();
  repo.dispatches.push({
    workflowId: workflow.id,
    workflowPath: workflow.path,
    ref,
    inputs: inputs as Record<string, string>,
    actor: context.identity.login,
    at: context.state.now(),
  });
  if (context.body['return_run_details'] !== true) return { status: 204 };
  const api = `${context.url.origin}/repos/${repo.owner}/${repo.name}`;
  return { status: 200, body: { workflow_run_id: runId, run_url: `${api}/actions/runs/${runId}`, html_url: `${context.state.htmlOrigin}/${repo.owner}/${repo.name}/actions/runs/${runId}` } };
};

export const ACTIONS_HANDLERS: Readonly<Record<string, Handler>> = {
  'actions/create-workflow-dispatch': createWorkflowDispatch,
};
