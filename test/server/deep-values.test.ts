// Problem 5: one deeply nested value blocked every reader. A report snapshot nested ~3,500
// levels was accepted; every phone that pulled it then failed each sync at the same cursor
// forever; deeper values got a 500 and a stack trace in the log. Now such a value is refused
// at the door (never stored, a 4xx in JSON, nothing logged) and the pushing phone's next
// change still lands; and a phone that is sent one anyway (a server from before the fix,
// a hostile writer) sets it aside and syncs on.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import { SYNC_FORMAT_VERSION, type Change, type SyncResponse } from '../../src/domain/sync/wire.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { MAX_JSON_DEPTH, depthExcess } from '../../sync-server/http/body.ts';
import { applyChange } from '../../sync-server/sync/apply.ts';
import { change, hlcAt, testServer, T0, type ErrorJson, type TestServer } from './helpers.ts';

const DEV = 'tvphone1';
const POLICE = 'u-thieuvan-congan';

/** Text of an array nested `depth` levels deep, built without any recursive serializer. */
const deepText = (depth: number) => `${'['.repeat(depth)}"đáy"${']'.repeat(depth)}`;
/** The same as a value (JSON.parse does not recurse on the stack). */
const deepValue = (depth: number) => JSON.parse(deepText(depth)) as FieldValue;

interface Setup {
  s: TestServer;
  token: string;
  logged: unknown[];
}
async function setup(): Promise<Setup> {
  const logged: unknown[] = [];
  const s = await testServer({ demoUsers: true, deps: { logError: (err) => void logged.push(err) } });
  return { s, token: await s.session(POLICE, DEV), logged };
}

const snapshotChange = (s: TestServer, seq: number, snapshot: FieldValue) =>
  change(seq, 'reportVersion', 'tv@2026-11#1', 'snapshot', snapshot, hlcAt(s.clock.now(), DEV, seq), null, 'tv', POLICE);

/**
 * What became of seq `seq`: refused as a whole request (a 4xx naming the change, so the
 * phone can set exactly it aside) or refused on its own in `x`. Returns the next free seq.
 */
function expectRefused(reply: { status: number; body: Partial<SyncResponse> & Partial<ErrorJson> }, seq: number): number {
  expect(reply.status).toBeLessThan(500);
  if (reply.status === 200) {
    expect(reply.body.x?.map((x) => x[0])).toContain(seq);
    return (reply.body.a ?? 0) + 1;
  }
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.body.error?.code).toMatch(/^[a-z]+\/[a-z-]+$/);
  expect(reply.body.error?.message).toBeTruthy();
  // The engine sets aside the change an error names ("c.<index>…"), and only that one.
  expect(reply.body.error?.issues?.[0]?.path).toMatch(/^c\.0(\.|$)/);
  return seq;
}

async function expectNothingStored(s: TestServer) {
  expect(await s.store.getDoc('reportVersion', 'tv@2026-11#1')).toBeNull();
  expect((await s.store.deviceChanges(DEV, 0, 1e9)).filter((e) => e.coll === 'reportVersion')).toEqual([]);
  // Nor does any reader receive it.
  const reader = await s.session('u-quangxuong-huyen', 'qxphone1');
  const pulled = await s.sync(reader, 'qxphone1', []);
  expect(pulled.status).toBe(200);
  expect(pulled.body.c.filter((c) => c[1] === 'reportVersion')).toEqual([]);
}

/** The phone's next ordinary change is stored and acknowledged. */
async function expectNextChangeLands(s: TestServer, token: string, seq: number) {
  const next = await s.sync(token, DEV, [change(seq, 'status', 'tv:mh-24', 'progress', 40, hlcAt(s.clock.now() + 1000, DEV), null, 'tv')]);
  expect(next.status).toBe(200);
  expect(next.body.a).toBe(seq);
  expect(next.body.x ?? []).toEqual([]);
  expect((await s.store.getField('status', 'tv:mh-24', 'progress'))?.heads.map((h) => h.value)).toEqual([40]);
}

