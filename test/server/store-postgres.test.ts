// The store contract on a real PostgreSQL (test/helpers/postgres.ts), then what only several
// processes sharing one database can break: each "process" below is a store of its own, with
// its own connection pool, on the same database — exactly what two server processes are.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { applyChange } from '../../sync-server/sync/apply.ts';
import { openPostgresStore } from '../../sync-server/store/postgres.ts';
import type { NewLogEntry, SyncStore } from '../../sync-server/store/types.ts';
import { withPostgres } from '../helpers/postgres.ts';
import { storeContract } from './store.contract.ts';

const pg = await withPostgres();
afterAll(() => pg?.stop());
// One database for this file (files run in parallel on the shared cluster); a schema of its own
// for every store, which is a fresh, empty store in milliseconds rather than a CREATE DATABASE.
const url = pg ? await pg.newDatabase() : '';
let schemas = 0;
const fresh = (poolSize?: number) => openPostgresStore({ url, schema: `s${++schemas}`, ...(poolSize ? { poolSize } : {}) });

if (pg) {
  storeContract('PostgreSQL', () => fresh());
} else {
  describe.skip('SyncStore contract — PostgreSQL (not installed)', () => it('needs PostgreSQL', () => undefined));
}

const stamp = (wall: number, device: string, counter = 0): Hlc => encodeHlc({ wall, counter, device });
const entry = (over: Partial<NewLogEntry>): NewLogEntry => ({
  coll: 'status', id: 'c1:m1', field: 'note', value: 'x', hlc: stamp(1000, 'devA'), base: null, unit: 'c1', author: 'u1',
  device: 'devA', deviceSeq: null, origHlc: null, receivedAt: 5, ...over,
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pg)('PostgreSQL store: transactions of one process run grouped', () => {
  it('a transaction rolled back inside a group leaves nothing for the next one, not even in what it read', async () => {
    // Transactions queued while a group runs share one BEGIN … COMMIT, each in a SAVEPOINT; a
    // field one of them wrote and then lost with its rollback must not be seen by the next.
    const store = await fresh();
    const one = (value: string) => ({ heads: [{ value, hlc: stamp(1, 'devA'), base: null, author: 'u1' }], dead: [] });
    await store.putField('status', 'c1:m1', 'note', 'c1', one('a'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const blocker = store.transaction(() => gate); // a group of its own, running while the next two queue
    const failing = store.transaction(async (tx) => {
      await tx.getField('status', 'c1:m1', 'note');
      await tx.putField('status', 'c1:m1', 'note', 'c1', one('b'));
      throw new Error('refused');
    });
    const reading = store.transaction(async (tx) => (await tx.getField('status', 'c1:m1', 'note'))?.heads[0]?.value);
    release();
    await blocker;
    await expect(failing).rejects.toThrow('refused');
    expect(await reading).toBe('a');
    await store.close();
  });
});

describe.skipIf(!pg)('PostgreSQL store: values PostgreSQL\'s JSON types refuse', () => {
  it('keeps, pulls, snapshots and compacts values holding \\u0000 and lone surrogates', async () => {
    // A phone may send any JSON string; jsonb (and json's operators) cannot hold \u0000 or a lone
    // surrogate, so nothing on the way may parse values in SQL.
    const store = await fresh();
    const odd = ['a\u0000b', 'x\ud800y'];
    let base: Hlc | null = null;
    // The overwritten middle value is compactable; the head left holds \u0000.
    for (const [i, value] of ['c', odd[1]!, odd[0]!].entries()) {
      await store.transaction((tx) => applyChange(tx, entry({ value, hlc: stamp(4000 + i, 'devA'), base: base as never, deviceSeq: i + 1 })));
      base = stamp(4000 + i, 'devA');
    }
    await store.transaction((tx) => applyChange(tx, entry({ field: 'progress', value: odd[0]!, hlc: stamp(4010, 'devA'), deviceSeq: 4 })));
    const pulled = await store.pull({ after: 0, units: ['c1'], limit: 10, maxBytes: 1e6 });
    expect(pulled.changes.map((c) => c.value)).toEqual(['c', odd[1], odd[0], odd[0]]);
    await store.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 4 });
    const compacted = await store.compactLog({ activeSince: 0, retryWindow: 0, maxRows: 10 });
    expect(compacted.deleted).toBe(1);
    expect((await store.deviceChanges('devA', 1, 4)).map((e) => e.value)).toEqual(['c', odd[0], odd[0]]);
    const snap = await store.snapshot({ rules: [{ units: ['c1'] }], afterKey: null, limit: 10, maxBytes: 1e6 });
    expect(snap.records[0]!.fields.map((f) => f.rows.map((r) => r.value))).toEqual([[odd[0], 'c'], [odd[0]]]);
    await store.close();
  });
});

describe.skipIf(!pg)('PostgreSQL store shared by several processes', () => {
  /** Two "processes" on one fresh database. */
  const processes = async (n: number): Promise<SyncStore[]> => {
    const schema = `p${++schemas}`;
    const stores: SyncStore[] = [];
    for (let i = 0; i < n; i++) stores.push(await openPostgresStore({ url, schema, poolSize: 4 }));
    return stores;
  };

  it('never lets a pull cursor pass a log row that commits later', async () => {
    // Writers append, then linger before committing, so numbers drawn early commit late
    // unless the store orders them; a reader follows the cursor the whole time. Every row
    // must reach the reader exactly once.
    // The reader is a process of its own: within one process a call waits for that process's
    // transactions anyway, which would hide the race.
    const [a, b, reader] = await processes(3);
    let writing = true;
    const seen: number[] = [];
    let cursor = 0;
    const follow = (async () => {
      for (;;) {
        const done = !writing;
        const page = await reader!.pull({ after: cursor, units: ['c1'], limit: 50, maxBytes: 1e6 });
        seen.push(...page.changes.map((c) => c.serverSeq));
        cursor = page.cursor;
        if (done && !page.more) return;
        await pause(1);
      }
    })();
    const committed: number[] = [];
    const writer = (store: SyncStore, device: string) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store
            .transaction(async (tx) => {
              const s1 = await tx.appendChange(entry({ id: `c1:${device}${i}`, hlc: stamp(1000 + i, device), device }));
              await pause(Math.random() * 6);
              const s2 = await tx.appendChange(entry({ id: `c1:${device}${i}`, field: 'progress', value: i, hlc: stamp(1000 + i, device), device }));
              return [s1!, s2!];
            })
            .then((s) => committed.push(...s)),
        ),
      );
    await Promise.all([writer(a!, 'devA'), writer(b!, 'devB'), writer(a!, 'devC')]);
    writing = false;
    await follow;
    expect(committed).toHaveLength(120);
    expect([...seen].sort((x, y) => x - y)).toEqual([...committed].sort((x, y) => x - y));
    await Promise.all([a!.close(), b!.close(), reader!.close()]);
  });

  it('applies each seq of a device once when two processes push for it at the same time', async () => {
    // The push path's read high-water → append under the next seq → move the mark, from two
    // processes at once: read concurrently, two would log the same seq and the mark would lag.
    const [a, b] = await processes(2);
    const push = (store: SyncStore, k: number) =>
      store.transaction(async (tx) => {
        const seq = ((await tx.getDevice('devA'))?.highWater ?? 0) + 1;
        await pause(Math.random() * 3);
        await tx.appendChange(entry({ id: `c1:m${k}`, hlc: stamp(2000 + k, 'devA'), deviceSeq: seq }));
        await tx.putDevice({ deviceId: 'devA', userId: 'u1', highWater: seq });
      });
    await Promise.all(Array.from({ length: 30 }, (_, k) => push(k % 2 ? a! : b!, k)));
    expect((await a!.getDevice('devA'))?.highWater).toBe(30);
    expect((await b!.deviceChanges('devA', 1, 100)).map((e) => e.deviceSeq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await Promise.all([a!.close(), b!.close()]);
  });

  it('keeps every concurrent edit of one field when two processes merge it at the same time', async () => {
    // getField → mergeField → putField (sync/apply.ts, the one merge path) from two processes:
    // interleaved, one process's head would be overwritten by the other's stale merge.
    const [a, b] = await processes(2);
    const edit = (store: SyncStore, k: number) =>
      store.transaction((tx) => applyChange(tx, entry({ value: `bản ${k}`, hlc: stamp(3000 + k, `dev${k}`), device: `dev${k}` })));
    await Promise.all(Array.from({ length: 30 }, (_, k) => edit(k % 2 ? a! : b!, k)));
    const heads = (await a!.getField('status', 'c1:m1', 'note'))?.heads ?? [];
    // Thirty edits none of which saw another: all thirty stay heads (merge.ts keeps concurrent values).
    expect(heads.map((h) => h.value).sort()).toEqual(Array.from({ length: 30 }, (_, k) => `bản ${k}`).sort());
    await Promise.all([a!.close(), b!.close()]);
  });

  it('hands each stale commune to exactly one process', async () => {
    const [a, b, c] = await processes(3);
    const marked = Array.from({ length: 120 }, (_, i) => `x${String(i).padStart(3, '0')}`);
    let marking = true;
    const takenBy: string[][] = [[], []];
    const take = async (store: SyncStore, into: string[]) => {
      for (;;) {
        const done = !marking;
        into.push(...(await store.takeDirtyRollups()));
        if (done) return;
        await pause(1);
      }
    };
    const takers = [take(a!, takenBy[0]!), take(b!, takenBy[1]!)];
    for (let i = 0; i < marked.length; i += 10) await c!.transaction((tx) => tx.markRollupsDirty(marked.slice(i, i + 10)));
    marking = false;
    await Promise.all(takers);
    expect([...takenBy[0]!, ...takenBy[1]!].sort()).toEqual(marked);
    await Promise.all([a!.close(), b!.close(), c!.close()]);
  });

  it('moves the units version for every process when one writes a unit, and not for a rolled-back write', async () => {
    const [a, b] = await processes(2);
    const unit = (name: string) => ({ id: 'c9', name, level: 'commune' as const, parentId: null, placeholder: false });
    const v0 = await a!.unitsVersion();
    await b!.putUnit(unit('Xã 9'));
    const v1 = await a!.unitsVersion();
    expect(v1).toBeGreaterThan(v0);
    await expect(
      b!.transaction(async (tx) => {
        await tx.putUnit(unit('Xã chín'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await a!.unitsVersion()).toBe(v1);
    expect((await a!.getUnits()).find((u) => u.id === 'c9')?.name).toBe('Xã 9');
    await Promise.all([a!.close(), b!.close()]);
  });
});

describe.skipIf(!pg)('PostgreSQL store: a connection lost in the middle of a transaction', () => {
  it('fails that transaction, not the process, and the next transaction works', async () => {
    const store = await fresh();
    const killer = await fresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = store.transaction(async (tx) => {
      await tx.getDevice('devA'); // the connection is checked out and inside BEGIN
      await gate;
      await tx.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 1 });
    });
    await pause(100);
    // What a failover or an administrator does: end every other backend of this database.
    await killer.transaction(async (tx) => {
      await tx.getUnits(); // the killer's own connection is busy in this transaction, so it is spared
    });
    const { Client } = (await import('pg')).default;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    release();
    await expect(held).rejects.toThrow();
    // Nothing of it was kept, and the store goes on with a new connection.
    await store.transaction((tx) => tx.putDevice({ deviceId: 'devB', userId: 'u2', highWater: 3 }));
    expect(await store.getDevice('devA')).toBeNull();
    expect(await store.getDevice('devB')).toEqual({ deviceId: 'devB', userId: 'u2', highWater: 3 });
    await store.close();
    await killer.close().catch(() => undefined);
  });
});
