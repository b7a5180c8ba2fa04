/**
 * GitHub's page-number pagination: `per_page` (default 30, at most 100) and `page` (from 1), with a
 * `Link` header naming the first, prev, next and last pages as absolute URLs that keep the request's
 * other query parameters.
 */
export interface Page<T> {
  readonly items: T[];
  /** The `Link` header, or null when everything fits on one page. */
  readonly link: string | null;
}

export function paginate<T>(all: readonly T[], query: Readonly<Record<string, unknown>>, requestUrl: URL): Page<T> {
  const perPage = Math.min(100, Math.max(1, Number(query['per_page'] ?? 30) || 30));
  const page = Math.max(1, Number(query['page'] ?? 1) || 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  if (last === 1) return { items, link: null };
  const at = (n: number): string => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return url.href;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${at(page + 1)}>; rel="next"`);
  if (page < last) rels.push(`<${at(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return { items, link: rels.join(', ') };
}

/** Response headers for a page: `link` when there is more than one page. */
export function pageHeaders(page: Page<unknown>): Record<string, string> {
  return page.link ? { link: page.link } : {};
}
