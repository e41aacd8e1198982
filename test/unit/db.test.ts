// The device store over fake-indexeddb (fast); the same code runs in real Chromium in test/browser.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { openDb, SCHEMA_V1, type AppDb } from '../../src/db/schema.ts';
import { LocalStore, InvalidChangeError } from '../../src/db/store.ts';
import { StorageFullError } from '../../src/db/errors.ts';
import { ensureSeed } from '../../src/seed/install.ts';
import { SEED_VERSION } from '../../src/seed/version.ts';
import { conflicts, docValues, winner } from '../../src/domain/sync/merge.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';

let n = 0;
const fresh = () => `test-db-${process.pid}-${++n}`;
const T0 = Date.UTC(2026, 10, 25, 3);

function storeOn(db: AppDb, device = 'devA', now = () => T0) {
  return new LocalStore({ db, deviceId: device, now });
}

describe('LocalStore', () => {
  it('writes the record, its log and its outbox rows together, with contiguous seqs', async () => {
    const db = openDb(fresh());
    const store = storeOn(db);
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 40 }, 'u1');
    await store.write('status', 'tv:mh-24', 'tv', { progress: 40, note: 'ok' }, 'u1'); // progress unchanged: not resent
    expect(await store.values('status', 'tv:mh-24')).toEqual({ status: 'inProgress', progress: 40, note: 'ok' });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => [r.seq, r.field])).toEqual([
      [1, 'status'],
      [2, 'progress'],
      [3, 'note'],
    ]);
    expect((await store.history('status', 'tv:mh-24')).map((c) => c.field)).toEqual(['note', 'progress', 'status']);
  });

  it('refuses invalid values before touching the database', async () => {
    const db = openDb(fresh());
    const store = storeOn(db);
    await expect(store.write('status', 'tv:mh-24', 'tv', { progress: 140 }, 'u1')).rejects.toBeInstanceOf(InvalidChangeError);
    await expect(store.write('status', 'tv:mh-24', 'tv', { colour: 'red' }, 'u1')).rejects.toThrow(/không thuộc/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a full disk rolls the whole write back and says so in Vietnamese; earlier data stays', async () => {
    const db = openDb(fresh());
    const store = storeOn(db);
    await store.write('status', 'tv:mh-01', 'tv', { status: 'done', progress: 100 }, 'u1');
    const original = db.outbox.bulkAdd.bind(db.outbox);
    db.outbox.bulkAdd = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof db.outbox.bulkAdd;
    await expect(store.write('status', 'tv:mh-01', 'tv', { note: 'mới' }, 'u1')).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.write('status', 'tv:mh-01', 'tv', { note: 'mới' }, 'u1')).rejects.toThrow(/Bộ nhớ của máy đã đầy/);
    db.outbox.bulkAdd = original;
    expect(await store.values('status', 'tv:mh-01')).toEqual({ status: 'done', progress: 100 });
    expect(await db.outbox.count()).toBe(2);
    expect(await db.changes.count()).toBe(2);
  });

  it('applies pulled changes idempotently and keeps a concurrent loser', async () => {
    const db = openDb(fresh());
    const store = storeOn(db, 'devA', () => T0);
    await store.write('status', 'tv:mh-24', 'tv', { progress: 50 }, 'police');
    const theirs = { coll: 'status' as const, id: 'tv:mh-24', field: 'progress', value: 60, hlc: encodeHlc({ wall: T0 + 5000, counter: 0, device: 'devB' }), base: null, unit: 'tv', author: 'thon1', receivedAt: T0 + 6000 };
    await store.applyPulled([theirs], 7);
    await store.applyPulled([theirs], 7);
    const doc = await store.doc('status', 'tv:mh-24');
    expect(winner(doc!.fields.progress)?.value).toBe(60);
    expect(conflicts(doc!.fields.progress).map((h) => h.value)).toEqual([50]);
    expect(await store.cursor()).toBe(7);
    // Editing again, having seen both, resolves it.
    await store.write('status', 'tv:mh-24', 'tv', { progress: 60 }, 'police');
    expect(conflicts((await store.doc('status', 'tv:mh-24'))!.fields.progress)).toEqual([]);
  });

  it('acknowledging drops outbox rows up to the ack and takes the server stamp for re-stamped ones', async () => {
    const db = openDb(fresh());
    const store = storeOn(db, 'devA', () => T0 + 86_400_000 * 365); // a phone a year in the future
    await store.write('status', 'tv:mh-24', 'tv', { progress: 10, note: 'a' }, 'u1');
    const [first] = await db.outbox.orderBy('seq').toArray();
    const serverStamp = encodeHlc({ wall: T0, counter: 1, device: 'server' });
    await store.acknowledge(1, [[1, serverStamp]]);
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([2]);
    const doc = await store.doc('status', 'tv:mh-24');
    expect(doc!.fields.progress!.heads.map((h) => h.hlc)).toEqual([serverStamp]);
    expect(await db.changes.get(first!.hlc)).toBeUndefined();
    expect(await db.changes.get(serverStamp)).toBeDefined();
  });

  it('batches the outbox by size, at least one row', async () => {
    const db = openDb(fresh());
    const store = storeOn(db);
    for (let i = 0; i < 20; i++) await store.write('status', `tv:m${i}`, 'tv', { note: 'x'.repeat(300) }, 'u1');
    const batch = await store.outboxBatch(2000);
    expect(batch.length).toBeGreaterThan(1);
    expect(batch.length).toBeLessThan(20);
    expect(JSON.stringify(batch).length).toBeLessThanOrEqual(2000 + 400);
    expect(batch.map((r) => r.seq)).toEqual(batch.map((_, i) => i + 1));
    expect(await store.outboxBatch(10)).toHaveLength(1);
  });

  it('keeps drafts across re-opening the database', async () => {
    const name = fresh();
    const store = storeOn(openDb(name));
    await store.saveDraft('status:tv:mh-24', { progress: '6' });
    store.db.close();
    const again = storeOn(openDb(name));
    expect(await again.draft('status:tv:mh-24')).toEqual({ progress: '6' });
  });
});

