// Problem 8: each role pulls what it needs and no more (src/domain/subscriptions.ts), cut by
// the server; and a phone whose subscription grows (a village newly assigned a model) pulls
// again from the start so it gets that model's history.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { winner } from '../../src/domain/sync/merge.ts';
import type { PulledChange } from '../../src/domain/sync/wire.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
});
afterEach(() => s.close());

async function pullAll(token: string, device: string): Promise<PulledChange[]> {
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

/** A commune's police writes a bit of everything: drafts, inspection answers, indicators, statuses, photos. */
async function communeActivity(userId: string, device: string, unit: string, village: string, assigned: string, unassigned: string) {
  const token = await s.session(userId, device);
  let q = 0;
  const c = (coll: Parameters<typeof change>[1], id: string, field: string, value: Parameters<typeof change>[4], u = unit) =>
    change(++q, coll, id, field, value, hlcAt(s.clock.now(), device, q), null, u);
  const r = await s.sync(token, device, [
    c('report', `${unit}@2026-11`, 'title', 'Dự thảo báo cáo tháng 11'),
    c('checklist', `inspection-commune@${unit}`, 'a.q1', 'Câu trả lời kiểm tra'),
    c('indicators', `${unit}@2026-11`, 's.dv-1.total', 10),
    c('status', assigned, 'note', 'mô hình được phân công'),
    c('status', unassigned, 'note', 'mô hình không phân công'),
    c('photo', `${assigned}~p1`, 'adoptionId', assigned),
    c('photo', `${assigned}~p1`, 'caption', 'ảnh'),
    c('checklist', `task-list@${village}`, 'a.q1', 'việc của thôn', village),
    c('checklist', `task-list@${unit}-thon-2`, 'a.q1', 'việc của thôn khác', `${unit}-thon-2`),
  ]);
  expect(r.body.x).toEqual([]);
}

describe('pull by role and collection', () => {
  it('a village member gets its village, its commune\'s adoptions and only its assigned models — not drafts, inspection answers, indicators or other villages', async () => {
    const assigned = 'tv:mh-24';
    const adoption = await s.store.getDoc('adoption', assigned);
    expect(winner(adoption!.villageIds)?.value).toContain('tv-thon-1'); // the seed assigns it to the villages
    const unassigned = (await s.store.listDocs({ units: ['tv'], colls: ['adoption'] })).find((a) => {
      const v = winner(a.doc.villageIds)?.value;
      return Array.isArray(v) && v.length === 0;
    })!.id;
    await communeActivity('u-thieuvan-congan', 'police', 'tv', 'tv-thon-1', assigned, unassigned);

    const pulled = await pullAll(await s.session('u-thieuvan-thon1', 'thon1'), 'thon1');
    const seen = new Set(pulled.map((c) => `${c[1]}/${c[2]}`));
    expect(seen.has(`status/${assigned}`)).toBe(true);
    expect(seen.has(`photo/${assigned}~p1`)).toBe(true);
    expect(seen.has('checklist/task-list@tv-thon-1')).toBe(true);
    expect([...seen].some((k) => k.startsWith('adoption/tv:'))).toBe(true);
    for (const hidden of ['report/tv@2026-11', 'checklist/inspection-commune@tv', 'indicators/tv@2026-11', `status/${unassigned}`, 'checklist/task-list@tv-thon-2']) {
      expect(seen.has(hidden), hidden).toBe(false);
    }
    // The commune's police still gets all of it.
    const police = new Set((await pullAll(await s.session('u-thieuvan-congan', 'police2'), 'police2')).map((c) => `${c[1]}/${c[2]}`));
    for (const k of ['report/tv@2026-11', 'checklist/inspection-commune@tv', `status/${unassigned}`, `photo/${assigned}~p1`]) expect(police.has(k), k).toBe(true);
  });

  it('a district officer gets statuses, indicators, submitted reports and photo records (not their bytes) of its communes, but no inspection answers or drafts', async () => {
    const communes = (await s.store.getUnits()).filter((u) => u.parentId === 'qx' && u.level === 'commune');
    const unit = communes[0]!.id;
    await s.addUser({ id: 'u-qx-police', username: 'qx.police', role: 'communeStanding', unitId: unit });
    const token = await s.session('u-qx-police', 'qxphone');
    let q = 0;
    const c = (coll: Parameters<typeof change>[1], id: string, field: string, value: Parameters<typeof change>[4]) =>
      change(++q, coll, id, field, value, hlcAt(s.clock.now(), 'qxphone', q), null, unit);
    const r = await s.sync(token, 'qxphone', [
      c('adoption', `${unit}:mh-24`, 'modelId', 'mh-24'),
      c('status', `${unit}:mh-24`, 'progress', 50),
      c('photo', `${unit}:mh-24~p1`, 'adoptionId', `${unit}:mh-24`),
      c('checklist', `inspection-commune@${unit}`, 'a.q1', 'trả lời'),
      c('report', `${unit}@2026-11`, 'title', 'Dự thảo'),
      c('indicators', `${unit}@2026-11`, 's.dv-1.total', 3),
    ]);
    expect(r.body.x).toEqual([]);
    const seen = new Set((await pullAll(await s.session('u-quangxuong-huyen', 'qxoff'), 'qxoff')).map((c) => `${c[1]}/${c[2]}`));
    for (const k of [`adoption/${unit}:mh-24`, `status/${unit}:mh-24`, `indicators/${unit}@2026-11`, `photo/${unit}:mh-24~p1`]) expect(seen.has(k), k).toBe(true);
    for (const k of [`checklist/inspection-commune@${unit}`, `report/${unit}@2026-11`]) expect(seen.has(k), k).toBe(false);
  });

  it('when a village is newly assigned a model, its phone pulls that model\'s earlier history', async () => {
    const police = await s.session('u-thieuvan-congan', 'police');
    const unassigned = (await s.store.listDocs({ units: ['tv'], colls: ['adoption'] })).find((a) => {
      const v = winner(a.doc.villageIds)?.value;
      return Array.isArray(v) && v.length === 0;
    })!;
    await s.sync(police, 'police', [change(1, 'status', unassigned.id, 'note', 'ghi từ trước', hlcAt(s.clock.now(), 'police', 1), null, 'tv')]);

    const token = await s.session('u-thieuvan-thon1', 'thon1');
    const store = new LocalStore({ db: openDb(`subs-${process.pid}`), deviceId: 'thon1', now: () => s.clock.now() });
    const engine = new SyncEngine({
      store, deviceId: () => 'thon1', baseUrl: 'http://x', token: () => token, deviceNow: () => s.clock.now(),
      fetch: ((url: string, init?: RequestInit) => s.app.request(new URL(url).pathname, init)) as typeof fetch,
    });
    expect((await engine.sync()).ok).toBe(true);
    expect(await store.doc('status', unassigned.id)).toBeUndefined();

    s.clock.advance(60_000);
    const villages = winner(unassigned.doc.villageIds)!;
    await s.sync(police, 'police', [change(2, 'adoption', unassigned.id, 'villageIds', ['tv-thon-1'], hlcAt(s.clock.now(), 'police', 2), villages.hlc, 'tv')]);
    expect((await engine.sync()).ok).toBe(true);
    expect((await store.values('status', unassigned.id)).note).toBe('ghi từ trước');
  });
});
