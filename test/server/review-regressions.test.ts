// Regression tests for what a hostile review of the trustworthy-sync work found, each failing
// on the code it was written against: a stub report version dating a late report (R1), a
// village team reading its commune's roll-up (R2) or the bytes of an unassigned model's photo
// (R3), and a refused change vouching for an earlier one under the cross-field rules (R4, R5).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';
import type { PeriodTimeliness, UnitRollup } from '../../src/domain/rollup.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { winner, docValues } from '../../src/domain/sync/merge.ts';

const MONTHLY: ReportingRule = { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 };
const vn = (m: number, d: number, h = 12) => Date.UTC(2026, m - 1, d, h - 7);

describe('found by the hostile review', () => {
  it('R1 stub reportVersion pushed before the deadline makes a late (or empty) submission count on time', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      const qx = (await s.store.getUnits()).find((u) => u.id === 'qx')!;
      await s.store.putUnit(qx, [MONTHLY]);
      await s.addUser({ id: 'u-qb', username: 'quangbinh.congan', role: 'communeStanding', unitId: 'qx-quang-binh' });
      const device = 'qb_phone';
      const token = await s.session('u-qb', device);
      const v = 'qx-quang-binh@2026-10#1';
      // 10 October: only a stub field (no snapshot, no submittedAt)
      s.clock.set(vn(10, 10, 9));
      let r = await s.sync(token, device, [change(1, 'reportVersion', v, 'period', '2026-10', hlcAt(s.clock.now(), device, 1), null, 'qx-quang-binh')]);
      expect([r.status, r.body.x]).toEqual([200, []]);
      // 1 December: the real content
      s.clock.set(vn(12, 1, 9));
      r = await s.sync(token, device, [
        change(2, 'reportVersion', v, 'reportId', 'qx-quang-binh@2026-10', hlcAt(s.clock.now(), device, 2), null, 'qx-quang-binh'),
        change(3, 'reportVersion', v, 'version', 1, hlcAt(s.clock.now(), device, 3), null, 'qx-quang-binh'),
        change(6, 'reportVersion', v, 'periodType', 'monthly', hlcAt(s.clock.now(), device, 6), null, 'qx-quang-binh'),
        change(4, 'reportVersion', v, 'snapshot', { sections: [] }, hlcAt(s.clock.now(), device, 4), null, 'qx-quang-binh'),
        change(5, 'reportVersion', v, 'submittedAt', s.clock.now(), hlcAt(s.clock.now(), device, 5), null, 'qx-quang-binh'),
      ].sort((a, b) => a[0] - b[0]), r.body.p);
      expect([r.status, r.body.x]).toEqual([200, []]);
      const officer = await s.session('u-quangxuong-huyen', 'qx_officer');
      const got = await s.request<UnitRollup>('GET', '/api/rollups?unit=qx', { token: officer });
      const oct = got.body.timeliness.find((t: PeriodTimeliness) => t.period === '2026-10')!;
      // EXPECTED (issue): the report whose content reached the server on 1 Dec is late
      expect(oct.communes.late).toContain('qx-quang-binh');
    } finally {
      await s.close();
    }
  });

  it('R2 village member reads the commune roll-up (indicators, report timeliness) it is not subscribed to', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      const police = await s.session('u-thieuvan-congan', 'police');
      const r = await s.sync(police, 'police', [change(1, 'indicators', 'tv@2026-11', 's.dv-1.total', 42, hlcAt(s.clock.now(), 'police', 1), null, 'tv')]);
      expect(r.body.x).toEqual([]);
      const thon = await s.session('u-thieuvan-thon1', 'thon1');
      const got = await s.request<UnitRollup>('GET', '/api/rollups?unit=tv', { token: thon });
      const kids = await s.request<{ children: UnitRollup[] }>('GET', '/api/rollups/children?unit=tv', { token: thon });
      expect(got.status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('R3 village member fetches the bytes of a photo of a model NOT assigned to its village', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      const unassigned = (await s.store.listDocs({ units: ['tv'], colls: ['adoption'] })).find((a) => {
        const v = winner(a.doc.villageIds)?.value;
        return Array.isArray(v) && v.length === 0;
      })!.id;
      const bytes = new Uint8Array(randomBytes(1000));
      bytes.set([0xff, 0xd8, 0xff, 0xe0]);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const police = await s.session('u-thieuvan-congan', 'police');
      const put = await s.app.request(`/api/blobs/${hash}?unit=tv&adoption=${unassigned}`, {
        method: 'PUT', headers: { authorization: `Bearer ${police}`, 'content-type': 'image/jpeg', 'content-length': '1000' }, body: bytes,
      });
      expect(put.status).toBe(201);
      const id = `${unassigned}~p1`;
      const vals: [string, unknown][] = [['adoptionId', unassigned], ['blob', hash], ['type', 'image/jpeg'], ['size', 1000]];
      const r = await s.sync(police, 'police', vals.map(([f, v], i) => change(i + 1, 'photo', id, f, v as never, hlcAt(s.clock.now(), 'police', i + 1), null, 'tv')));
      expect(r.body.x).toEqual([]);
      const thon = await s.session('u-thieuvan-thon1', 'thon1');
      // the village member's pull does not carry this photo record...
      const pulled = await s.sync(thon, 'thon1', [], 0, 2000);
      expect(pulled.body.c.some((c) => c[2] === id)).toBe(false);
      // ...but its bytes are served to it
      const got = await s.app.request(`/api/blobs/${hash}`, { headers: { authorization: `Bearer ${thon}` } });
      expect(got.status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('R4 online > total slips past the server when a same-batch follower is refused', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      const police = await s.session('u-thieuvan-congan', 'police');
      const id = 'tv@2026-11';
      let r = await s.sync(police, 'police', [change(1, 'indicators', id, 's.dv-1.total', 10, hlcAt(s.clock.now(), 'police', 1), null, 'tv')]);
      expect(r.body.x).toEqual([]);
      s.clock.advance(1000);
      r = await s.sync(police, 'police', [
        change(2, 'indicators', id, 's.dv-1.online', 500, hlcAt(s.clock.now(), 'police', 2), null, 'tv'),
        // follower with a stamp of another device: refused (sync/foreign-stamp), but it vouched for the first
        change(3, 'indicators', id, 's.dv-1.total', 1000, hlcAt(s.clock.now(), 'someone_else', 3), null, 'tv'),
      ], r.body.p);
      const doc = docValues((await s.store.getDoc('indicators', id))!);
      expect(r.body.x.map((x) => [x[0], x[1]])).toEqual([[2, 'sync/invalid-record'], [3, 'sync/foreign-stamp']]);
      expect(doc['s.dv-1.online']).toBeUndefined();
      expect(doc['s.dv-1.total']).toBe(10);
    } finally {
      await s.close();
    }
  });

  it('R5 status done with progress 50 slips past the server the same way', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      const police = await s.session('u-thieuvan-congan', 'police');
      const id = 'tv:mh-24';
      const before = docValues((await s.store.getDoc('status', id)) ?? {});
      const r = await s.sync(police, 'police', [
        change(1, 'status', id, 'progress', 50, hlcAt(s.clock.now(), 'police', 1), null, 'tv'),
        change(2, 'status', id, 'status', 'done', hlcAt(s.clock.now(), 'police', 2), null, 'tv'),
        change(3, 'status', id, 'progress', 100, hlcAt(s.clock.now(), 'police', 3), null, 'tv', 'u-someone-else'),
      ]);
      const doc = docValues((await s.store.getDoc('status', id))!);
      expect(doc.status === 'done' ? doc.progress === 100 : true).toBe(true);
    } finally {
      await s.close();
    }
  });
});
