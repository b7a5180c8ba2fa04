/**
 * The names a model id may be known by, most specific first: the id itself, then without a router's
 * vendor prefix (`openai/gpt-4o` -> `gpt-4o`), without a variant tag (`model:free` -> `model`), and
 * without a date or snapshot suffix (`gpt-4o-2024-08-06`, `claude-x-20250514`, `gpt-4-0613`,
 * `model@20240620` -> the undated name). Lower-cased and trimmed; never empty.
 */

const DATE_SUFFIXES: readonly RegExp[] = [
  /[-@]\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
  /[-@]20\d{6}$/, // claude-sonnet-4-20250514, model@20240620
  /-\d{4}$/, // gpt-4-0613, gpt-3.5-turbo-0125
];

export function modelIdCandidates(model: string): readonly string[] {
  const exact = model.trim().toLowerCase();
  const candidates: string[] = [];
  const add = (id: string): void => {
    if (id.length > 0 && !candidates.includes(id)) candidates.push(id);
  };
  add(exact);
  const withoutVendor = exact.includes('/') ? exact.slice(exact.lastIndexOf('/') + 1) : exact;
  add(withoutVendor);
  for (const base of [exact, withoutVendor]) {
    const untagged = base.replace(/:[\w.-]+$/, '');
    add(untagged);
    for (const suffix of DATE_SUFFIXES) add(untagged.replace(suffix, ''));
  }
  return candidates;
}
