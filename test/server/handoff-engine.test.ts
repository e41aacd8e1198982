// The phones' side of the hand-off, in process: the app's LocalStore, HandoffStore and SyncEngine
// (fake-indexeddb) against the real app. The village phone's key is made and registered by its
// first sync; offline, its queue is packed into a bundle; the police phone keeps it apart from its
// own queue and relays it at its next sync; the village phone's own next sync clears its queue
// with nothing applied twice — including a change the server refused, which the village phone
// takes back as if it had pushed it itself. A bundle the server will never take is kept as refused.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { testServer, type TestServer } from './helpers.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { HandoffStore } from '../../src/db/handoff.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { ensureDeviceKey } from '../../src/sync/device-key.ts';
import { openBundle, packBundle } from '../../src/domain/sync/bundle.ts';
import { pushedToTuple } from '../../src/domain/sync/wire.ts';

let n = 0;
function phone(s: TestServer, deviceId: string, token: string) {
  const db = openDb(`handoff-${process.pid}-${++n}`);
  const store = new LocalStore({ db, deviceId, now: () => s.clock.now() });
  const handoff = new HandoffStore(db);
  const fetch = ((url: string, init?: RequestInit) => s.app.request(new URL(url, 'http://in-process').pathname, init)) as typeof globalThis.fetch;
  let online = true;
  const post = (path: string, body: unknown) =>
    fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const engine = new SyncEngine({
    store,
    handoff,
    deviceId: () => deviceId,
    beforePush: () => ensureDeviceKey(handoff, deviceId, post),
    baseUrl: 'http://in-process',
    token: () => token,
    fetch: ((url: string, init?: RequestInit) => (online ? fetch(url, init) : Promise.reject(new TypeError('offline')))) as typeof globalThis.fetch,
    deviceNow: () => s.clock.now(),
    // One change a request: the relay settles seqs beyond what each push carries.
    batchBytes: 100,
  });
  return { store, handoff, engine, setOnline: (v: boolean) => void (online = v) };
}

const V = 'u-thieuvan-thon1';
const P = 'u-thieuvan-congan';

describe('hand-off through the app\'s stores and sync engine', () => {
  it('registers the key at the first sync, relays once, and the author\'s own sync clears its queue silently', async () => {
    const s = await testServer({ demoUsers: true });
    await s.store.bindDevice('dvillage0000001', V, s.clock.now());
    await s.store.bindDevice('dpolice00000001', P, s.clock.now());
    const village = phone(s, 'dvillage0000001', await s.session(V, 'dvillage0000001'));
    const police = phone(s, 'dpolice00000001', await s.session(P, 'dpolice00000001'));
    expect((await village.engine.sync()).ok).toBe(true);
    const key = await village.handoff.deviceKey('dvillage0000001');
    expect(key?.registered).toBe(true);
    expect(key?.privateKey.extractable).toBe(false);
    expect((await s.store.getDeviceKey('dvillage0000001'))?.publicKey).toBe(key?.publicText);

    // Offline in the village: two saves, one of them on a model Thôn 1 may not write.
    village.setOnline(false);
    await village.store.write('status', 'tv:mh-24', 'tv', { progress: 70, note: 'Thôn 1: đã hướng dẫn 70% hộ' }, V);
    await village.store.write('status', 'tv:mh-03', 'tv', { note: 'không được' }, V);
    expect((await village.engine.sync()).ok).toBe(false);
    const rows = await village.handoff.queuedChanges(500);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    const text = await packBundle({ author: V, authorName: 'Thôn 1', device: 'dvillage0000001', epoch: await village.store.serverEpoch(), createdAt: s.clock.now(), changes: rows.map(pushedToTuple), key: key! });

    // The police phone keeps it apart from its own queue…
    const opened = await openBundle(text);
    const keep = (t: string) =>
      police.handoff.keepBundle({ id: opened.id, text: t, author: V, authorName: 'Thôn 1', device: 'dvillage0000001', seqs: opened.seqs, changes: 3, receivedAt: s.clock.now() });
    expect(await keep(text)).toBe('new');
    expect(await police.store.outboxCount()).toBe(0);
    // … and relays it at its next sync.
    expect((await police.engine.sync()).ok).toBe(true);
    expect((await police.handoff.relayed()).map((r) => [r.state, r.refusedChanges])).toEqual([['delivered', 1]]);
    expect((await s.store.getDevice('dvillage0000001'))?.highWater).toBe(3);
    expect((await police.store.values('status', 'tv:mh-24')).note).toBe('Thôn 1: đã hướng dẫn 70% hộ');
    const logged = await s.store.deviceChanges('dvillage0000001', 1, 100);
    expect(logged.map((e) => [e.deviceSeq, e.author])).toEqual([[1, V], [2, V]]);

    // Again: delivered again, nothing new.
    expect(await keep(text)).toBe('again');
    expect((await police.engine.sync()).ok).toBe(true);
    expect(await s.store.deviceChanges('dvillage0000001', 1, 100)).toEqual(logged);

    // The village phone is back: its queue empties, the refused change is taken back with its
    // reason — though the server's mark (3) is past the first push of one change: the phone must
    // not drop seqs 2 and 3 before it has heard what happened to them.
    village.setOnline(true);
    expect((await village.engine.sync()).ok).toBe(true);
    expect(await village.store.outboxCount()).toBe(0);
    expect((await village.store.rejected()).map((r) => [r.id, r.code])).toEqual([['tv:mh-03', 'auth/forbidden-unit']]);
    expect((await village.store.values('status', 'tv:mh-03')).note).toBeUndefined();
    expect(await s.store.deviceChanges('dvillage0000001', 1, 100)).toEqual(logged);
    expect((await s.store.getDevice('dvillage0000001'))?.highWater).toBe(3);

    // A bundle changed on the way (kept by a phone that did not check it) is refused for good, not retried.
    const at = Math.floor(text.length / 2);
    await police.handoff.keepBundle({ id: 'tampered', text: text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1), author: V, authorName: '', device: 'dvillage0000001', seqs: [1, 3], changes: 3, receivedAt: s.clock.now() });
    expect((await police.engine.sync()).ok).toBe(true);
    const refused = (await police.handoff.relayed()).find((r) => r.id === 'tampered');
    expect(refused?.state).toBe('refused');
    expect(refused?.message).toMatch(/^Gói dữ liệu/);
    expect(await police.handoff.relayQueue()).toEqual([]);
    await s.close();
  });
});
