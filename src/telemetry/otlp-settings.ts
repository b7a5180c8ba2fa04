/**
 * Pure: whether traces are exported, and where, from the standard OpenTelemetry environment variables.
 * On only when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT is set (and neither
 * OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none). Headers come from OTEL_EXPORTER_OTLP_HEADERS and
 * OTEL_EXPORTER_OTLP_TRACES_HEADERS; the per-request timeout from OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT,
 * never longer than the shutdown deadline. No value read here is ever put in a message: an endpoint
 * may carry credentials and headers usually do.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface OtlpSettings {
  /** The full URL the spans are POSTed to (…/v1/traces). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Limit of one export request, retries included, in milliseconds. */
  readonly timeoutMs: number;
}

export type OtlpChoice =
  | { readonly kind: 'off' }
  | { readonly kind: 'invalid'; readonly note: string }
  | { readonly kind: 'on'; readonly settings: OtlpSettings };

export function readOtlpSettings(env: Env, deadlineMs: number): OtlpChoice {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { kind: 'off' };
  if (value(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase() === 'none') return { kind: 'off' };
  const specific = value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const general = value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (specific === undefined && general === undefined) return { kind: 'off' };
  const name = specific !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  // The per-signal endpoint is used as given; the general one gets the signal's path appended.
  const url = specific !== undefined ? httpUrl(specific) : httpUrl(general!.endsWith('/') ? `${general}v1/traces` : `${general}/v1/traces`);
  if (url === null) return { kind: 'invalid', note: `telemetry off: ${name} is not an http(s) URL` };
  return {
    kind: 'on',
    settings: {
      url,
      headers: { ...parseOtlpHeaders(value(env, 'OTEL_EXPORTER_OTLP_HEADERS')), ...parseOtlpHeaders(value(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS')) },
      timeoutMs: Math.min(deadlineMs, positiveInteger(value(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT')) ?? positiveInteger(value(env, 'OTEL_EXPORTER_OTLP_TIMEOUT')) ?? deadlineMs),
    },
  };
}

/**
 * `key1=value1,key2=value2` with percent-encoded values (the OTLP exporter specification); a pair
 * without `=` or with an empty key is skipped.
 */
export function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const cut = pair.indexOf('=');
    if (cut <= 0) continue;
    const key = pair.slice(0, cut).trim();
    const raw = pair.slice(cut + 1).trim();
    if (key === '') continue;
    headers[key] = decode(raw);
  }
  return headers;
}

/** The collector's origin without user info or path, for a debug line. */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'the collector';
  }
}

function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text ? text : undefined;
}

function httpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function positiveInteger(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const number = Number(text);
  return number > 0 ? number : null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
