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
  await s.addUser({ id: 'u-tv-lead', username: 'thieuvan.lanhdao', role: 'communeLeader', unitId: 'tv' });
  await s.addUser({ id: 'u-tp', username: 'thanhpho.huyen', role: 'districtOfficer', unitId: 'th-tp' });
});
afterAll(() => s.close());

/** Pushes one change as a user; returns the HTTP status (and the error code if refused). */
async function write(userId: string, coll: Collection, id: string, field: string, value: FieldValue, unit: string, extra: PushedChange[] = []) {
  const device = `d_${userId.replace(/-/g, '_')}`.slice(0, 32);
  if (!tokens.has(userId)) tokens.set(userId, await s.session(userId, device));
  const next = () => {
    const n = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, n);
    return n;
  };
  const first = seqs.get(device) ?? 0;
  const batch = [...extra, change(0, coll, id, field, value, hlcAt(s.clock.now(), device), null, unit)].map(
    (c) => [next(), ...c.slice(1)] as PushedChange,
  );
  const r = await s.sync(tokens.get(userId)!, device, batch);
  if (r.status !== 200) seqs.set(device, first); // refused batches leave nothing behind
  return r.status === 200 ? 200 : `${r.status} ${r.body.error.code}`;
}

describe('commune standing bodies', () => {
  it('write every collection in their commune, and nothing in another commune', async () => {
    expect(await write('u-thieuvan-congan', 'status', 'tv:mh-24', 'progress', 60, 'tv')).toBe(200);
    expect(await write('u-thieuvan-congan', 'adoption', 'tv:mot-cua', 'active', true, 'tv')).toBe(200);
    expect(await write('u-thieuvan-congan', 'checklist', 'kt@tv-thon-2', 'a.q1', true, 'tv-thon-2')).toBe(200);
    expect(await write('u-thieuvan-congan', 'status', 'dh:mot-cua', 'progress', 60, 'dh')).toBe('403 auth/forbidden-unit');
    expect(await write('u-qb', 'indicators', 'tv@2026-11', 's.x.total', 3, 'tv')).toBe('403 auth/forbidden-unit');
  });

  it('name the refused change and keep nothing of its batch', async () => {
    const token = await s.session('u-donghai-congan', 'dh_batch');
    const ok = change(1, 'status', 'dh:mot-cua', 'progress', 20, hlcAt(s.clock.now(), 'dh_batch', 1), null, 'dh');
    const bad = change(2, 'status', 'tv:mh-24', 'progress', 99, hlcAt(s.clock.now(), 'dh_batch', 2), null, 'tv');
    const r = await s.sync(token, 'dh_batch', [ok, bad]);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'auth/forbidden-unit', index: 1, issues: [{ path: 'c.1' }] });
    expect(r.body.error.message).toContain('Thay đổi thứ 1');
    expect(await s.store.getDevice('dh_batch')).toBeNull();
  });
});

describe('commune leaders', () => {
  it('write reports and comments, not model statuses', async () => {
    expect(await write('u-tv-lead', 'report', 'tv@2026-11', 'title', 'Báo cáo tháng 11', 'tv')).toBe(200);
    expect(await write('u-tv-lead', 'comment', 'cm-lead-1', 'body', 'Bổ sung số liệu thôn 3', 'tv')).toBe(200);
    expect(await write('u-tv-lead', 'status', 'tv:mh-24', 'progress', 70, 'tv')).toBe('403 auth/forbidden-unit');
  });
});

