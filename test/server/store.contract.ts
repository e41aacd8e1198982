// The storage contract every SyncStore implementation must pass. Run it from a
// `store-<impl>.test.ts` file with a factory that opens a fresh, empty store.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyRollup } from '../../src/domain/rollup.ts';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { mergeField, type FieldHead } from '../../src/domain/sync/merge.ts';
import { StoreConflict, type NewAuditEntry, type NewLogEntry, type OneTimeCodeRecord, type SyncStore, type UserRecord } from '../../sync-server/store/types.ts';

const stamp = (wall: number, device = 'devA', counter = 0): Hlc => encodeHlc({ wall, counter, device });

const unit = (id: string, parentId: string | null, level: 'province' | 'district' | 'commune' | 'village') => ({
  id, name: `Đơn vị ${id}`, level, parentId, placeholder: false,
});

const user = (id: string, username: string, unitId = 'c1'): UserRecord => ({
  id, username, displayName: `Người dùng ${username}`, role: 'communeStanding', unitId, passwordHash: 'scrypt$1$1$1$x$y', createdAt: 1, active: true, canAdmin: false,
});

const entry = (over: Partial<NewLogEntry> = {}): NewLogEntry => ({
  coll: 'status', id: 'c1:m1', field: 'progress', value: 10, hlc: stamp(1000), base: null, unit: 'c1', author: 'u1',
  device: 'devA', deviceSeq: 1, origHlc: null, receivedAt: 5, ...over,
});

