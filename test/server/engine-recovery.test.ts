// The app's SyncEngine + LocalStore (fake-indexeddb) against the real app in process:
// refusals answered per change are taken back on the phone (problem 9), a phone whose
// numbering no longer matches the server's takes a new identity instead of a dead end
// (problem 2), and a server that lost its database gets the queue renumbered.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { testServer, T0, type TestServer } from './helpers.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { decodeHlc } from '../../src/domain/sync/hlc.ts';

let n = 0;
function phone(s: TestServer, deviceId: string, token: string, renew?: () => Promise<{ deviceId: string; token: string } | null>) {
  const auth = { deviceId, token };
  const store = new LocalStore({ db: openDb(`recovery-${process.pid}-${++n}`), deviceId, now: () => s.clock.now() });
  const engine = new SyncEngine({
    store,
    deviceId: () => auth.deviceId,
    renewDevice: async () => {
      const next = await renew?.();
      if (!next) return null;
      Object.assign(auth, next);
      return next.deviceId;
    },
    baseUrl: 'http://in-process',
    token: () => auth.token,
    fetch: ((url: string, init?: RequestInit) => s.app.request(new URL(url).pathname, init)) as typeof fetch,
    deviceNow: () => s.clock.now(),
  });
  return { store, engine, auth };
}

describe('sync engine: per-change refusals', () => {
  it('a refused change is taken back on the phone — the field shows the server\'s value again — and kept with its reason; the rest goes through', async () => {
    const s = await testServer({ demoUsers: true });
    // The commune police records a note on Mô hình 3; Thôn 1's phone gets it.
    const police = phone(s, 'police_phone', await s.session('u-thieuvan-congan', 'police_phone'));
    await police.store.write('status', 'tv:mh-03', 'tv', { note: 'Công an xã: đang triển khai' }, 'u-thieuvan-congan');
    expect((await police.engine.sync()).ok).toBe(true);

    const thon1 = phone(s, 'thon1_phone', await s.session('u-thieuvan-thon1', 'thon1_phone'));
    await thon1.store.write('status', 'tv:mh-24', 'tv', { progress: 40 }, 'u-thieuvan-thon1'); // assigned to the villages
    await thon1.store.write('status', 'tv:mh-03', 'tv', { note: 'Thôn 1 sửa' }, 'u-thieuvan-thon1'); // not assigned: refused
    await thon1.store.write('status', 'tv:mh-24', 'tv', { note: 'Thôn 1 đã xong' }, 'u-thieuvan-thon1');
    const outcome = await thon1.engine.sync();
    expect(outcome.ok).toBe(true);
    expect(await thon1.store.outboxCount()).toBe(0);
    const rejected = await thon1.store.rejected();
    expect(rejected.map((r) => [r.id, r.field, r.value, r.code])).toEqual([['tv:mh-03', 'note', 'Thôn 1 sửa', 'auth/forbidden-unit']]);
    // Not the phone's value any more: what everyone else shows (here nothing — a village is
    // not sent unassigned models, so the field is simply empty on this phone).
    expect((await thon1.store.values('status', 'tv:mh-03')).note).toBeUndefined();
    expect((await thon1.store.history('status', 'tv:mh-03')).map((c) => c.value)).not.toContain('Thôn 1 sửa');
    const server = await s.store.getDoc('status', 'tv:mh-24');
    expect(server?.progress?.heads[0]?.value).toBe(40);
    expect(server?.note?.heads[0]?.value).toBe('Thôn 1 đã xong');
    expect((await s.store.getDoc('status', 'tv:mh-03'))?.note?.heads.map((h) => h.value)).toEqual(['Công an xã: đang triển khai']);
    await s.close();
  });

  it('a refused edit of a field the phone also holds from others falls back to their value', async () => {
    const s = await testServer({ demoUsers: true });
    const police = phone(s, 'police_phone', await s.session('u-thieuvan-congan', 'police_phone'));
    await police.store.write('status', 'tv:mh-24', 'tv', { progress: 30 }, 'u-thieuvan-congan');
    await police.engine.sync();
    // A leader's phone pulls it, then (wrongly) edits the status: leaders write only reports.
    const leader = phone(s, 'leader_phone', await s.session('u-thieuvan-lanhdao', 'leader_phone'));
    await leader.engine.sync();
    expect((await leader.store.values('status', 'tv:mh-24')).progress).toBe(30);
    await leader.store.write('status', 'tv:mh-24', 'tv', { progress: 99 }, 'u-thieuvan-lanhdao');
    expect((await leader.store.values('status', 'tv:mh-24')).progress).toBe(99);
    await leader.engine.sync();
    expect((await leader.store.values('status', 'tv:mh-24')).progress).toBe(30);
    expect((await leader.store.rejected()).map((r) => r.code)).toEqual(['auth/forbidden-unit']);
    await s.close();
  });
});

