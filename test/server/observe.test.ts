// Issue 12 "monitoring": GET /metrics (Prometheus text, behind a token), /api/health that
// says whether the database takes a write, structured JSON logs with request ids.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, isClientAbort } from '../../sync-server/observe/log.ts';
import type { SyncStore } from '../../sync-server/store/types.ts';
import { startServer } from '../helpers/server.ts';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';

const TOKEN = 'bi-mat-giam-sat-2026';
let s: TestServer;
let open: TestServer | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});
const serve = async (...a: Parameters<typeof testServer>) => (open = s = await testServer(...a));

/** One number from Prometheus text: the sample whose name and labels are given exactly. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('is off without a configured token and closed to requests without it', async () => {
    s = await serve({ demoUsers: true });
    expect((await s.request('GET', '/metrics')).status).toBe(404);
    await s.close();
    s = await serve({ demoUsers: true, deps: { metricsToken: TOKEN } });
    const none = await s.request<{ error: { code: string } }>('GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await s.request('GET', '/metrics', { headers: { authorization: 'Bearer sai' } })).status).toBe(401);
    // A user's session token is not the metrics token.
    const user = await s.session('u-admin', 'adminph1');
    expect((await s.request('GET', '/metrics', { token: user })).status).toBe(401);
  });

  it('counts pushes, changes and refusals by code, and request latency by route', async () => {
    s = await serve({ demoUsers: true, deps: { metricsToken: TOKEN } });
    const token = await s.session('u-thieuvan-congan', 'tvphone1');
    const t = s.clock.now();
    const reply = await s.sync(token, 'tvphone1', [
      change(1, 'status', 'tv:mh-24', 'progress', 40, hlcAt(t, 'tvphone1', 1), null, 'tv'),
      change(2, 'status', 'tv:mh-24', 'note', 'Đã lắp camera', hlcAt(t, 'tvphone1', 2), null, 'tv'),
      // Another commune's record: refused for this user (sync/unit-mismatch or a forbidden unit).
      change(3, 'status', 'dh:mh-24', 'progress', 10, hlcAt(t, 'tvphone1', 3), null, 'dh'),
    ]);
    expect(reply.status).toBe(200);
    const refusedCode = reply.body.x[0]![1];
    const text = (await s.request<string>('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(sample(text, 'sotay_pushes_total{outcome="committed"}')).toBe(1);
    expect(sample(text, 'sotay_changes_total{outcome="accepted"}')).toBe(2);
    expect(sample(text, 'sotay_changes_total{outcome="refused"}')).toBe(1);
    expect(sample(text, `sotay_refusals_total{code="${refusedCode}"}`)).toBe(1);
    expect(sample(text, 'sotay_http_request_duration_seconds_count{method="POST",route="/api/sync",status="200"}')).toBe(1);
    expect(text).toMatch(/^sotay_rollup_lag_seconds \d/m);
  });
});

describe('GET /api/health', () => {
  it('is 200 when the database takes a write and 503 when it does not', async () => {
    s = await serve();
    const ok = await s.request<{ ok: boolean; writable: boolean }>('GET', '/api/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, writable: true });
    // The probe leaves nothing behind.
    expect(await s.store.getLoginCounter('~health', '~')).toBeNull();

    // The same store, but every write transaction fails the way a full disk does.
    const failing: SyncStore = Object.create(s.store, {
      transaction: { value: async () => Promise.reject(new Error('SQLITE_FULL: database or disk is full')) },
    }) as SyncStore;
    const sick = await testServer({ deps: { store: failing } });
    try {
      const r = await sick.request<{ ok: boolean; writable: boolean }>('GET', '/api/health');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ ok: false, writable: false });
    } finally {
      await sick.close();
    }
  });
});

describe('logs', () => {
  it('writes one JSON line per API request with its request id, echoed to the client', async () => {
    const out = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    out.on('data', (d: Buffer) => String(d).split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l) as Record<string, unknown>)));
    s = await serve({ demoUsers: true, deps: { logger: createLogger({ level: 'info', destination: out }) } });
    const token = await s.session('u-thieuvan-congan', 'tvphone1');
    const r = await s.request('GET', '/api/me', { token, headers: { 'x-request-id': 'dien-thoai-abc-1' } });
    expect(r.headers.get('x-request-id')).toBe('dien-thoai-abc-1');
    const made = await s.request('GET', '/api/me', { token });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setImmediate(resolve));
    const first = lines.find((l) => l.reqId === 'dien-thoai-abc-1');
    expect(first).toMatchObject({ msg: 'request', method: 'GET', route: '/api/me', status: 200, user: 'u-thieuvan-congan', level: 30 });
    expect(typeof first?.ms).toBe('number');
    expect(lines.some((l) => l.reqId === made.headers.get('x-request-id'))).toBe(true);
  });

  it('tells a client that gave up from a server fault', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isClientAbort(reset)).toBe(true);
    expect(isClientAbort(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).toBe(true);
    expect(isClientAbort(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isClientAbort('aborted')).toBe(false);
  });
});

describe('the real server process', () => {
  it('serves /metrics with the database size and process figures when METRICS_TOKEN is set', async () => {
    const server = await startServer({ env: { METRICS_TOKEN: TOKEN } });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(sample(text, 'sotay_database_bytes')).toBeGreaterThan(10_000); // the seeded SQLite file
      expect(text).toMatch(/^sotay_process_resident_memory_bytes \d/m);
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { writable: boolean };
      expect(health.writable).toBe(true);
    } finally {
      await server.stop();
    }
  }, 40_000);
});