export function storeContract(name: string, open: () => Promise<SyncStore>): void {
  describe(`SyncStore contract — ${name}`, () => {
    let store: SyncStore;
    beforeEach(async () => {
      store = await open();
      await store.putUnit(unit('p', null, 'province'));
      await store.putUnit(unit('c1', 'p', 'commune'));
      await store.putUnit(unit('c2', 'p', 'commune'));
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps units and their reporting rules; re-putting without rules keeps them', async () => {
      await store.putUnit(unit('c3', 'p', 'commune'), [{ periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 }]);
      await store.putUnit({ ...unit('c3', 'p', 'commune'), name: 'Xã mới' });
      const c3 = (await store.getUnits()).find((u) => u.id === 'c3');
      expect(c3).toEqual({ ...unit('c3', 'p', 'commune'), name: 'Xã mới', rules: [{ periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 }] });
      await store.putUnit(unit('c3', 'p', 'commune'), null);
      expect((await store.getUnits()).find((u) => u.id === 'c3')?.rules).toBeNull();
    });

    it('creates users once, finds them by id and username, changes passwords', async () => {
      await store.createUser(user('u1', 'an'));
      await expect(store.createUser(user('u2', 'an'))).rejects.toBeInstanceOf(StoreConflict);
      await expect(store.createUser(user('u1', 'binh'))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.getUserByUsername('an')).toEqual(user('u1', 'an'));
      expect(await store.getUserById('nobody')).toBeNull();
      await store.setPasswordHash('u1', 'scrypt$2$2$2$a$b');
      expect((await store.getUserById('u1'))?.passwordHash).toBe('scrypt$2$2$2$a$b');
      await store.createUser(user('u0', 'binh'));
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['an', 'binh']);
    });

    it('stores token hashes, revokes one or all of a user, counting only live ones', async () => {
      await store.createUser(user('u1', 'an'));
      const t = (hash: string) => ({ hash, userId: 'u1', deviceId: 'devA', createdAt: 1, expiresAt: 100, revokedAt: null });
      await store.createToken(t('h1'));
      await store.createToken(t('h2'));
      await store.createToken(t('h3'));
      expect(await store.getToken('h1')).toEqual(t('h1'));
      expect(await store.getToken('nope')).toBeNull();
      await store.revokeToken('h1', 7);
      expect((await store.getToken('h1'))?.revokedAt).toBe(7);
      expect(await store.revokeUserTokens('u1', 8)).toBe(2);
      expect((await store.getToken('h1'))?.revokedAt).toBe(7); // not moved by the second revocation
      expect((await store.getToken('h3'))?.revokedAt).toBe(8);
    });

    it('keeps a device high-water mark', async () => {
      expect(await store.getDevice('devA')).toBeNull();
      await store.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 3 });
      await store.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 7 });
      expect(await store.getDevice('devA')).toEqual({ deviceId: 'devA', userId: 'u1', highWater: 7 });
    });

    it('binds a device to its first user for good: binding again or pushing as another user never moves it', async () => {
      expect(await store.getDeviceBinding('devA')).toBeNull();
      expect(await store.bindDevice('devA', 'u1', 10)).toEqual({ deviceId: 'devA', userId: 'u1', createdAt: 10, lastSeenAt: 10, revokedAt: null });
      expect(await store.bindDevice('devA', 'u2', 20)).toEqual({ deviceId: 'devA', userId: 'u1', createdAt: 10, lastSeenAt: 10, revokedAt: null });
      await store.putDevice({ deviceId: 'devA', userId: 'u2', highWater: 4 });
      expect(await store.getDevice('devA')).toEqual({ deviceId: 'devA', userId: 'u1', highWater: 4 });
      // A device first seen by a push (token issued without a login) is bound by it, and keeps its mark when bound again.
      await store.putDevice({ deviceId: 'devB', userId: 'u2', highWater: 2 });
      expect(await store.bindDevice('devB', 'u1', 30)).toMatchObject({ userId: 'u2' });
      expect((await store.getDevice('devB'))?.highWater).toBe(2);
    });

    it('registers a device\'s public key once: the first key wins, a second one is not stored', async () => {
      expect(await store.getDeviceKey('devA')).toBeNull();
      const first = { deviceId: 'devA', userId: 'u1', publicKey: 'K1'.padEnd(87, 'a'), createdAt: 10 };
      expect(await store.registerDeviceKey(first)).toEqual(first);
      expect(await store.registerDeviceKey({ ...first, publicKey: 'K2'.padEnd(87, 'b'), createdAt: 20 })).toEqual(first);
      expect(await store.registerDeviceKey({ ...first, userId: 'u2', createdAt: 30 })).toEqual(first);
      expect(await store.getDeviceKey('devA')).toEqual(first);
      expect(await store.getDeviceKey('devB')).toBeNull();
      // Rolled back with its transaction like any other write.
      await expect(store.transaction(async (tx) => {
        await tx.registerDeviceKey({ ...first, deviceId: 'devB' });
        throw new Error('stop');
      })).rejects.toThrow('stop');
      expect(await store.getDeviceKey('devB')).toBeNull();
    });

    it('reports its size, which grows as the log does', async () => {
      const before = await store.databaseBytes();
      expect(before).toBeGreaterThan(0);
      await store.transaction(async (tx) => {
        for (let i = 0; i < 400; i++) {
          await tx.appendChange({
            coll: 'status', id: `tv:mh-${i}`, field: 'note', value: randomBytes(1000).toString('hex'), hlc: `0000000000${String(i % 100).padStart(2, '0')}-devsize${Math.floor(i / 100)}` as never, base: null,
            unit: 'tv', author: 'u1', device: 'devsize', deviceSeq: i + 1, origHlc: null, receivedAt: 1,
          });
        }
      });
      expect(await store.databaseBytes()).toBeGreaterThan(before);
    });

    it('keeps one SMS secret per device (first wins), one mobile number per person, and each SMS text once', async () => {
      expect(await store.getSmsKey('devA')).toBeNull();
      const first = { deviceId: 'devA', userId: 'u1', secret: 's1', createdAt: 10 };
      expect(await store.putSmsKey(first)).toEqual(first);
      expect(await store.putSmsKey({ ...first, secret: 's2', createdAt: 20 })).toEqual(first);
      expect(await store.getSmsKey('devA')).toEqual(first);

      await store.setUserPhone('u1', '+84912345678');
      expect(await store.getUserPhone('u1')).toBe('+84912345678');
      expect(await store.userIdByPhone('+84912345678')).toBe('u1');
      await expect(store.setUserPhone('u2', '+84912345678')).rejects.toBeInstanceOf(StoreConflict);
      await store.setUserPhone('u1', '+84987654321'); // a new number replaces the old one
      expect(await store.userIdByPhone('+84912345678')).toBeNull();
      await store.setUserPhone('u2', '+84912345678');
      expect(await store.userIdByPhone('+84912345678')).toBe('u2');
      await store.setUserPhone('u1', null);
      expect(await store.getUserPhone('u1')).toBeNull();

      expect(await store.markSmsSeen('h1', 5)).toBe(true);
      expect(await store.markSmsSeen('h1', 6)).toBe(false);
      expect(await store.markSmsSeen('h2', 6)).toBe(true);
    });

    it('lists a user\'s devices, last seen first, and revokes one with its tokens only', async () => {
      await store.createUser(user('u1', 'an'));
      await store.createUser(user('u2', 'binh'));
      await store.bindDevice('devA', 'u1', 10);
      await store.bindDevice('devB', 'u1', 20);
      await store.bindDevice('devC', 'u2', 30);
      await store.touchDevice('devA', 40);
      await store.touchDevice('devA', 35); // never goes back
      expect((await store.listUserDevices('u1')).map((d) => [d.deviceId, d.lastSeenAt])).toEqual([['devA', 40], ['devB', 20]]);
      expect(await store.listUserDevices('nobody')).toEqual([]);

      const t = (hash: string, userId: string, deviceId: string) => ({ hash, userId, deviceId, createdAt: 1, expiresAt: 100, revokedAt: null });
      for (const tok of [t('a1', 'u1', 'devA'), t('a2', 'u1', 'devA'), t('b1', 'u1', 'devB'), t('c1', 'u2', 'devC'), t('c2', 'u2', 'devA')]) await store.createToken(tok);
      expect(await store.revokeDeviceTokens('u1', 'devA', 50)).toBe(2);
      expect((await store.getToken('c2'))?.revokedAt).toBeNull(); // another user's token on that id is not this pair's
      expect((await store.getToken('b1'))?.revokedAt).toBeNull();

      expect(await store.revokeDevice('devA', 60)).toBe(1); // c2: the one still live on devA
      expect(await store.revokeDevice('devA', 70)).toBe(0);
      expect((await store.getDeviceBinding('devA'))?.revokedAt).toBe(60);
      expect((await store.getToken('a1'))?.revokedAt).toBe(50);
      expect((await store.getToken('b1'))?.revokedAt).toBeNull();
      expect((await store.getDeviceBinding('devB'))?.revokedAt).toBeNull();
    });

    it('keeps login counters per (username, address), clears a username\'s, forgets idle ones', async () => {
      const counter = (username: string, address: string, lastAt: number) => ({ username, address, failures: 3, firstAt: 1, lastAt, blockedUntil: lastAt + 5 });
      expect(await store.getLoginCounter('an', '1.2.3.4')).toBeNull();
      await store.putLoginCounter(counter('an', '1.2.3.4', 10));
      await store.putLoginCounter({ ...counter('an', '1.2.3.4', 20), failures: 4 });
      await store.putLoginCounter(counter('an', '5.6.7.8', 30));
      await store.putLoginCounter(counter('', '1.2.3.4', 40));
      await store.putLoginCounter(counter('binh', '1.2.3.4', 50));
      expect(await store.getLoginCounter('an', '1.2.3.4')).toEqual({ ...counter('an', '1.2.3.4', 20), failures: 4 });
      expect(await store.clearLoginCounters('an')).toBe(2);
      expect(await store.clearLoginCounters('')).toBe(0); // the per-address counters are not a user's
      expect(await store.getLoginCounter('', '1.2.3.4')).not.toBeNull();
      await store.deleteLoginCounter('binh', '1.2.3.4');
      expect(await store.getLoginCounter('binh', '1.2.3.4')).toBeNull();
      expect(await store.pruneLoginCounters(41)).toBe(1);
      expect(await store.getLoginCounter('', '1.2.3.4')).toBeNull();
    });

    it('appends to the log with growing sequence numbers, ignoring a stamp already logged for the field', async () => {
      const s1 = await store.appendChange(entry());
      const s2 = await store.appendChange(entry({ field: 'note', value: 'ghi chú', deviceSeq: 2 }));
      expect(s1).not.toBeNull();
      expect(s2).toBeGreaterThan(s1!);
      expect(await store.appendChange(entry({ deviceSeq: 9 }))).toBeNull();
      const s3 = await store.appendChange(entry({ hlc: stamp(9000, 'server'), origHlc: stamp(999_999), deviceSeq: 3 }));
      expect(await store.restampedAs('status', 'c1:m1', 'progress', stamp(999_999))).toBe(stamp(9000, 'server'));
      expect(await store.restampedAs('status', 'c1:m1', 'note', stamp(999_999))).toBeNull();
      const logged = await store.deviceChanges('devA', 2, 3);
      expect(logged.map((e) => [e.serverSeq, e.deviceSeq, e.value])).toEqual([[s2, 2, 'ghi chú'], [s3, 3, 10]]);
      expect(logged[1]).toMatchObject({ origHlc: stamp(999_999), hlc: stamp(9000, 'server'), author: 'u1', receivedAt: 5 });
    });

    it('pulls the same pages for a subscription of thousands of units as for the units that matter', async () => {
      for (let i = 0; i < 12; i++) {
        const u = ['c1', 'c2', 'c3'][i % 3]!;
        await store.appendChange(entry({ unit: u, id: `${u}:m${i}`, value: i, hlc: stamp(2000 + i), deviceSeq: i + 1 }));
      }
      // A province officer's rules name every unit of the province, most of them silent.
      const many = [...Array.from({ length: 2000 }, (_, i) => `x${i}`), 'c1', 'c3'];
      const pages = async (units: readonly string[]) => {
        const out: string[][] = [];
        let after = 0;
        for (;;) {
          const page = await store.pull({ after, units, limit: 3, maxBytes: 1e6 });
          out.push(page.changes.map((c) => c.id));
          after = page.cursor;
          if (!page.more) return out;
        }
      };
      const narrow = await pages(['c1', 'c3']);
      expect(narrow.flat()).toHaveLength(8);
      expect(await pages(many)).toEqual(narrow);
    });

    it('pulls by unit, in order, within the count and byte caps, never skipping a matching row', async () => {
      const big = 'x'.repeat(3000);
      const seqs: Record<string, number> = {};
      for (let i = 0; i < 6; i++) {
        const u = i % 2 === 0 ? 'c1' : 'c2';
        seqs[`${u}-${i}`] = (await store.appendChange(entry({ unit: u, id: `${u}:m${i}`, value: i === 4 ? big : i, hlc: stamp(1000 + i), deviceSeq: i + 1 })))!;
      }
      const all = await store.pull({ after: 0, units: ['c1'], limit: 10, maxBytes: 1e6 });
      expect(all.changes.map((c) => c.id)).toEqual(['c1:m0', 'c1:m2', 'c1:m4']);
      expect(all.more).toBe(false);
      expect(all.cursor).toBeGreaterThanOrEqual(seqs['c1-4']!);

      const first = await store.pull({ after: 0, units: ['c1'], limit: 2, maxBytes: 1e6 });
      expect(first.changes.map((c) => c.id)).toEqual(['c1:m0', 'c1:m2']);
      expect(first.more).toBe(true);
      const rest = await store.pull({ after: first.cursor, units: ['c1'], limit: 2, maxBytes: 1e6 });
      expect(rest.changes.map((c) => c.id)).toEqual(['c1:m4']);

      // The byte cap stops before the big value, but a page never comes back empty when rows match.
      const small = await store.pull({ after: 0, units: ['c1'], limit: 10, maxBytes: 100 });
      expect(small.changes.map((c) => c.id)).toEqual(['c1:m0', 'c1:m2']);
      expect(small.more).toBe(true);
      const alone = await store.pull({ after: small.cursor, units: ['c1'], limit: 10, maxBytes: 100 });
      expect(alone.changes.map((c) => c.value)).toEqual([big]);

      // A row committed after an empty pull is still found from the returned cursor.
      const empty = await store.pull({ after: all.cursor, units: ['c1'], limit: 10, maxBytes: 1e6 });
      expect(empty.changes).toEqual([]);
      await store.appendChange(entry({ id: 'c1:late', hlc: stamp(5000), deviceSeq: 99 }));
      const late = await store.pull({ after: empty.cursor, units: ['c1', 'c2'], limit: 10, maxBytes: 1e6 });
      expect(late.changes.map((c) => c.id)).toEqual(['c1:late']);
    });

    it('stores merged field states and lists docs by unit and collection', async () => {
      const head: FieldHead = { value: 50, hlc: stamp(1), base: null, author: 'u1' };
      const one = (h: FieldHead) => ({ heads: [h], dead: [] });
      await store.putField('status', 'c1:m1', 'progress', 'c1', one(head));
      await store.putField('status', 'c1:m1', 'note', 'c1', one({ ...head, value: 'a' }));
      await store.putField('indicators', 'c2@2026-11', 'c.x', 'c2', one({ ...head, value: 3 }));
      expect(await store.getField('status', 'c1:m1', 'progress')).toEqual(one(head));
      expect(await store.getField('status', 'c1:m1', 'missing')).toBeUndefined();
      expect(await store.getDoc('status', 'c1:m1')).toEqual({ progress: one(head), note: one({ ...head, value: 'a' }) });
      expect(await store.getDoc('status', 'nope')).toBeNull();
      const c1 = await store.listDocs({ units: ['c1'] });
      expect(c1.map((d) => [d.coll, d.id, d.unit, Object.keys(d.doc).sort()])).toEqual([['status', 'c1:m1', 'c1', ['note', 'progress']]]);
      expect((await store.listDocs({ colls: ['indicators'] })).map((d) => d.id)).toEqual(['c2@2026-11']);
      expect(await store.listDocs({})).toHaveLength(2);
    });

    it('tells when the server first logged a change of each record, whatever the stamps say', async () => {
      const v = 'c1@2026-10#1';
      // Stamped in October by the phone, received in December: the receipt is what counts.
      await store.appendChange(entry({ coll: 'reportVersion', id: v, field: 'period', value: '2026-10', hlc: stamp(100), receivedAt: 9_000 }));
      await store.appendChange(entry({ coll: 'reportVersion', id: v, field: 'snapshot', value: {}, hlc: stamp(101), receivedAt: 7_000, deviceSeq: 2 }));
      await store.appendChange(entry({ coll: 'reportVersion', id: 'c1@2026-11#1', field: 'period', value: '2026-11', hlc: stamp(50), receivedAt: 8_000, deviceSeq: 3 }));
      await store.appendChange(entry({ coll: 'report', id: v.slice(0, -2), field: 'title', value: 'x', hlc: stamp(1), receivedAt: 1, deviceSeq: 4 }));
      const got = await store.firstReceived('reportVersion', [v, 'c1@2026-11#1', 'c1@2026-12#1']);
      expect([...got.entries()].sort()).toEqual([[v, 7_000], ['c1@2026-11#1', 8_000]]);
      expect((await store.firstReceived('reportVersion', [])).size).toBe(0);
      // With required fields: the last of them to arrive dates the record; missing one, no date.
      const req = await store.firstReceived('reportVersion', [v, 'c1@2026-11#1'], ['period', 'snapshot']);
      expect([...req.entries()]).toEqual([[v, 9_000]]);
    });

    it('keeps photo bytes by hash once (the first upload wins) and finds the units of photo records naming a hash', async () => {
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      const blob = { hash: 'a'.repeat(64), type: 'image/jpeg', size: 7, data: bytes, unit: 'c1', uploadedBy: 'u1', createdAt: 5 };
      expect(await store.getBlob(blob.hash)).toBeNull();
      expect(await store.putBlob(blob)).toBe(true);
      expect(await store.putBlob({ ...blob, unit: 'c2', uploadedBy: 'u2', createdAt: 6 })).toBe(false);
      const got = await store.getBlob(blob.hash);
      expect({ ...got, data: [...(got?.data ?? [])] }).toEqual({ ...blob, data: [...bytes] });

      const head = (value: string, wall = 1): FieldHead => ({ value, hlc: stamp(wall), base: null, author: 'u1' });
      await store.putField('photo', 'c1:m1~x', 'blob', 'c1', { heads: [head(blob.hash)], dead: [] });
      await store.putField('photo', 'c2:m1~y', 'blob', 'c2', { heads: [head(blob.hash, 2), head(blob.hash, 1)], dead: [] });
      await store.putField('photo', 'c2:m1~z', 'caption', 'c2', { heads: [head('b'.repeat(64))], dead: [] });
      await store.putField('status', 'c2:m1', 'note', 'c2', { heads: [head('b'.repeat(64))], dead: [] });
      expect(await store.blobPhotoRecords(blob.hash)).toEqual([
        { unit: 'c1', id: 'c1:m1~x', author: 'u1' },
        { unit: 'c2', id: 'c2:m1~y', author: 'u1' },
      ]);
      expect(await store.blobPhotoRecords('b'.repeat(64))).toEqual([]); // only a photo's `blob` field names bytes
    });

    it('keeps roll-ups and catalogue versions; the latest import wins', async () => {
      expect(await store.getRollup('p')).toBeNull();
      await store.putRollup('p', { ...emptyRollup('p'), communes: ['c1'] }, 10);
      expect(await store.getRollup('p')).toEqual({ rollup: { ...emptyRollup('p'), communes: ['c1'] }, updatedAt: 10 });
      await store.putRollup('q', emptyRollup('q'), 11);
      const both = await store.getRollups(['p', 'q', 'khong-co']);
      expect([...both.keys()].sort()).toEqual(['p', 'q']);
      expect(both.get('q')).toEqual({ rollup: emptyRollup('q'), updatedAt: 11 });
      expect(await store.getRollups([])).toEqual(new Map());
      const cat = (version: string) => ({ version, title: 'Danh mục', models: [] });
      expect(await store.latestCatalogue()).toBeNull();
      expect(await store.putCatalogue({ version: 'v1', catalogue: cat('v1'), importedAt: 1 })).toBe(true);
      expect(await store.putCatalogue({ version: 'v2', catalogue: cat('v2'), importedAt: 2 })).toBe(true);
      expect(await store.putCatalogue({ version: 'v1', catalogue: cat('v1'), importedAt: 3 })).toBe(false);
      expect((await store.latestCatalogue())?.version).toBe('v2');
    });

    it('has a server epoch made with the database, stable until a restore replaces it', async () => {
      const epoch = await store.serverEpoch();
      expect(epoch).toMatch(/^[0-9a-f]{16}$/);
      expect(await store.serverEpoch()).toBe(epoch);
      expect(await store.transaction((tx) => tx.serverEpoch())).toBe(epoch);
      const other = await open();
      try {
        expect(await other.serverEpoch()).not.toBe(epoch); // another database, another epoch
      } finally {
        await other.close();
      }
      const next = await store.newServerEpoch();
      expect(next).toMatch(/^[0-9a-f]{16}$/);
      expect(next).not.toBe(epoch);
      expect(await store.serverEpoch()).toBe(next);
    });

    it('commits a transaction whole, or nothing of it', async () => {
      await store.transaction(async (tx) => {
        await tx.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 1 });
        await tx.appendChange(entry());
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 2 });
          await tx.appendChange(entry({ field: 'note', value: 'x', deviceSeq: 2 }));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect((await store.getDevice('devA'))?.highWater).toBe(1);
      expect(await store.deviceChanges('devA', 1, 10)).toHaveLength(1);
    });

    it('serialises a transaction with calls made while it runs', async () => {
      const seen: number[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = store.transaction(async (t) => {
        await t.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 1 });
        await gate;
        await t.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 2 });
      });
      const read = store.getDevice('devA').then((d) => seen.push(d?.highWater ?? 0));
      await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual([]); // the read waits for the transaction
      release();
      await Promise.all([tx, read]);
      expect(seen).toEqual([2]);
    });

    /** Logs a change and merges it, as sync/apply.ts does; returns its serverSeq. */
    const apply = async (e: NewLogEntry): Promise<number> => {
      const seq = await store.appendChange(e);
      const state = await store.getField(e.coll, e.id, e.field);
      await store.putField(e.coll, e.id, e.field, e.unit, mergeField(state, { value: e.value, hlc: e.hlc, base: e.base, author: e.author }));
      return seq!;
    };
    // progress: 10 → 20 → 30 by devA (each seeing the last); note: two concurrent values; plus
    // an indicator sheet of c1 and a status of c2.
    const history = async () => {
      const seqs = {
        p10: await apply(entry({ value: 10, hlc: stamp(1000), deviceSeq: 1, receivedAt: 5 })),
        p20: await apply(entry({ value: 20, hlc: stamp(1001), base: stamp(1000) as never, deviceSeq: 2, receivedAt: 6 })),
        p30: await apply(entry({ value: 30, hlc: stamp(1002), base: stamp(1001) as never, deviceSeq: 3, receivedAt: 7 })),
        n1: await apply(entry({ field: 'note', value: 'a', hlc: stamp(1003), deviceSeq: 4, receivedAt: 8 })),
        n2: await apply(entry({ field: 'note', value: 'b', hlc: stamp(1004, 'devB'), device: 'devB', author: 'u2', deviceSeq: 1, receivedAt: 9 })),
        ind: await apply(entry({ coll: 'indicators', id: 'c1@2026-11', field: 'total', value: 3, hlc: stamp(1005), deviceSeq: 5, receivedAt: 10 })),
        other: await apply(entry({ id: 'c2:m1', unit: 'c2', hlc: stamp(1006), deviceSeq: 6, receivedAt: 11 })),
      };
      await store.createUser(user('u1', 'an'));
      await store.bindDevice('devA', 'u1', 100);
      await store.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 6 });
      return seqs;
    };
    const progressRows = [
      { value: 30, hlc: stamp(1002), base: stamp(1001), author: 'u1', receivedAt: 7 },
      { value: 10, hlc: stamp(1000), base: null, author: 'u1', receivedAt: 5 }, // the first receipt, no longer a head
    ];

    it('snapshots the current state of what the rules match: heads with their receipt, the first receipt, the overwritten stamps; paged by record', async () => {
      const seqs = await history();
      const all = await store.snapshot({ rules: [{ units: ['c1'] }], afterKey: null, limit: 10, maxBytes: 1_000_000 });
      expect(all.cursor).toBe(seqs.other);
      expect(all.nextKey).toBeNull();
      expect(all.records).toEqual([
        { coll: 'indicators', id: 'c1@2026-11', unit: 'c1', fields: [{ field: 'total', dead: [], rows: [{ value: 3, hlc: stamp(1005), base: null, author: 'u1', receivedAt: 10 }] }] },
        {
          coll: 'status', id: 'c1:m1', unit: 'c1',
          fields: [
            { field: 'note', dead: [], rows: [
              { value: 'b', hlc: stamp(1004, 'devB'), base: null, author: 'u2', receivedAt: 9 },
              { value: 'a', hlc: stamp(1003), base: null, author: 'u1', receivedAt: 8 },
            ] },
            { field: 'progress', dead: [stamp(1000), stamp(1001)], rows: progressRows },
          ],
        },
      ]);
      const first = await store.snapshot({ rules: [{ units: ['c1'] }], afterKey: null, limit: 1, maxBytes: 1_000_000 });
      expect(first.records.map((r) => r.id)).toEqual(['c1@2026-11']);
      expect(first.nextKey).toEqual({ coll: 'indicators', id: 'c1@2026-11' });
      const second = await store.snapshot({ rules: [{ units: ['c1'] }], afterKey: first.nextKey, limit: 1, maxBytes: 1 });
      expect(second.records.map((r) => r.id)).toEqual(['c1:m1']); // one record even past the byte cap
      expect(second.nextKey).toBeNull();
      // Collections and adoptions cut as in pull.
      const cut = await store.snapshot({ rules: [{ units: ['c1', 'c2'], colls: ['status'], adoptions: ['c2:m1'] }], afterKey: null, limit: 10, maxBytes: 1_000_000 });
      expect(cut.records.map((r) => r.id)).toEqual(['c2:m1']);
      expect((await store.snapshot({ rules: [], afterKey: null, limit: 10, maxBytes: 1_000_000 })).records).toEqual([]);
      // One record a page across units: every record exactly once, whatever order the store pages in.
      const ids: string[] = [];
      for (let key = null as Awaited<ReturnType<SyncStore['snapshot']>>['nextKey'], i = 0; i < 10; i++) {
        const page = await store.snapshot({ rules: [{ units: ['c2', 'c1'] }], afterKey: key, limit: 1, maxBytes: 1_000_000 });
        ids.push(...page.records.map((r) => r.id));
        key = page.nextKey;
        if (!key) break;
      }
      expect(ids.sort()).toEqual(['c1:m1', 'c1@2026-11', 'c2:m1'].sort());
    });

    it('compacts the log behind the oldest active pull cursor, keeping heads, first receipts, re-stamped rows and the retry window', async () => {
      const seqs = await history();
      expect(await store.compactedThrough()).toBe(0);
      // devA has pulled up to p10 only: nothing above it may go. Once it is past p20, p20 is needed by nobody but…
      await store.recordPullCursor('devA', seqs.p10);
      await store.recordPullCursor('nobody', 0); // unknown device: no-op
      let r = await store.compactLog({ activeSince: 0, retryWindow: 0, maxRows: 100 });
      expect(r).toMatchObject({ horizon: seqs.p10, deleted: 0, more: false, compactedThrough: 0 });
      // …a retry of devA's last 5 seqs would still name it (high water 6).
      await store.recordPullCursor('devA', seqs.other);
      r = await store.compactLog({ activeSince: 0, retryWindow: 5, maxRows: 100 });
      expect(r).toMatchObject({ horizon: seqs.other, deleted: 0 });
      r = await store.compactLog({ activeSince: 0, retryWindow: 4, maxRows: 100 });
      expect(r).toMatchObject({ horizon: seqs.other, deleted: 1, more: false, compactedThrough: seqs.p20 });
      expect((await store.deviceChanges('devA', 1, 6)).map((e) => e.deviceSeq)).toEqual([1, 3, 4, 5, 6]);
      // What snapshots, pulls of the heads and receipt times read is unchanged.
      const snap = await store.snapshot({ rules: [{ units: ['c1'] }], afterKey: null, limit: 10, maxBytes: 1_000_000 });
      expect(snap.records[1]!.fields[1]).toEqual({ field: 'progress', dead: [stamp(1000), stamp(1001)], rows: progressRows });
      expect(snap.cursor).toBe(seqs.other);
      expect(await store.firstReceived('status', ['c1:m1'])).toEqual(new Map([['c1:m1', 5]]));
      expect(await store.firstReceived('status', ['c1:m1'], ['progress', 'note'])).toEqual(new Map([['c1:m1', 8]]));
      expect(await store.compactedThrough()).toBe(seqs.p20);
    });

    it('compaction ignores idle and revoked devices\' cursors, never deletes a re-stamped row, and works in steps', async () => {
      const seqs = await history();
      await store.bindDevice('devOld', 'u1', 50);
      await store.recordPullCursor('devOld', 1);
      await store.recordPullCursor('devA', 1);
      await store.revokeDevice('devA', 200);
      // A re-stamped overwritten value: restampedAs must still find it.
      const re = await apply(entry({ field: 'asOf', value: '2026-11-01', hlc: stamp(2000), origHlc: stamp(9000), deviceSeq: 7, receivedAt: 12 }));
      await apply(entry({ field: 'asOf', value: '2026-11-02', hlc: stamp(2001), base: stamp(2000) as never, deviceSeq: 8, receivedAt: 13 }));
      await apply(entry({ field: 'asOf', value: '2026-11-03', hlc: stamp(2002), base: stamp(2001) as never, deviceSeq: 9, receivedAt: 14 }));
      await store.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 9 });
      expect(re).toBeGreaterThan(seqs.other);
      // devOld was last seen at 50: with activeSince 60 it does not hold the log; devA is revoked.
      const step1 = await store.compactLog({ activeSince: 60, retryWindow: 0, maxRows: 1 });
      expect(step1).toMatchObject({ deleted: 1, more: true, compactedThrough: seqs.p20, through: seqs.p20 });
      const step2 = await store.compactLog({ activeSince: 60, retryWindow: 0, maxRows: 1, after: step1.through });
      expect(step2.deleted).toBe(1); // asOf 2026-11-02
      const step3 = await store.compactLog({ activeSince: 60, retryWindow: 0, maxRows: 1, after: step2.through });
      expect(step3).toMatchObject({ deleted: 0, more: false });
      expect(await store.restampedAs('status', 'c1:m1', 'asOf', stamp(9000))).toBe(stamp(2000));
      expect((await store.deviceChanges('devA', 7, 9)).map((e) => e.value)).toEqual(['2026-11-01', '2026-11-03']);
    });

    it('creates users active and without the admin right unless told; updates only the fields given', async () => {
      const { active: _a, canAdmin: _c, ...bare } = user('u1', 'an');
      await store.createUser(bare);
      expect(await store.getUserById('u1')).toMatchObject({ active: true, canAdmin: false });
      await store.createUser({ ...user('u2', 'binh', 'p'), role: 'provinceOfficer', canAdmin: true, active: false });
      expect(await store.getUserByUsername('binh')).toMatchObject({ active: false, canAdmin: true, role: 'provinceOfficer' });

      expect(await store.updateUser('u1', { unitId: 'c2', role: 'communeLeader' })).toEqual({ ...user('u1', 'an'), unitId: 'c2', role: 'communeLeader' });
      expect(await store.updateUser('u1', { active: false })).toMatchObject({ active: false, unitId: 'c2', role: 'communeLeader', canAdmin: false });
      expect(await store.updateUser('u1', { active: true, canAdmin: true, displayName: 'Nguyễn Văn An' })).toMatchObject({ active: true, canAdmin: true, displayName: 'Nguyễn Văn An' });
      expect((await store.listUsers()).find((u) => u.id === 'u1')).toMatchObject({ active: true, canAdmin: true, unitId: 'c2' });
      expect(await store.updateUser('nobody', { active: false })).toBeNull();
    });

    it('uses a one-time code once, for its purpose, before it expires; a new code voids the older one', async () => {
      await store.createUser(user('u1', 'an'));
      await store.createUser(user('u2', 'binh'));
      const code = (hash: string, over: Partial<OneTimeCodeRecord> = {}): OneTimeCodeRecord => ({
        hash, purpose: 'reset', userId: 'u1', createdBy: 'u2', createdAt: 100, expiresAt: 200, usedAt: null, ...over,
      });
      await store.createOneTimeCode(code('h1'));
      await expect(store.createOneTimeCode(code('h1', { userId: 'u2' }))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.useOneTimeCode('h1', 'enrol', 150)).toBeNull(); // another purpose
      expect(await store.useOneTimeCode('h1', 'reset', 200)).toBeNull(); // expired at 200
      expect(await store.useOneTimeCode('nope', 'reset', 150)).toBeNull();
      expect(await store.useOneTimeCode('h1', 'reset', 150)).toEqual(code('h1', { usedAt: 150 }));
      expect(await store.useOneTimeCode('h1', 'reset', 151)).toBeNull(); // single use

      // Concurrent redemptions of one code: exactly one gets it.
      await store.createOneTimeCode(code('h2', { userId: 'u2', purpose: 'enrol', createdBy: null }));
      const tries = await Promise.all(Array.from({ length: 6 }, () => store.useOneTimeCode('h2', 'enrol', 150)));
      expect(tries.filter((r) => r !== null)).toEqual([code('h2', { userId: 'u2', purpose: 'enrol', createdBy: null, usedAt: 150 })]);

      // Only the latest code handed to a person works; another purpose's code is untouched.
      await store.createOneTimeCode(code('h3', { createdAt: 110 }));
      await store.createOneTimeCode(code('h4', { purpose: 'enrol', createdAt: 111 }));
      await store.createOneTimeCode(code('h5', { createdAt: 120 }));
      expect(await store.useOneTimeCode('h3', 'reset', 150)).toBeNull();
      expect(await store.useOneTimeCode('h5', 'reset', 150)).toMatchObject({ hash: 'h5', usedAt: 150 });
      expect(await store.useOneTimeCode('h4', 'enrol', 150)).toMatchObject({ hash: 'h4', usedAt: 150 });
    });

    it('appends audit entries with growing ids, lists newest first by page and unit scope, and keeps none of a rolled-back transaction', async () => {
      const at = (n: number, unit: string | null): NewAuditEntry => ({
        at: n, actorId: n % 2 ? 'u1' : null, actorName: n % 2 ? 'An' : 'dòng lệnh', action: 'user.create', target: `user${n}`, unit, detail: { n, note: 'tạo "mới"' },
      });
      const ids: number[] = [];
      for (let n = 1; n <= 5; n++) ids.push(await store.appendAudit(at(n, n <= 3 ? 'c1' : n === 4 ? 'c2' : null)));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(ids).size).toBe(5);
      const all = await store.listAudit({ limit: 10 });
      expect(all.map((e) => e.target)).toEqual(['user5', 'user4', 'user3', 'user2', 'user1']);
      expect(all[4]).toEqual({ id: ids[0], ...at(1, 'c1') });
      const page1 = await store.listAudit({ limit: 2 });
      const page2 = await store.listAudit({ limit: 2, before: page1[1]!.id });
      expect([...page1, ...page2].map((e) => e.target)).toEqual(['user5', 'user4', 'user3', 'user2']);
      expect((await store.listAudit({ limit: 10, unitScope: ['c1'] })).map((e) => e.target)).toEqual(['user3', 'user2', 'user1']);
      expect((await store.listAudit({ limit: 10, unitScope: ['c2', 'c1'], before: ids[2] })).map((e) => e.target)).toEqual(['user2', 'user1']);
      expect(await store.listAudit({ limit: 10, unitScope: [] })).toEqual([]);

      await expect(
        store.transaction(async (tx) => {
          await tx.appendAudit(at(6, 'c1'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.listAudit({ limit: 10 })).toHaveLength(5);
      const inTx = await store.transaction((tx) => tx.appendAudit(at(7, 'c1')));
      expect(inTx).toBeGreaterThan(ids[4]!);
    });

    it('keeps imported plans by id, a new import of the same id replacing the old', async () => {
      const [a, b] = loadPlanSeeds().plans;
      expect(await store.listPlans()).toEqual([]);
      await store.putPlan({ id: b!.id, plan: b!, importedAt: 10, importedBy: null });
      await store.putPlan({ id: a!.id, plan: a!, importedAt: 11, importedBy: 'u1' });
      const renamed = { ...a!, title: 'Kế hoạch đã sửa' };
      await store.putPlan({ id: a!.id, plan: renamed, importedAt: 12, importedBy: 'u2' });
      const ids = [a!.id, b!.id].sort();
      expect((await store.listPlans()).map((p) => p.id)).toEqual(ids);
      expect((await store.listPlans()).find((p) => p.id === a!.id)).toEqual({ id: a!.id, plan: renamed, importedAt: 12, importedBy: 'u2' });
      expect((await store.listPlans()).find((p) => p.id === b!.id)?.plan).toEqual(b);
    });

    it('closes a unit only when told (re-putting it without a closing day keeps it), and keeps reorganisation events in order', async () => {
      await store.putUnit({ ...unit('c1', 'c2', 'commune'), closedOn: '2025-07-01' });
      await store.putUnit(unit('c1', 'c2', 'commune')); // a re-seed or a rename does not reopen it
      expect((await store.getUnits()).find((u) => u.id === 'c1')).toMatchObject({ parentId: 'c2', closedOn: '2025-07-01' });
      expect((await store.getUnits()).find((u) => u.id === 'c2')?.closedOn ?? null).toBeNull();
      const event = {
        spec: { kind: 'merge' as const, effective: '2025-07-01', from: ['c1', 'c2'], into: 'c2' },
        before: [unit('c1', 'p', 'commune')],
        created: [],
        successor: { c1: 'c2' },
        movedUsers: { u1: ['c1', 'c2'] as [string, string] },
        recordedAt: 10,
        recordedBy: null,
      };
      const first = await store.appendReorgEvent(event);
      const second = await store.transaction(async (tx) => tx.appendReorgEvent({ ...event, spec: { kind: 'rename', effective: '2025-08-01', unit: 'c2', name: 'Xã mới' }, successor: {}, recordedBy: 'admin' }));
      await expect(store.transaction(async (tx) => {
        await tx.appendReorgEvent({ ...event, recordedAt: 99 });
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(second).toBeGreaterThan(first);
      const events = await store.listReorgEvents();
      expect(events.map((e) => [e.seq, e.spec.kind, e.recordedBy])).toEqual([[first, 'merge', null], [second, 'rename', 'admin']]);
      expect(events[0]).toEqual({ ...event, seq: first });
    });

    it('keeps concurrent transactions independent: one failing leaves the others committed', async () => {
      const runs = Array.from({ length: 12 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.putDevice({ deviceId: `dev${i}`, userId: 'u1', highWater: i + 1 });
          if (i === 5) throw new Error(`refused ${i}`);
          return i;
        }),
      );
      const settled = await Promise.allSettled(runs);
      expect(settled.map((r) => r.status)).toEqual(settled.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
      for (let i = 0; i < 12; i++) expect((await store.getDevice(`dev${i}`))?.highWater ?? null).toBe(i === 5 ? null : i + 1);
    });
  });
}