describe('sync engine: identity', () => {
  it('a cloned phone (same id, different queue) is not a dead end: it takes a new id and its queue lands; the original is untouched', async () => {
    const s = await testServer({ demoUsers: true });
    const token = await s.session('u-thieuvan-congan', 'police_phone');
    const original = phone(s, 'police_phone', token);
    let renewals = 0;
    const clone = phone(s, 'police_phone', token, async () => {
      renewals++;
      return { deviceId: 'police_clone', token: await s.session('u-thieuvan-congan', 'police_clone') };
    });
    await original.store.write('status', 'tv:mh-01', 'tv', { note: 'bản gốc 1', progress: 10 }, 'u-thieuvan-congan');
    await clone.store.write('status', 'tv:mh-02', 'tv', { note: 'bản sao 1', progress: 20 }, 'u-thieuvan-congan');
    expect((await original.engine.sync()).ok).toBe(true);
    const outcome = await clone.engine.sync();
    expect(outcome.ok).toBe(true);
    expect(renewals).toBe(1);
    expect(await clone.store.outboxCount()).toBe(0);
    // The clone's changes are on the server under its new id, each once.
    const logged = await s.store.deviceChanges('police_clone', 0, 1e9);
    expect(logged.map((e) => [e.deviceSeq, e.field, e.value])).toEqual([
      [1, 'note', 'bản sao 1'],
      [2, 'progress', 20],
    ]);
    expect(logged.every((e) => decodeHlc(e.hlc).device === 'police_clone')).toBe(true);
    expect((await s.store.getDoc('status', 'tv:mh-01'))?.note?.heads[0]?.value).toBe('bản gốc 1');
    expect((await s.store.deviceChanges('police_phone', 0, 1e9)).map((e) => e.value)).toEqual(['bản gốc 1', 10]);
    // And the original keeps working.
    await original.store.write('status', 'tv:mh-01', 'tv', { progress: 11 }, 'u-thieuvan-congan');
    expect((await original.engine.sync()).ok).toBe(true);
    expect((await s.store.getDoc('status', 'tv:mh-01'))?.progress?.heads[0]?.value).toBe(11);
    // Locally the clone's records carry the new stamps.
    const doc = await clone.store.doc('status', 'tv:mh-02');
    expect(decodeHlc(doc!.fields.note!.heads[0]!.hlc).device).toBe('police_clone');
    await s.close();
  });

  it('after the server lost its database, the queue is renumbered and sent (sync/seq-gap)', async () => {
    const first = await testServer({ demoUsers: true });
    const token1 = await first.session('u-thieuvan-congan', 'police_phone');
    const p = phone(first, 'police_phone', token1);
    await p.store.write('status', 'tv:mh-01', 'tv', { progress: 10, note: 'a', asOf: '2026-11-25' }, 'u-thieuvan-congan');
    expect((await p.engine.sync()).ok).toBe(true);
    await first.close();

    // A fresh server (restored from an old backup): it has never heard of this device.
    const second = await testServer({ demoUsers: true });
    second.clock.set(T0 + 60_000);
    const token2 = await second.session('u-thieuvan-congan', 'police_phone');
    const again = new SyncEngine({
      store: p.store, deviceId: () => 'police_phone', baseUrl: 'http://in-process', token: () => token2,
      fetch: ((url: string, init?: RequestInit) => second.app.request(new URL(url).pathname, init)) as typeof fetch,
      deviceNow: () => second.clock.now(),
    });
    await p.store.write('status', 'tv:mh-01', 'tv', { progress: 20 }, 'u-thieuvan-congan');
    expect((await p.store.db.outbox.toArray()).map((r) => r.seq)).toEqual([4]);
    const outcome = await again.sync();
    expect(outcome.ok).toBe(true);
    expect(await p.store.outboxCount()).toBe(0);
    expect((await second.store.getDoc('status', 'tv:mh-01'))?.progress?.heads[0]?.value).toBe(20);
    expect(await p.store.rejected()).toEqual([]);
    await second.close();
  });
});