describe('migrations', () => {
  it('v1 → v3 keeps every record, fills touchedAt from the field heads and gives each queued change its author', async () => {
    const name = fresh();
    const v1 = new Dexie(name) as AppDb;
    v1.version(1).stores(SCHEMA_V1);
    const hlc = encodeHlc({ wall: T0, counter: 3, device: 'devA' });
    const heads = { heads: [{ value: 40, hlc, base: null, author: 'u1' }], dead: [] };
    await v1.table('docs').bulkAdd([
      { key: 'status/tv:mh-24', coll: 'status', id: 'tv:mh-24', unit: 'tv', fields: { progress: heads } },
      { key: 'status/tv:mh-01', coll: 'status', id: 'tv:mh-01', unit: 'tv', fields: {} },
    ]);
    await v1.table('outbox').add({ seq: 1, coll: 'status', id: 'tv:mh-24', field: 'progress', value: 40, hlc, base: null, unit: 'tv' });
    await v1.table('changes').add({ hlc, coll: 'status', id: 'tv:mh-24', field: 'progress', value: 40, base: null, unit: 'tv', author: 'u1' });
    await v1.table('drafts').add({ key: 'd', values: { a: 1 }, updatedAt: 1 });
    v1.close();

    const v2 = openDb(name);
    await v2.open();
    expect(v2.verno).toBe(4); // v4 only adds the hand-off table (test/unit/handoff-store.test.ts)
    expect(await v2.docs.count()).toBe(2);
    expect((await v2.docs.get('status/tv:mh-24'))?.touchedAt).toBe(T0);
    expect((await v2.docs.get('status/tv:mh-01'))?.touchedAt).toBe(0);
    expect(await v2.outbox.count()).toBe(1);
    // The author comes from the change log, where every local write was logged with it.
    expect((await v2.outbox.get(1))?.author).toBe('u1');
    expect(await v2.changes.count()).toBe(1);
    expect((await v2.changes.get(hlc))?.receivedAt).toBeNull();
    expect(await v2.drafts.count()).toBe(1);
    expect(docValues((await v2.docs.get('status/tv:mh-24'))!.fields)).toEqual({ progress: 40 });
    // The new index works.
    expect(await v2.docs.where('touchedAt').above(0).count()).toBe(1);
  });
});

describe('seed install', () => {
  it('installs on first run and replaces an older seed without touching the user records', async () => {
    const db = openDb(fresh());
    const store = storeOn(db);
    await store.write('status', 'tv:mh-24', 'tv', { progress: 70 }, 'u1');
    await db.seed.put({ key: 'bundle', version: 'old', bundle: { stale: true } });
    const seed = await ensureSeed(db);
    expect(seed.catalogue.models).toHaveLength(30);
    expect((await db.seed.get('bundle'))?.version).toBe(SEED_VERSION);
    expect(await store.values('status', 'tv:mh-24')).toEqual({ progress: 70 });
    expect(await db.outbox.count()).toBe(1);
  });
});
