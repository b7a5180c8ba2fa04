/**
 * Pure: which models take the `reasoning_effort` parameter of the chat completions API.
 *
 * The rule (by model name, case-insensitive, after dropping a routing prefix such as `openai/` used by
 * OpenRouter and similar gateways):
 * - the o-series (`o1`, `o3`, `o3-mini`, `o4-mini`, ... : an `o` followed by a digit) take it, except
 *   `o1-mini` and `o1-preview`, which predate the parameter and reject it;
 * - the gpt-5 family (`gpt-5`, `gpt-5-mini`, `gpt-5.1`, ...) takes it, except its `-chat` variants
 *   (`gpt-5-chat-latest`), which are not reasoning models;
 * - every other model does not, and the parameter is left out of the request.
 *
 * Names are only a hint: a deployment (Azure) or a local model may be named anything. The setting
 * `send-reasoning-effort` (true or false) overrides the rule either way.
 */
export function modelTakesReasoningEffort(model: string): boolean {
  const name = baseModelName(model);
  if (/^o\d/.test(name)) return !/^o1-(mini|preview)\b/.test(name);
  if (/^gpt-5(\b|[.-])/.test(name)) return !/^gpt-5(\.\d+)?-chat\b/.test(name);
  return false;
}

/** `openai/o3-mini` -> `o3-mini`; `GPT-5` -> `gpt-5`. */
function baseModelName(model: string): string {
  const trimmed = model.trim().toLowerCase();
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}
