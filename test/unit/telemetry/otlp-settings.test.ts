import { describe, expect, it } from 'vitest';
import { describeEndpoint, parseOtlpHeaders, readOtlpSettings } from '../../../src/telemetry/otlp-settings.js';

const on = (env: Record<string, string>, deadlineMs = 2000) => {
  const choice = readOtlpSettings(env, deadlineMs);
  if (choice.kind !== 'on') throw new Error(`expected on, got ${choice.kind}`);
  return choice.settings;
};

describe('readOtlpSettings', () => {
  it('is off without an endpoint, with an empty one, and when the SDK or the trace exporter is disabled', () => {
    expect(readOtlpSettings({}, 2000)).toEqual({ kind: 'off' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' }, 2000)).toEqual({ kind: 'off' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://c:4318/v1/metrics' }, 2000)).toEqual({ kind: 'off' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'TRUE' }, 2000)).toEqual({ kind: 'off' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces', OTEL_TRACES_EXPORTER: 'none' }, 2000)).toEqual({ kind: 'off' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'false' }, 2000).kind).toBe('on');
  });

  it('appends /v1/traces to the general endpoint and takes the per-signal one as given, which wins', () => {
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).url).toBe('http://collector:4318/v1/traces');
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp/' }).url).toBe('https://otel.example.com/otlp/v1/traces');
    expect(on({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:9999/custom' }).url).toBe('http://t:9999/custom');
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://specific:4318/v1/traces' }).url).toBe(
      'http://specific:4318/v1/traces',
    );
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable and never its value', () => {
    const bad = readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://user:hunter2@collector:4317' }, 2000);
    expect(bad).toEqual({ kind: 'invalid', note: 'telemetry off: OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL' });
    const worse = readOtlpSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url hunter2' }, 2000);
    expect(worse.kind === 'invalid' && worse.note).toBe('telemetry off: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an http(s) URL');
  });

  it('honours the headers variables, the per-signal ones winning, values percent-decoded', () => {
    const settings = on({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general%20key, x-team = blue ,broken,=novalue',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=traces-key',
    });
    expect(settings.headers).toEqual({ 'api-key': 'traces-key', 'x-team': 'blue' });
    expect(parseOtlpHeaders('Authorization=Bearer%20abc%3D%3D')).toEqual({ Authorization: 'Bearer abc==' });
    expect(parseOtlpHeaders(undefined)).toEqual({});
  });

  it('keeps one export request within the shutdown deadline, whatever the timeout variables say', () => {
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).timeoutMs).toBe(2000);
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TIMEOUT: '600000' }).timeoutMs).toBe(2000);
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TIMEOUT: '1500', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' }).timeoutMs).toBe(700);
    expect(on({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' }, 3000).timeoutMs).toBe(3000);
  });

  it('describes the collector by origin only, without credentials or path', () => {
    expect(describeEndpoint('https://user:hunter2@otel.example.com:4318/v1/traces?token=x')).toBe('https://otel.example.com:4318');
  });
});
