// Who may write what, through the real push (/api/sync, wire v2). The rule is written once
// (src/domain/access.ts); its properties are in test/unit/access.test.ts. Here: every role
// against the seeded tree, each refusal answered for the change alone (`x`), the rest applied.
// (What each role pulls is test/server/subscriptions.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';

let s: TestServer;
const tokens = new Map<string, string>();
const seqs = new Map<string, number>();

beforeAll(async () => {
  s = await testServer({ demoUsers: true });
  await s.addUser({ id: 'u-qb', username: 'quangbinh.congan', role: 'communeStanding', unitId: 'qx-quang-binh' });
  await s.addUser({ id: 'u-tp', username: 'thanhpho.huyen', role: 'districtOfficer', unitId: 'th-tp' });
});
afterAll(() => s.close());

const deviceOf = (userId: string) => `d_${userId.replace(/-/g, '_')}`.slice(0, 32);

/** Pushes one change as a user (after `extra`, in the same batch); "ok" or the refusal's code. */
async function write(userId: string, coll: Collection, id: string, field: string, value: FieldValue, unit: string, extra: PushedChange[] = []) {
  const device = deviceOf(userId);
  if (!tokens.has(userId)) tokens.set(userId, await s.session(userId, device));
  const next = () => {
    const n = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, n);
    return n;
  };
  const batch = [...extra, change(0, coll, id, field, value, hlcAt(s.clock.now(), device), null, unit)].map((c) => {
    const seq = next();
    return [seq, c[1], c[2], c[3], c[4], hlcAt(s.clock.now(), device, seq), c[6], c[7], c[8]] as PushedChange;
  });
  const r = await s.sync(tokens.get(userId)!, device, batch);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const mine = r.body.x.find(([q]) => q === batch.at(-1)![0]);
  return mine ? mine[1] : 'ok';
}

describe('commune standing bodies', () => {
  it('write every collection in their commune, and nothing in another commune', async () => {
    expect(await write('u-thieuvan-congan', 'status', 'tv:mh-24', 'progress', 60, 'tv')).toBe('ok');
    expect(await write('u-thieuvan-congan', 'adoption', 'tv:mot-cua', 'active', true, 'tv')).toBe('ok');
    expect(await write('u-thieuvan-congan', 'checklist', 'kt@tv-thon-2', 'a.q1', true, 'tv-thon-2')).toBe('ok');
    expect(await write('u-thieuvan-congan', 'status', 'dh:mot-cua', 'progress', 60, 'dh')).toBe('auth/forbidden-unit');
    expect(await write('u-qb', 'indicators', 'tv@2026-11', 's.x.total', 3, 'tv')).toBe('auth/forbidden-unit');
  });

  it('have a refused change answered alone, with the reason, and the rest of the batch applied', async () => {
    const token = await s.session('u-donghai-congan', 'dh_batch');
    const ok = change(1, 'status', 'dh:mot-cua', 'progress', 20, hlcAt(s.clock.now(), 'dh_batch', 1), null, 'dh');
    const bad = change(2, 'status', 'tv:mh-24', 'progress', 99, hlcAt(s.clock.now(), 'dh_batch', 2), null, 'tv');
    const r = await s.sync(token, 'dh_batch', [ok, bad]);
    expect([r.status, r.body.a]).toEqual([200, 2]);
    expect(r.body.x.map(([q, code]) => [q, code])).toEqual([[2, 'auth/forbidden-unit']]);
    expect(r.body.x[0]![2]).toContain('Thiệu Vân'); // says whose data it was
    expect((await s.store.getField('status', 'dh:mot-cua', 'progress'))?.heads[0]?.value).toBe(20);
    expect((await s.store.getField('status', 'tv:mh-24', 'progress'))?.heads[0]?.value).not.toBe(99);
  });
});

describe('commune leaders', () => {
  it('write reports and comments, not model statuses or figures', async () => {
    expect(await write('u-thieuvan-lanhdao', 'report', 'tv@2026-11', 'title', 'Báo cáo tháng 11', 'tv')).toBe('ok');
    expect(await write('u-thieuvan-lanhdao', 'comment', 'tv@2026-11#1~lead1', 'body', 'Bổ sung số liệu thôn 3', 'tv')).toBe('ok');
    expect(await write('u-thieuvan-lanhdao', 'status', 'tv:mh-24', 'progress', 70, 'tv')).toBe('auth/forbidden-unit');
    expect(await write('u-thieuvan-lanhdao', 'indicators', 'tv@2026-11', 's.x.total', 1, 'tv')).toBe('auth/forbidden-unit');
  });
});

