// Snapshot bootstrap and log compaction (issue 13), through the real app served over HTTP and
// the app's own LocalStore + SyncEngine (fake-indexeddb). The oracle is a phone that replayed
// the whole change log the way every phone did before snapshots existed: a phone that
// bootstraps from a snapshot must end with the same records, the same field heads (conflicts
// included), the same authors and stamps, the same server receipt times (report timeliness) and
// the same subscription, and keep ending equal as changes go on.
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0, change, hlcAt, testServer, type TestServer } from './helpers.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { bootstrapFromSnapshot } from '../../src/sync/snapshot.ts';
import { firstReceived } from '../../src/reports/received.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import { SYNC_FORMAT_VERSION, SnapshotResponseSchema, type PulledChange, type SnapshotResponse } from '../../src/domain/sync/wire.ts';
import { compactChangeLog, DAY_MS } from '../../sync-server/sync/compact.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';

const POLICE = 'u-thieuvan-congan';
const LEADER = 'u-thieuvan-lanhdao';
const THON1 = 'u-thieuvan-thon1';
const ASSIGNED = 'tv:mh-24'; // the seed assigns it to the villages
const HOUR = 3_600_000;

let s: TestServer;
let http: ServerType;
let url: string;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  http = serve({ fetch: s.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => (http.listening ? resolve() : http.once('listening', () => resolve())));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await s.close();
});

let dbs = 0;
interface Phone {
  name: string;
  user: string;
  store: LocalStore;
  engine: SyncEngine;
  /** Paths requested, in order. */
  requests: string[];
  /** Sees each snapshot page before the phone does (to write while a bootstrap is half done); true: done, stop calling it. */
  onSnapshotPage?: (page: SnapshotResponse) => Promise<boolean>;
  token: string;
}

async function phone(name: string, user: string, opts: { snapshot?: boolean; page?: number } = {}): Promise<Phone> {
  // As a login would: the id is bound to the person, so the server can follow its cursor.
  await s.store.bindDevice(name, user, s.clock.now());
  const token = await s.session(user, name);
  const store = new LocalStore({ db: openDb(`snapshot-${process.pid}-${++dbs}`), deviceId: name, now: () => s.clock.now() });
  const p: Phone = { name, user, store, requests: [], token, engine: undefined as unknown as SyncEngine };
  p.engine = new SyncEngine({
    store,
    deviceId: () => name,
    baseUrl: url,
    token: () => token,
    fetch: (async (input: string, init?: RequestInit) => {
      const path = new URL(input).pathname;
      p.requests.push(path);
      const res = await fetch(input, init);
      if (path.endsWith('/snapshot') && p.onSnapshotPage && res.ok) {
        const body = await res.text();
        if (await p.onSnapshotPage(SnapshotResponseSchema.parse(JSON.parse(body)))) p.onSnapshotPage = undefined;
        return new Response(body, { status: res.status, headers: res.headers });
      }
      return res;
    }) as typeof fetch,
    deviceNow: () => s.clock.now(),
    snapshot: opts.snapshot ?? true,
    ...(opts.page ? { snapshotPage: opts.page } : {}),
  });
  return p;
}

async function sync(p: Phone): Promise<void> {
  const outcome = await p.engine.sync();
  expect(outcome, `${p.name}: ${JSON.stringify(outcome)}`).toMatchObject({ ok: true });
  expect(await p.store.rejected(), p.name).toEqual([]);
}

const write = (p: Phone, coll: Collection, id: string, unit: string, values: Record<string, FieldValue>) => p.store.write(coll, id, unit, values, p.user);

const COLLS: Collection[] = ['adoption', 'status', 'checklist', 'indicators', 'photo', 'comment', 'report', 'reportVersion'];

/** Everything a phone's screens read: records with every field state, receipt times, the subscription. */
async function localState(p: Phone) {
  const docs = (await p.store.db.docs.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));
  const headsReceived: Record<string, (number | null)[]> = {};
  for (const d of docs) {
    for (const [field, state] of Object.entries(d.fields)) {
      headsReceived[`${d.key}/${field}`] = await Promise.all(state.heads.map(async (h) => (await p.store.db.changes.get(h.hlc))?.receivedAt ?? null));
    }
  }
  const received: Record<string, Record<string, number>> = {};
  for (const coll of COLLS) {
    const ids = docs.filter((d) => d.coll === coll).map((d) => d.id);
    received[coll] = Object.fromEntries(await firstReceived(p.store, coll, ids));
  }
  return {
    docs,
    headsReceived,
    received,
    subscription: (await p.store.db.meta.get('subscription'))?.value,
    quarantined: await p.store.quarantined(),
  };
}

