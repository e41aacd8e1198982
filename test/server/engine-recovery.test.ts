// The app's SyncEngine against the real app in process: refusals that one change or a
// renumbering can fix do not block the queue, and nothing refused disappears unseen.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { testServer, T0, type TestServer } from './helpers.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';

let n = 0;
function phone(s: TestServer, deviceId: string, token: string) {
  const store = new LocalStore({ db: openDb(`recovery-${process.pid}-${++n}`), deviceId, now: () => s.clock.now() });
  const engine = new SyncEngine({
    store,
    deviceId,
    baseUrl: 'http://in-process',
    token: () => token,
    fetch: ((url: string, init?: RequestInit) => s.app.request(new URL(url).pathname, init)) as typeof fetch,
    deviceNow: () => s.clock.now(),
  });
  return { store, engine };
}

describe('sync engine recovery', () => {
  it('a refused change is set aside with its reason; the rest of the queue goes through', async () => {
    const s = await testServer({ demoUsers: true });
    const token = await s.session('u-thieuvan-thon1', 'thon1_phone');
    const { store, engine } = phone(s, 'thon1_phone', token);
    await store.write('status', 'tv:mh-24', 'tv', { progress: 40 }, 'u-thieuvan-thon1'); // assigned to the villages
    await store.write('status', 'tv:mh-03', 'tv', { progress: 90 }, 'u-thieuvan-thon1'); // not assigned: 403
    await store.write('status', 'tv:mh-24', 'tv', { note: 'Thôn 1 đã xong' }, 'u-thieuvan-thon1');
    const outcome = await engine.sync();
    expect(outcome.ok).toBe(true);
    expect(await store.outboxCount()).toBe(0);
    const rejected = await store.rejected();
    expect(rejected.map((r) => [r.id, r.field, r.value, r.code])).toEqual([['tv:mh-03', 'progress', 90, 'auth/forbidden-unit']]);
    expect(rejected[0]!.message).toMatch(/Thay đổi thứ/);
    const server = await s.store.getDoc('status', 'tv:mh-24');
    expect(server?.progress?.heads[0]?.value).toBe(40);
    expect(server?.note?.heads[0]?.value).toBe('Thôn 1 đã xong');
    expect(await s.store.getDoc('status', 'tv:mh-03')).toBeNull();
    await s.close();
  });

  it('after the server lost its database, the queue is renumbered and sent (sync/seq-gap)', async () => {
    const first = await testServer({ demoUsers: true });
    const token1 = await first.session('u-thieuvan-congan', 'police_phone');
    const p = phone(first, 'police_phone', token1);
    await p.store.write('status', 'tv:mh-01', 'tv', { progress: 10, note: 'a', asOf: '2026-11-25' }, 'u');
    expect((await p.engine.sync()).ok).toBe(true);
    await first.close();

    // A fresh server (restored from an old backup): it has never heard of this device.
    const second = await testServer({ demoUsers: true });
    second.clock.set(T0 + 60_000);
    const token2 = await second.session('u-thieuvan-congan', 'police_phone');
    const again = new SyncEngine({
      store: p.store, deviceId: 'police_phone', baseUrl: 'http://in-process', token: () => token2,
      fetch: ((url: string, init?: RequestInit) => second.app.request(new URL(url).pathname, init)) as typeof fetch,
      deviceNow: () => second.clock.now(),
    });
    await p.store.write('status', 'tv:mh-01', 'tv', { progress: 20 }, 'u');
    expect((await p.store.db.outbox.toArray()).map((r) => r.seq)).toEqual([4]);
    const outcome = await again.sync();
    expect(outcome.ok).toBe(true);
    expect(await p.store.outboxCount()).toBe(0);
    expect((await second.store.getDoc('status', 'tv:mh-01'))?.progress?.heads[0]?.value).toBe(20);
    expect(await p.store.rejected()).toEqual([]);
    await second.close();
  });
});
