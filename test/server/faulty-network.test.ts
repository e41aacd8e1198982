// A phone syncs through a link that delays packets and cuts connections mid-request and
// mid-response. The real SyncEngine and LocalStore (over fake-indexeddb) against the real
// server process: the sync must complete with nothing lost and nothing applied twice.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { startFaultyProxy, type FaultyProxy } from '../helpers/faulty-proxy.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { docValues } from '../../src/domain/sync/merge.ts';
import { SYNC_FORMAT_VERSION, type SyncResponse } from '../../src/domain/sync/wire.ts';

let server: RunningServer;
let proxy: FaultyProxy;
beforeAll(async () => {
  server = await startServer({ env: { STATIC_DIR: '/nonexistent' } });
  proxy = await startFaultyProxy({ host: '127.0.0.1', port: server.port }, { cutProbability: 0.12, delayMs: [2, 25], seed: 20261125 });
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

async function login(device: string): Promise<string> {
  const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'thieuvan.congan', password: 'demo2026', deviceId: device }) });
  return ((await res.json()) as { token: string }).token;
}

describe('sync over a faulty link', () => {
  it('completes with no loss and no double application', async () => {
    const device = 'flaky_phone';
    const token = await login(device);
    const store = new LocalStore({ db: openDb('faulty-net'), deviceId: device, now: () => Date.now() });
    // 60 records × 4 fields, some fields rewritten: 300 changes, ~40 KB of outbox.
    const adoptions = ['tv:mh-01', 'tv:mh-03', 'tv:mh-05', 'tv:mh-08', 'tv:mh-24', 'tv:mh-28'];
    for (let i = 0; i < 60; i++) {
      await store.write('checklist', `inspection-commune@tv`, 'tv', { [`a.q${i}`]: i, [`a.t${i}`]: `Trả lời số ${i} — có dấu tiếng Việt` }, 'u-thieuvan-congan');
    }
    for (const [i, a] of adoptions.entries()) {
      for (let round = 0; round < 10; round++) await store.write('status', a, 'tv', { progress: (i * 10 + round) % 101, note: `Lần ${round}` }, 'u-thieuvan-congan');
    }
    const queued = await store.outboxCount();
    expect(queued).toBe(240);

    const engine = new SyncEngine({
      store, deviceId: () => device, baseUrl: proxy.url, token: () => token, fetch: (...a) => fetch(...a), deviceNow: () => Date.now(),
      batchBytes: 2048, sleep: async () => {},
    });
    let attempts = 0;
    let failures = 0;
    for (; attempts < 300; attempts++) {
      const outcome = await engine.sync();
      if (outcome.ok && (await store.outboxCount()) === 0) break;
      if (!outcome.ok) {
        failures++;
        expect(outcome.reason).toBe('offline'); // the link failed; the server never refused anything
      }
    }
    expect(await store.outboxCount()).toBe(0);
    expect(proxy.stats.cut).toBeGreaterThan(5); // the link really was bad…
    expect(failures).toBeGreaterThan(0);

    // …and the server holds each of the device's changes exactly once, in order.
    const other = await login('checker_phone');
    const pulled: SyncResponse['c'] = [];
    for (let cursor = 0; ; ) {
      const res = await fetch(`${server.url}/api/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${other}` }, body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: 'checker_phone', c: [], p: cursor, n: 2000 }) });
      const body = (await res.json()) as SyncResponse;
      pulled.push(...body.c);
      cursor = body.p;
      if (!body.m) break;
    }
    const mine = pulled.filter((c) => c[5].endsWith(`-${device}`));
    expect(mine).toHaveLength(queued);
    expect(new Set(mine.map((c) => c[5])).size).toBe(queued);
    const local = await store.db.changes.toArray();
    expect(new Set(mine.map((c) => c[5]))).toEqual(new Set(local.filter((c) => c.hlc.endsWith(`-${device}`)).map((c) => c.hlc)));

    // The phone and the server agree on every record.
    for (const a of adoptions) {
      const serverValues = Object.fromEntries(pulled.filter((c) => c[1] === 'status' && c[2] === a).map((c) => [c[3], c[4]]));
      expect(await store.values('status', a)).toEqual(serverValues);
    }
    const doc = await store.doc('checklist', 'inspection-commune@tv');
    expect(docValues(doc!.fields)['a.q59']).toBe(59);
  }, 120_000);
});