describe('district and province officers', () => {
  it('comment on their communes but never edit a commune\'s status or models', async () => {
    expect(await write('u-tp', 'comment', 'tv@2026-11#1~tp1', 'reportId', 'tv@2026-11', 'tv')).toBe('ok');
    expect(await write('u-tp', 'status', 'tv:mh-24', 'progress', 100, 'tv')).toBe('auth/forbidden-unit');
    expect(await write('u-tp', 'adoption', 'tv:mh-99', 'active', true, 'tv')).toBe('auth/forbidden-unit');
    expect(await write('u-tp', 'indicators', 'tv@2026-11', 's.x.total', 1, 'tv')).toBe('auth/forbidden-unit');
    expect(await write('u-tp', 'comment', 'qx-quang-binh@2026-11#1~tp2', 'body', 'Góp ý', 'qx-quang-binh')).toBe('auth/forbidden-unit');
  });

  it('write reports, checklists and indicators of their own unit', async () => {
    expect(await write('u-tp', 'indicators', 'th-tp@2026-11', 's.x.total', 10, 'th-tp')).toBe('ok');
    expect(await write('u-tp', 'report', 'th-tp@2026-11', 'title', 'Báo cáo của thành phố', 'th-tp')).toBe('ok');
    expect(await write('u-thanhhoa-tinh', 'comment', 'qx-quang-binh@2026-11#1~th1', 'body', 'Đề nghị đẩy nhanh tiến độ', 'qx-quang-binh')).toBe('ok');
    expect(await write('u-thanhhoa-tinh', 'status', 'qx-quang-binh:mh-24', 'progress', 5, 'qx-quang-binh')).toBe('auth/forbidden-unit');
  });
});

describe('village members', () => {
  const V = 'u-thieuvan-thon1';
  it('update status and photos only of models their village is assigned to', async () => {
    expect(await write(V, 'status', 'tv:mh-24', 'note', 'Thôn 1 đã triển khai', 'tv')).toBe('ok'); // villageIds include tv-thon-1
    expect(await write(V, 'status', 'tv:mh-03', 'note', 'x', 'tv')).toBe('auth/forbidden-unit'); // no villages assigned
    const adoptionField = change(0, 'photo', 'tv:mh-24~thon1', 'adoptionId', 'tv:mh-24', hlcAt(s.clock.now(), deviceOf(V)), null, 'tv');
    expect(await write(V, 'photo', 'tv:mh-24~thon1', 'caption', 'Lớp hướng dẫn VNeID', 'tv', [adoptionField])).toBe('ok');
    expect(await write(V, 'photo', 'tv:mh-03~thon1', 'caption', 'x', 'tv')).toBe('auth/forbidden-unit');
    expect(await write(V, 'adoption', 'tv:mh-24', 'villageIds', [], 'tv')).toBe('auth/forbidden-unit');
    expect(await write(V, 'report', 'tv@2026-12', 'title', 'x', 'tv')).toBe('auth/forbidden-unit');
  });

  it('fill checklists and indicators of their own village only', async () => {
    expect(await write(V, 'checklist', 'kt@tv-thon-1', 'a.q1', 'có', 'tv-thon-1')).toBe('ok');
    expect(await write(V, 'indicators', 'tv-thon-1@2026-11', 'c.dddt-muc-2', 12, 'tv-thon-1')).toBe('ok');
    expect(await write(V, 'checklist', 'kt@tv-thon-2', 'a.q1', 'có', 'tv-thon-2')).toBe('auth/forbidden-unit');
    expect(await write(V, 'indicators', 'tv@2026-11', 'c.dddt-muc-2', 12, 'tv')).toBe('auth/forbidden-unit');
  });

  it('cannot update a model of another commune, even one whose record lists its village', async () => {
    // Đông Hải's adoption naming Thiệu Vân's Thôn 1 (a mistake, or a hostile edit) gives Thôn 1 nothing there.
    expect(await write('u-admin', 'adoption', 'dh:mot-cua', 'villageIds', ['tv-thon-1'], 'dh')).toBe('ok');
    expect(await write(V, 'status', 'dh:mot-cua', 'note', 'x', 'dh')).toBe('auth/forbidden-unit');
  });
});

describe('administrators', () => {
  it('write anything', async () => {
    expect(await write('u-admin', 'status', 'dh:mot-cua', 'note', 'Quản trị viên ghi chú', 'dh')).toBe('ok');
  });
});