describe('problem 5: a value nested thousands of levels deep, pushed', () => {
  it('a report snapshot nested 3,500 levels is refused with a 4xx, never stored, nothing logged; the next change lands', async () => {
    const { s, token, logged } = await setup();
    const reply = await s.sync(token, DEV, [snapshotChange(s, 1, { sections: deepValue(3_500) })]);
    const next = expectRefused(reply, 1);
    await expectNothingStored(s);
    await expectNextChangeLands(s, token, next);
    expect(logged).toEqual([]);
    await s.close();
  });

  it('one nested 100,000 levels, sent as raw JSON text, gets the same answer (not a 500 and a stack trace)', async () => {
    const { s, token, logged } = await setup();
    const hlc = hlcAt(s.clock.now(), DEV, 1);
    const body = `{"v":${SYNC_FORMAT_VERSION},"d":"${DEV}","p":0,"c":[[1,"reportVersion","tv@2026-11#1","snapshot",{"sections":${deepText(100_000)}},"${hlc}",null,"tv","${POLICE}"]]}`;
    const res = await s.app.request('/api/sync', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    expect(res.headers.get('content-type')).toContain('application/json');
    const next = expectRefused({ status: res.status, body: (await res.json()) as ErrorJson }, 1);
    await expectNothingStored(s);
    await expectNextChangeLands(s, token, next);
    expect(logged).toEqual([]);
    await s.close();
  });

  it('a value just past the depth limit is refused alone: the change beside it in the batch is kept', async () => {
    const { s, token, logged } = await setup();
    const good = change(2, 'status', 'tv:mh-24', 'note', 'Đã nộp báo cáo', hlcAt(s.clock.now(), DEV, 2), null, 'tv');
    const reply = await s.sync(token, DEV, [snapshotChange(s, 1, { sections: deepValue(20) }), good]);
    const next = expectRefused(reply, 1);
    await expectNothingStored(s);
    // Whole-request refusal: the phone sets the bad change aside and re-sends the good one.
    if (reply.status !== 200) expect((await s.sync(token, DEV, [[1, ...good.slice(1)] as typeof good])).status).toBe(200);
    expect((await s.store.getField('status', 'tv:mh-24', 'note'))?.heads.map((h) => h.value)).toEqual(['Đã nộp báo cáo']);
    await expectNextChangeLands(s, token, reply.status === 200 ? next : 2);
    expect(logged).toEqual([]);
    await s.close();
  });
});

describe('the depth scan in front of JSON.parse', () => {
  it('allows exactly the limit, names where the excess starts, and does not count brackets inside strings', () => {
    expect(depthExcess(deepText(MAX_JSON_DEPTH))).toBeNull();
    expect(depthExcess(deepText(MAX_JSON_DEPTH + 1))).not.toBeNull();
    expect(depthExcess(`{"v":2,"c":[[1,"a"],[2,"b",{"snapshot":${deepText(70)}}]]}`)).toMatch(/^c\.1\.2\.snapshot\.0\.0/);
    // An escaped quote does not end the string: the brackets after it are still text.
    expect(depthExcess(JSON.stringify({ note: `a \\" ${'['.repeat(1_000)}` }))).toBeNull();
    expect(depthExcess(`["\\\\", ${deepText(MAX_JSON_DEPTH)}]`)).not.toBeNull();
  });
});

let n = 0;
const freshDb = () => openDb(`deep-values-${process.pid}-${++n}`);

describe('problem 5: a value nested thousands of levels deep, pulled', () => {
  const at = (wall: number) => encodeHlc({ wall, counter: 0, device: 'otherphone' });
  const pulled = (coll: Change['coll'], id: string, field: string, value: unknown, wall: number): Change => ({
    coll, id, field, value: value as FieldValue, hlc: at(wall), base: null, unit: 'tv', author: POLICE, receivedAt: wall,
  });

  it('LocalStore.applyPulled merges the good changes, quarantines the deep ones and moves the cursor', async () => {
    const store = new LocalStore({ db: freshDb(), deviceId: 'devA', now: () => T0 });
    // A snapshot's schema takes any JSON object, so only the depth limit stands in the way.
    await store.applyPulled(
      [
        pulled('status', 'tv:mh-24', 'progress', 55, T0),
        pulled('reportVersion', 'tv@2026-11#1', 'snapshot', { sections: deepValue(3_500) }, T0 + 1),
        pulled('reportVersion', 'tv@2026-10#1', 'snapshot', { sections: deepValue(100_000) }, T0 + 2),
        pulled('reportVersion', 'tv@2026-09#1', 'snapshot', { sections: [{ title: 'Kết quả', rows: [[1, 2]] }] }, T0 + 3),
        pulled('status', 'tv:mh-24', 'asOf', '2026-11-25', T0 + 4),
      ],
      42,
    );
    expect(await store.values('status', 'tv:mh-24')).toEqual({ progress: 55, asOf: '2026-11-25' });
    expect(await store.values('reportVersion', 'tv@2026-09#1')).toEqual({ snapshot: { sections: [{ title: 'Kết quả', rows: [[1, 2]] }] } });
    expect(await store.doc('reportVersion', 'tv@2026-11#1')).toBeUndefined();
    expect(await store.doc('reportVersion', 'tv@2026-10#1')).toBeUndefined();
    const quarantined = await store.quarantined();
    expect(quarantined.map((q) => q.id)).toEqual(['tv@2026-11#1', 'tv@2026-10#1']);
    for (const q of quarantined) expect(q.message).toMatch(/sâu/);
    expect(await store.cursor()).toBe(42);
  });

  it('a phone sent a deep value by the server syncs past it, every time, instead of failing at the same cursor', async () => {
    const s = await testServer({ demoUsers: true });
    // As a server from before the fix stored it: in the log and the docs, between two good changes.
    const write = (coll: Change['coll'], id: string, field: string, value: FieldValue, wall: number) =>
      s.store.transaction((tx) =>
        applyChange(tx, {
          coll, id, field, value, hlc: encodeHlc({ wall, counter: 0, device: 'oldphone' }), base: null, unit: 'tv',
          author: POLICE, device: 'oldphone', deviceSeq: null, origHlc: null, receivedAt: wall,
        }),
      );
    await write('status', 'tv:mh-24', 'progress', 70, T0 - 3000);
    await write('reportVersion', 'tv@2026-11#1', 'snapshot', { sections: deepValue(3_500) } as FieldValue, T0 - 2000);
    await write('status', 'tv:mh-24', 'asOf', '2026-11-24', T0 - 1000);

    // The commune's second phone: it reads the commune's submitted reports.
    const token = await s.session(POLICE, 'policephone2');
    const store = new LocalStore({ db: freshDb(), deviceId: 'policephone2', now: () => s.clock.now() });
    const engine = new SyncEngine({
      store,
      deviceId: () => 'policephone2',
      renewDevice: async () => null,
      baseUrl: 'http://in-process',
      token: () => token,
      fetch: ((url: string, init?: RequestInit) => s.app.request(new URL(url).pathname, init)) as typeof fetch,
      deviceNow: () => s.clock.now(),
    });
    const first = await engine.sync();
    expect(first.ok).toBe(true);
    expect(await store.values('status', 'tv:mh-24')).toMatchObject({ progress: 70, asOf: '2026-11-24' });
    expect(await store.doc('reportVersion', 'tv@2026-11#1')).toBeUndefined();
    expect((await store.quarantined()).map((q) => [q.id, q.field])).toEqual([['tv@2026-11#1', 'snapshot']]);
    const cursor = await store.cursor();
    expect(cursor).toBeGreaterThan(0);

    // Later changes keep arriving: the phone is not stuck behind the bad one.
    await write('status', 'tv:mh-24', 'progress', 80, T0 + 1000);
    expect((await engine.sync()).ok).toBe(true);
    expect((await store.values('status', 'tv:mh-24')).progress).toBe(80);
    expect(await store.cursor()).toBeGreaterThan(cursor);
    await s.close();
  });
});