describe('district and province officers', () => {
  it('comment on their communes but never edit a commune\'s status or models', async () => {
    expect(await write('u-tp', 'comment', 'cm-tp-1', 'reportId', 'tv@2026-11', 'tv')).toBe(200);
    expect(await write('u-tp', 'status', 'tv:mh-24', 'progress', 100, 'tv')).toBe('403 auth/forbidden-unit');
    expect(await write('u-tp', 'adoption', 'tv:mh-99', 'active', true, 'tv')).toBe('403 auth/forbidden-unit');
    expect(await write('u-tp', 'indicators', 'tv@2026-11', 's.x.total', 1, 'tv')).toBe('403 auth/forbidden-unit');
    expect(await write('u-tp', 'comment', 'cm-tp-2', 'body', 'Góp ý', 'qx-quang-binh')).toBe('403 auth/forbidden-unit');
  });

  it('write reports, checklists and indicators of their own unit', async () => {
    expect(await write('u-tp', 'indicators', 'th-tp@2026-11', 's.x.total', 10, 'th-tp')).toBe(200);
    expect(await write('u-tp', 'report', 'th-tp@2026-11', 'title', 'Báo cáo của thành phố', 'th-tp')).toBe(200);
    expect(await write('u-thanhhoa-tinh', 'comment', 'cm-th-1', 'body', 'Đề nghị đẩy nhanh tiến độ', 'qx-quang-binh')).toBe(200);
    expect(await write('u-thanhhoa-tinh', 'status', 'qx-quang-binh:mh-24', 'progress', 5, 'qx-quang-binh')).toBe('403 auth/forbidden-unit');
  });
});

describe('village members', () => {
  const V = 'u-thieuvan-thon1';
  it('update status and photos only of models their village is assigned to', async () => {
    expect(await write(V, 'status', 'tv:mh-24', 'note', 'Thôn 1 đã triển khai', 'tv')).toBe(200); // villageIds include tv-thon-1
    expect(await write(V, 'status', 'tv:mh-03', 'note', 'x', 'tv')).toBe('403 auth/forbidden-unit'); // no villages assigned
    const photoId = change(0, 'photo', 'ph-thon1', 'adoptionId', 'tv:mh-24', hlcAt(s.clock.now(), 'd_u_thieuvan_thon1', 900), null, 'tv');
    expect(await write(V, 'photo', 'ph-thon1', 'caption', 'Lớp hướng dẫn VNeID', 'tv', [photoId])).toBe(200);
    expect(await write(V, 'adoption', 'tv:mh-24', 'villageIds', [], 'tv')).toBe('403 auth/forbidden-unit');
    expect(await write(V, 'report', 'tv@2026-12', 'title', 'x', 'tv')).toBe('403 auth/forbidden-unit');
  });

  it('fill checklists and indicators of their own village only', async () => {
    expect(await write(V, 'checklist', 'kt@tv-thon-1', 'a.q1', 'có', 'tv-thon-1')).toBe(200);
    expect(await write(V, 'indicators', 'tv-thon-1@2026-11', 'c.dddt-muc-2', 12, 'tv-thon-1')).toBe(200);
    expect(await write(V, 'checklist', 'kt@tv-thon-2', 'a.q1', 'có', 'tv-thon-2')).toBe('403 auth/forbidden-unit');
    expect(await write(V, 'indicators', 'tv@2026-11', 'c.dddt-muc-2', 12, 'tv')).toBe('403 auth/forbidden-unit');
  });

  it('read the whole commune, and nothing outside it', async () => {
    const token = await s.session(V, 'thon1_reader');
    const r = await s.sync(token, 'thon1_reader', [], 0, 2000);
    const units = new Set(r.body.c.map((c) => c[7]));
    expect(units.has('tv')).toBe(true);
    expect(units.has('tv-thon-2')).toBe(true); // the commune standing body's checklist for Thôn 2
    expect([...units].every((u) => u === 'tv' || u.startsWith('tv-thon-'))).toBe(true);
    expect(r.body.c.some((c) => c[1] === 'status' && c[8] === 'u-thieuvan-congan')).toBe(true);
  });
});

describe('administrators', () => {
  it('write anything', async () => {
    expect(await write('u-admin', 'status', 'dh:mot-cua', 'status', 'done', 'dh')).toBe(200);
  });
});