type State = Awaited<ReturnType<typeof localState>>;

/** A commune's year in small: edits over time, a concurrent edit on two phones, a village's work, a report sent in two parts. */
async function history(police: Phone, police2: Phone, thon1: Phone): Promise<void> {
  await write(police, 'status', ASSIGNED, 'tv', { progress: 10, note: 'bắt đầu' });
  await write(police, 'report', 'tv@2026-11', 'tv', { title: 'Dự thảo tháng 11' });
  await write(police, 'checklist', 'inspection-commune@tv', 'tv', { 'a.q1': 'Câu trả lời kiểm tra' });
  await write(police, 'indicators', 'tv@2026-11', 'tv', { 's.dv-1.total': 10 });
  await sync(police);
  s.clock.advance(HOUR);
  await sync(police2);
  await sync(thon1);
  await write(police, 'status', ASSIGNED, 'tv', { progress: 20 });
  await write(police, 'indicators', 'tv@2026-11', 'tv', { 's.dv-1.total': 12 });
  // Both saw "bắt đầu"; neither sees the other's: two current values.
  await write(police, 'status', ASSIGNED, 'tv', { note: 'Công an: đang triển khai' });
  await write(police2, 'status', ASSIGNED, 'tv', { note: 'Máy 2: chờ thiết bị' });
  await write(thon1, 'status', ASSIGNED, 'tv', { progress: 25 });
  await write(thon1, 'checklist', 'task-list@tv-thon-1', 'tv-thon-1', { 'a.q1': 'việc của thôn' });
  await write(thon1, 'checklist', 'task-list@tv-thon-1', 'tv-thon-1', { 'a.q2': 'đã họp dân' });
  await sync(police);
  s.clock.advance(HOUR);
  await sync(police2);
  await sync(thon1);
  // A submitted version whose parts reached the server at different times: timeliness counts the last part's first receipt.
  await write(police, 'reportVersion', 'tv@2026-11#1', 'tv', { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11' });
  await sync(police);
  s.clock.advance(2 * HOUR);
  await write(police, 'reportVersion', 'tv@2026-11#1', 'tv', { snapshot: { sections: [] }, submittedAt: T0 });
  await write(police, 'status', ASSIGNED, 'tv', { progress: 30 });
  await sync(police);
  s.clock.advance(HOUR);
  await sync(thon1);
}

describe('snapshot bootstrap', { timeout: 60_000 }, () => {
  it('a phone that bootstraps from a snapshot ends equal to one that replayed the log — and stays equal as changes go on', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    const police2 = await phone('police_b', POLICE, { snapshot: false });
    const thon1 = await phone('thon1_a', THON1, { snapshot: false });
    await history(police, police2, thon1);
    const note = await s.store.getField('status', ASSIGNED, 'note');
    expect(note?.heads.map((h) => h.value).sort()).toEqual(['Công an: đang triển khai', 'Máy 2: chờ thiết bị']); // the conflict is real

    // Commune subtree (leader) and village (Thôn 1): one phone replays, one bootstraps (small pages, so several).
    const replayLeader = await phone('leader_replay', LEADER, { snapshot: false });
    const snapLeader = await phone('leader_snap', LEADER, { page: 2 });
    const replayVillage = await phone('thon1_replay', THON1, { snapshot: false });
    const snapVillage = await phone('thon1_snap', THON1, { page: 2 });
    // While the leader's snapshot is half fetched, the police saves again, both on a record
    // already sent (the report) and on one still to come (the status, later in record order):
    // the pull after the snapshot's cursor brings both, whichever page read them.
    snapLeader.onSnapshotPage = async (page) => {
      if (!page.c.some(([coll, id]) => coll === 'report' && id === 'tv@2026-11')) return false;
      expect(page.k).not.toBeNull();
      s.clock.advance(60_000);
      await write(police, 'status', ASSIGNED, 'tv', { note: 'giữa lúc tải' });
      await write(police, 'report', 'tv@2026-11', 'tv', { title: 'Dự thảo tháng 11 (sửa)' });
      await sync(police);
      return true;
    };
    for (const p of [replayLeader, snapLeader, replayVillage, snapVillage]) await sync(p);
    expect(replayLeader.requests).not.toContain('/api/sync/snapshot');
    expect(snapLeader.requests.filter((r) => r === '/api/sync/snapshot').length).toBeGreaterThan(2);
    expect(snapLeader.onSnapshotPage).toBeUndefined();
    // The replaying phones pulled after the mid-snapshot saves; the snapshot phone must have them too.
    await sync(replayLeader);
    await sync(replayVillage);

    const [rl, sl, rv, sv] = (await Promise.all([replayLeader, snapLeader, replayVillage, snapVillage].map(localState))) as [State, State, State, State];
    expect(rl.docs.length).toBeGreaterThan(10);
    expect(sl).toEqual(rl);
    expect(sv).toEqual(rv);
    expect(rl.received.reportVersion).toEqual({ 'tv@2026-11#1': T0 + 4 * HOUR }); // its last part's first receipt
    expect(rl.received.status?.[ASSIGNED]).toBe(T0); // the first value, long overwritten
    expect(rv.docs.some((d) => d.key === 'status/tv:mh-24')).toBe(true);
    // Current state, not history: the snapshot phone holds fewer logged changes for the same records.
    expect(await snapLeader.store.db.changes.count()).toBeLessThan(await replayLeader.store.db.changes.count());

    // Later changes, including edits made on the bootstrapped phones themselves.
    s.clock.advance(HOUR);
    await write(police, 'status', ASSIGNED, 'tv', { note: 'đã xong', progress: 90 });
    await write(snapLeader, 'report', 'tv@2026-11', 'tv', { title: 'Báo cáo tháng 11' });
    await write(snapVillage, 'checklist', 'task-list@tv-thon-1', 'tv-thon-1', { 'a.q3': 'thôn ghi thêm' });
    for (const p of [police, snapLeader, snapVillage, replayLeader, snapLeader, replayVillage, snapVillage]) await sync(p);
    const [rl2, sl2, rv2, sv2] = (await Promise.all([replayLeader, snapLeader, replayVillage, snapVillage].map(localState))) as [State, State, State, State];
    expect(sl2).toEqual(rl2);
    expect(sv2).toEqual(rv2);
    expect(await snapLeader.store.cursor()).toBe(await replayLeader.store.cursor());
    expect(rl2.docs.find((d) => d.key === 'report/tv@2026-11')?.fields.title?.heads.map((h) => h.value)).toEqual(['Báo cáo tháng 11']);
  });

  it('a queued change on a phone with nothing yet is merged with the snapshot, never overwritten, and then sent once', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    const police2 = await phone('police_b', POLICE, { snapshot: false });
    const thon1 = await phone('thon1_a', THON1, { snapshot: false });
    await history(police, police2, thon1);
    // A new phone of the police, offline since its login: it saves before it ever synced.
    const fresh = await phone('police_new', POLICE);
    await write(fresh, 'status', ASSIGNED, 'tv', { note: 'máy mới, chưa đồng bộ' });
    const queued = await fresh.store.outboxBatch(1e6);
    const got = await bootstrapFromSnapshot({
      store: fresh.store,
      post: async (path, body) => (await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${fresh.token}` }, body: JSON.stringify(body) })).json(),
      badResponse: () => new Error('bad'),
    });
    expect(got.cursor).toBeGreaterThan(0);
    expect(await fresh.store.outboxBatch(1e6)).toEqual(queued);
    const local = (await fresh.store.doc('status', ASSIGNED))!.fields.note!;
    const server = (await s.store.getField('status', ASSIGNED, 'note'))!;
    // Its own value beside the two the server holds (its author saw neither).
    expect(local.heads.map((h) => h.value).sort()).toEqual([...server.heads.map((h) => h.value), 'máy mới, chưa đồng bộ'].sort());
    await sync(fresh);
    expect(await fresh.store.outboxCount()).toBe(0);
    const after = (await s.store.getField('status', ASSIGNED, 'note'))!;
    expect(after.heads.filter((h) => h.value === 'máy mới, chưa đồng bộ')).toHaveLength(1);
    expect((await fresh.store.doc('status', ASSIGNED))!.fields.note).toEqual(after);
    expect((await s.store.deviceChanges('police_new', 1, 10)).length).toBe(1);
  });
});

async function rawSnapshot(token: string, n = 1000): Promise<SnapshotResponse[]> {
  const pages: SnapshotResponse[] = [];
  let body: Record<string, unknown> = { v: SYNC_FORMAT_VERSION, n };
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/api/sync/snapshot`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const page = SnapshotResponseSchema.parse(await res.json());
    pages.push(page);
    if (!page.k) break;
    body = { v: SYNC_FORMAT_VERSION, n, k: page.k, p: page.p };
  }
  return pages;
}

async function rawPull(token: string, device: string): Promise<PulledChange[]> {
  const out: PulledChange[] = [];
  for (let p = 0, i = 0; i < 100; i++) {
    const r = await s.sync(token, device, [], p, 2000);
    expect(r.status).toBe(200);
    out.push(...r.body.c);
    p = r.body.p;
    if (!r.body.m) break;
  }
  return out;
}

describe('snapshot access', { timeout: 60_000 }, () => {
  it('a village snapshot holds exactly the records its pull would — not the commune\'s drafts, inspections, indicators, other villages — and goes gzipped', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    const police2 = await phone('police_b', POLICE, { snapshot: false });
    const thon1 = await phone('thon1_a', THON1, { snapshot: false });
    await history(police, police2, thon1);
    await write(police, 'checklist', 'task-list@tv-thon-2', 'tv-thon-2', { 'a.q1': 'việc của thôn khác' });
    await sync(police);
    for (const [user, device] of [[THON1, 'thon1_raw'], [LEADER, 'leader_raw']] as const) {
      const token = await s.session(user, device);
      const snap = (await rawSnapshot(token, 3)).flatMap((p) => p.c.map(([coll, id]) => `${coll}/${id}`));
      const pulled = [...new Set((await rawPull(token, device)).map((c) => `${c[1]}/${c[2]}`))];
      expect(snap.sort(), user).toEqual(pulled.sort());
      if (user === THON1) {
        for (const hidden of ['report/tv@2026-11', 'checklist/inspection-commune@tv', 'indicators/tv@2026-11', 'checklist/task-list@tv-thon-2', 'reportVersion/tv@2026-11#1']) {
          expect(snap, hidden).not.toContain(hidden);
        }
        expect(snap).toContain(`status/${ASSIGNED}`);
        expect(snap).toContain('checklist/task-list@tv-thon-1');
      } else expect(snap).toContain('checklist/task-list@tv-thon-2');
    }
    const token = await s.session(LEADER, 'leader_gz');
    const res = await fetch(`${url}/api/sync/snapshot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ v: SYNC_FORMAT_VERSION }),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // Without a session, nothing.
    const anon = await fetch(`${url}/api/sync/snapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: SYNC_FORMAT_VERSION }) });
    expect(anon.status).toBe(401);
  });
});

describe('log compaction', { timeout: 60_000 }, () => {
  it('after compaction a new phone bootstraps equal to an old one; a phone behind the horizon is told to bootstrap, keeps its queue and recovers', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    const police2 = await phone('police_b', POLICE, { snapshot: false });
    const thon1 = await phone('thon1_a', THON1, { snapshot: false });
    const oldLeader = await phone('leader_old', LEADER, { snapshot: false });
    const idleVillage = await phone('thon1_idle', THON1);
    await write(police, 'status', ASSIGNED, 'tv', { progress: 5 });
    await sync(police);
    await sync(idleVillage); // then it stays in a drawer
    const idleCursor = await idleVillage.store.cursor();
    await history(police, police2, thon1);
    await sync(oldLeader);
    const before = await s.store.pull({ after: 0, rules: [{ units: ['tv', 'tv-thon-1'] }], limit: 100_000, maxBytes: 1e9 });

    // 40 days on: the phones in use sync (their cursors are the newest), the idle one does not.
    s.clock.advance(40 * DAY_MS);
    for (const p of [police, police2, thon1, oldLeader]) await sync(p);
    // A small retry window (the default keeps each device's last 1,000 changes): this short history
    // must have something to compact. No phone here has an unanswered batch.
    const report = await compactChangeLog(s.store, { now: s.clock.now(), idleDays: 30, retryWindow: 2 });
    expect(report.deleted).toBeGreaterThan(0);
    expect(report.compactedThrough).toBeGreaterThan(idleCursor);
    const after = await s.store.pull({ after: 0, rules: [{ units: ['tv', 'tv-thon-1'] }], limit: 100_000, maxBytes: 1e9 });
    expect(after.changes.length).toBeLessThan(before.changes.length);
    // Report timeliness on the server is what it was.
    expect(await s.store.firstReceived('reportVersion', ['tv@2026-11#1'], ['reportId', 'version', 'periodType', 'period', 'snapshot', 'submittedAt'])).toEqual(
      new Map([['tv@2026-11#1', T0 + 4 * HOUR]]),
    );

    // A new phone now can only bootstrap; it ends as the phone that replayed the full log.
    const newLeader = await phone('leader_new', LEADER, { page: 3 });
    await sync(newLeader);
    expect(await localState(newLeader)).toEqual(await localState(oldLeader));
    // A log replay from 0 is refused rather than served incomplete.
    const replay = await s.sync(await s.session(LEADER, 'leader_replay'), 'leader_replay', [], 0);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('sync/snapshot-required');

    // The idle phone comes back with a change saved in the drawer.
    await write(idleVillage, 'status', ASSIGNED, 'tv', { note: 'thôn: ghi khi không có mạng' });
    const pulledBefore = idleVillage.requests.length;
    await sync(idleVillage);
    const tail = idleVillage.requests.slice(pulledBefore);
    expect(tail[0]).toBe('/api/sync'); // answered sync/snapshot-required…
    expect(tail[1]).toBe('/api/sync/snapshot'); // …so it bootstraps, then sends its queue
    expect(await idleVillage.store.outboxCount()).toBe(0);
    const mine = (await s.store.getField('status', ASSIGNED, 'note'))!.heads.filter((h) => h.value === 'thôn: ghi khi không có mạng');
    expect(mine).toHaveLength(1);
    await sync(thon1);
    expect(await localState(idleVillage)).toEqual(await localState(thon1));
    // Everyone converges on the server's state of the record.
    await sync(newLeader);
    await sync(oldLeader);
    expect((await newLeader.store.doc('status', ASSIGNED))!.fields).toEqual(await s.store.getDoc('status', ASSIGNED));
    expect(await localState(newLeader)).toEqual(await localState(oldLeader));
  });

  it('a retry of a batch whose answer was lost is still answered as the first time after its rows were overwritten and compacted', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    await write(police, 'status', ASSIGNED, 'tv', { note: 'lần 0', progress: 30 }); // the fields' first receipts
    await sync(police);
    s.clock.advance(HOUR);
    const device = 'police_retry';
    await s.store.bindDevice(device, POLICE, s.clock.now());
    const token = await s.session(POLICE, device);
    const batch = [
      change(1, 'status', ASSIGNED, 'note', 'lần 1', hlcAt(s.clock.now(), device, 1), null, 'tv'),
      change(2, 'status', ASSIGNED, 'progress', 40, hlcAt(s.clock.now(), device, 2), null, 'tv'),
    ];
    const first = await s.sync(token, device, batch, 0);
    expect(first.status).toBe(200);
    expect(first.body.a).toBe(2);
    // The answer never reached the phone. Meanwhile its values are overwritten by someone who saw them.
    await sync(police);
    s.clock.advance(HOUR);
    await write(police, 'status', ASSIGNED, 'tv', { note: 'lần 2', progress: 50 });
    await sync(police);
    await sync(police);
    // The retry carries a cursor the log still serves (a phone at 0 would be sent to a snapshot first, then retry).
    const logEnd = (await s.store.pull({ after: 0, rules: [{ units: ['tv'] }], limit: 100_000, maxBytes: 1e9 })).cursor;
    // A window just as large as the lost batch.
    await compactChangeLog(s.store, { now: s.clock.now(), retryWindow: 2 });
    // Its overwritten rows stay: they are within its retry window.
    expect((await s.store.deviceChanges(device, 1, 2)).map((e) => e.deviceSeq)).toEqual([1, 2]);
    const retry = await s.sync(token, device, batch, logEnd);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ a: 2, x: [] });
    expect((await s.store.getField('status', ASSIGNED, 'note'))!.heads.map((h) => h.value)).toEqual(['lần 2']);

    // Without the window the same retry would look like a cloned phone (the old behaviour of a
    // compaction that only kept heads): the window is what keeps exactly-once.
    expect((await s.store.compactLog({ activeSince: 0, retryWindow: 0, maxRows: 1000 })).deleted).toBeGreaterThanOrEqual(2);
    expect(await s.store.deviceChanges(device, 1, 2)).toEqual([]);
    const stale = await s.sync(token, device, batch, logEnd);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('sync/stale-batch');
  });
});

describe('npm run admin -- compact-log', () => {
  it('compacts with the given idle days and window, and refuses a window smaller than a batch', async () => {
    const police = await phone('police_a', POLICE, { snapshot: false });
    for (let i = 1; i <= 3; i++) {
      await write(police, 'status', ASSIGNED, 'tv', { progress: i * 10 });
      await sync(police);
    }
    const out: string[] = [];
    const err: string[] = [];
    const io = { store: s.store, out: (l: string) => out.push(l), err: (l: string) => err.push(l), prompt: async () => '', now: s.clock.now };
    expect(await runAdmin(['compact-log', '--retry-window', '10'], io)).toBe(2);
    expect(err.at(-1)).toContain('--retry-window phải là số nguyên không nhỏ hơn 500');
    const before = (await s.store.deviceChanges('police_a', 1, 3)).length;
    expect(await runAdmin(['compact-log', '--idle-days', '7'], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Đã dọn \d+ thay đổi đã bị ghi đè/);
    // The police phone's three changes are within the default window: none is gone.
    expect((await s.store.deviceChanges('police_a', 1, 3)).length).toBe(before);
  });
});
