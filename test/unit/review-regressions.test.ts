// Regression tests (phone side) for what the hostile review found: a form rendered before the
// phone took a new identity (R6), and the pre-upgrade phone-wide database claimed by whoever
// signs in first (R7). Real LocalStore and SyncEngine over fake-indexeddb, the real server in process.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V2, DB_NAME } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { baseFor, conflicts } from '../../src/domain/sync/merge.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { databaseNameFor } from '../../src/db/legacy.ts';
import { othersPending } from '../../src/db/accounts.ts';
import { testServer } from '../server/helpers.ts';

describe('found by the hostile review (phone side)', () => {
  it('R6 a form rendered before reidentify saves against a stamp that no longer exists: the person conflicts with themself', async () => {
    let t = Date.UTC(2026, 10, 25, 2);
    const store = new LocalStore({ db: openDb(`r6-${process.pid}`), deviceId: 'dold', now: () => t });
    await store.write('status', 'tv:mh-24', 'tv', { note: 'A' }, 'u1');
    // The form renders the field now:
    const rendered = baseFor((await store.doc('status', 'tv:mh-24'))!.fields.note);
    // Background sync meets sync/stale-batch and re-identifies the phone:
    await store.reidentify('dnew');
    t += 1000;
    await store.writeMany([{ coll: 'status', id: 'tv:mh-24', unit: 'tv', values: { note: 'B' }, seen: { note: rendered } }], 'u1');
    const field = (await store.doc('status', 'tv:mh-24'))!.fields.note!;
    expect(conflicts(field)).toEqual([]);
  });

  it('R7 after the upgrade, the first person to sign in claims the old phone-wide database and pushes (and loses) the previous person\'s queue', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      // The previous version: one database for the phone; person A (police) queued a change and logged out.
      const legacy = new Dexie(DB_NAME);
      legacy.version(1).stores({ docs: '&key, coll, unit', changes: '&hlc, [coll+id], unit', outbox: '&seq', drafts: '&key', meta: '&key', seed: '&key' });
      legacy.version(2).stores(SCHEMA_V2);
      const hlc = encodeHlc({ wall: s.clock.now() - 3_600_000, counter: 0, device: 'oldphone' });
      await legacy.open();
      await legacy.table('docs').put({ key: 'status/tv:mh-24', coll: 'status', id: 'tv:mh-24', unit: 'tv', fields: { note: { heads: [{ value: 'ghi chú của A', hlc, base: null, author: 'u-thieuvan-congan' }], dead: [] } }, touchedAt: 0 });
      await legacy.table('changes').put({ hlc, coll: 'status', id: 'tv:mh-24', field: 'note', value: 'ghi chú của A', base: null, unit: 'tv', author: 'u-thieuvan-congan' });
      await legacy.table('outbox').put({ seq: 1, coll: 'status', id: 'tv:mh-24', field: 'note', value: 'ghi chú của A', hlc, base: null, unit: 'tv' });
      await legacy.table('meta').bulkPut([{ key: 'hlc', value: { wall: s.clock.now() - 3_600_000, counter: 0, device: 'oldphone' } }, { key: 'outboxSeq', value: 1 }]);
      legacy.close();

      // Person B (commune leader) is the first to sign in with the new version (Shell.startServices):
      const name = await databaseNameFor('u-thieuvan-lanhdao');
      const token = await s.session('u-thieuvan-lanhdao', 'dB_phone');
      const store = new LocalStore({ db: openDb(name), deviceId: 'dB_phone', now: () => s.clock.now() });
      if ((await store.clockDevice()) !== 'dB_phone') await store.reidentify('dB_phone');
      const engine = new SyncEngine({
        store, deviceId: () => 'dB_phone', baseUrl: 'http://x', token: () => token, deviceNow: () => s.clock.now(),
        fetch: ((url: string, init?: RequestInit) => s.app.request(new URL(url).pathname, init)) as typeof fetch,
      });
      expect(name).not.toBe(DB_NAME);
      // Nothing of A's was pushed under B's name, nor shown to B; A's queue waits for A.
      expect(await store.rejected()).toEqual([]);
      expect((await store.values('status', 'tv:mh-24')).note).toBeUndefined();
      expect((await s.store.getDoc('status', 'tv:mh-24'))?.note).toBeUndefined();
      expect((await othersPending('u-thieuvan-lanhdao')).map((a) => [a.userId, a.pending])).toEqual([['u-thieuvan-congan', 1]]);
      expect(await databaseNameFor('u-thieuvan-congan')).toBe(DB_NAME);
    } finally {
      await s.close();
    }
  });
});
