// Reorganisation through the real server (in process): two Quảng Xương communes with a month of
// figures each are merged (the simulated fixture), and the roll-ups, the people, the write rules
// and the subscriptions must follow. The expected numbers are the figures the test pushed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reorgRoutes } from '../../sync-server/admin-api/reorg-routes.ts';
import { reorgService } from '../../sync-server/admin-api/reorg.ts';
import { CLI } from '../../sync-server/admin-api/service.ts';
import { QX_MERGED_ID, QX_MERGED_NAME, quangXuongFixture } from '../../sync-server/demo/reorg-fixture.ts';
import { seedStore } from '../../sync-server/seed.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import type { RollupAnswer } from '../../src/domain/rollup.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';
import { T0, change, hlcAt, testServer, type ErrorJson, type TestServer } from './helpers.ts';

const QB = 'qx-quang-binh';
const QH = 'qx-quang-hop';
const THON = 'qx-quang-hop-thon-1';
const EFFECTIVE = '2026-11-01'; // T0 is 25/11/2026
const BEFORE = T0 - 30 * 86_400_000; // a stamp from October, made before the merge

let ts: TestServer;
const tokens: Record<string, string> = {};

beforeEach(async () => {
  ts = await testServer({ demoUsers: true });
  ts.app.route('/api/admin/reorg', reorgRoutes({ store: ts.store, now: ts.clock.now }));
  await ts.store.putUnit({ id: THON, name: 'Thôn 1', level: 'village', parentId: QH, placeholder: true });
  await ts.addUser({ id: 'u-qb', username: 'mp.quangbinh', role: 'communeStanding', unitId: QB });
  await ts.addUser({ id: 'u-qh', username: 'mp.quanghop', role: 'communeStanding', unitId: QH });
  await ts.addUser({ id: 'u-thon', username: 'mp.quanghop.thon1', role: 'villageMember', unitId: THON });
  await ts.addUser({ id: 'u-th', username: 'mp.tanphong', role: 'communeStanding', unitId: 'qx-tan-phong' });
  for (const [user, device] of [['u-qb', 'dev_qb'], ['u-qh', 'dev_qh'], ['u-thon', 'dev_thon'], ['u-th', 'dev_th'], ['u-quangxuong-huyen', 'dev_huyen'], ['u-thanhhoa-tinh', 'dev_tinh'], ['u-admin', 'dev_admin']] as const) {
    tokens[user] = await ts.session(user, device);
  }
  // October: each commune's figures; Quảng Hợp's model assigned to its Thôn 1.
  const qb = await ts.sync(tokens['u-qb']!, 'dev_qb', [
    change(1, 'indicators', `${QB}@2026-10`, 's.dvc-01.total', 100, hlcAt(BEFORE, 'dev_qb'), null, QB),
    change(2, 'indicators', `${QB}@2026-10`, 's.dvc-01.online', 60, hlcAt(BEFORE, 'dev_qb', 1), null, QB),
  ]);
  const qh = await ts.sync(tokens['u-qh']!, 'dev_qh', [
    change(1, 'indicators', `${QH}@2026-10`, 's.dvc-01.total', 50, hlcAt(BEFORE, 'dev_qh'), null, QH),
    change(2, 'indicators', `${QH}@2026-10`, 's.dvc-01.online', 20, hlcAt(BEFORE, 'dev_qh', 1), null, QH),
    change(3, 'adoption', `${QH}:mh-24`, 'modelId', 'mh-24', hlcAt(BEFORE, 'dev_qh', 2), null, QH),
    change(4, 'adoption', `${QH}:mh-24`, 'villageIds', [THON], hlcAt(BEFORE, 'dev_qh', 3), null, QH),
    change(5, 'adoption', `${QH}:mh-24`, 'active', true, hlcAt(BEFORE, 'dev_qh', 4), null, QH),
  ]);
  expect([qb.body.x, qh.body.x]).toEqual([[], []]);
});
afterEach(async () => {
  await ts.close();
});

const rollup = async (unit: string, user = 'u-thanhhoa-tinh') => {
  const r = await ts.request<RollupAnswer>('GET', `/api/rollups?unit=${unit}`, { token: tokens[user]! });
  expect(r.status).toBe(200);
  return r.body;
};
const october = (r: RollupAnswer) => r.rollup.indicators['2026-10']?.all ?? { total: 0, online: 0 };
const merge = () => ts.request<{ event: ReorgEvent } & ErrorJson>('POST', '/api/admin/reorg', { token: tokens['u-admin']!, body: quangXuongFixture(EFFECTIVE)[0] });

describe('reorganisation on the server', () => {
  it('a merged commune shows its predecessors summed for the month before; nothing counted twice, nothing lost', async () => {
    const province = october(await rollup('th'));
    expect(october(await rollup('qx'))).toMatchObject({ total: 150, online: 80 });

    const res = await merge();
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({ created: [QX_MERGED_ID], successor: { [QB]: QX_MERGED_ID, [QH]: QX_MERGED_ID }, movedUsers: { 'u-qb': [QB, QX_MERGED_ID], 'u-qh': [QH, QX_MERGED_ID] } });

    const merged = await rollup(QX_MERGED_ID);
    expect(merged.name).toBe(QX_MERGED_NAME);
    expect(october(merged)).toMatchObject({ total: 150, online: 80 });
    expect(merged.rollup.indicators['2026-10']!.communes).toEqual([QB, QH]);
    // The old communes stay readable with their own month.
    expect(october(await rollup(QB))).toMatchObject({ total: 100, online: 60 });
    // The district and the province count each record once.
    expect(october(await rollup('qx'))).toMatchObject({ total: 150, online: 80 });
    expect(october(await rollup('th'))).toEqual(province);
    // The new commune was not expected to report for October (its predecessors were); the old ones are not expected from November.
    const monthly = (await rollup('qx')).timeliness.filter((t) => t.periodType === 'monthly');
    const oct = monthly.find((t) => t.period === '2026-10');
    const nov = monthly.find((t) => t.period === '2026-11');
    const listed = (t: (typeof monthly)[number] | undefined) => (t ? Object.values(t.communes).flat() : []);
    if (oct) expect(listed(oct)).not.toContain(QX_MERGED_ID);
    if (nov) expect(listed(nov)).not.toContain(QB);
    if (nov) expect(listed(nov)).toContain(QX_MERGED_ID);

    // Restarting the server re-seeds the units: the merge must survive it.
    await seedStore(ts.store, { demo: false, now: T0 });
    expect(october(await rollup('qx'))).toMatchObject({ total: 150, online: 80 });
    expect((await ts.store.getUnits()).find((u) => u.id === QB)).toMatchObject({ parentId: QX_MERGED_ID, closedOn: EFFECTIVE });
  });

  it('the old commune\'s people move to the new one and a change queued on their phone before the merge still lands', async () => {
    await merge();
    const me = await ts.request<{ user: { unitId: string }; units: { id: string; closedOn?: string }[] }>('GET', '/api/me', { token: tokens['u-qb']! });
    expect(me.body.user.unitId).toBe(QX_MERGED_ID);
    expect(me.body.units.find((u) => u.id === QB)?.closedOn).toBe(EFFECTIVE);

    // Made offline in October, sent after the merge (same token: no sign-in needed).
    const late = await ts.sync(tokens['u-qb']!, 'dev_qb', [change(3, 'indicators', `${QB}@2026-10`, 's.dvc-01.total', 120, hlcAt(BEFORE + 1000, 'dev_qb'), hlcAt(BEFORE, 'dev_qb'), QB)]);
    expect([late.status, late.body.a, late.body.x]).toEqual([200, 3, []]);
    expect(october(await rollup(QX_MERGED_ID))).toMatchObject({ total: 170, online: 80 });
    expect(october(await rollup('th'))).toMatchObject({ total: 170 });

    // A village of the old commune keeps updating the model it was given before the merge.
    const status = await ts.sync(tokens['u-thon']!, 'dev_thon', [change(1, 'status', `${QH}:mh-24`, 'status', 'inProgress', hlcAt(BEFORE, 'dev_thon'), null, QH)]);
    expect(status.body.x).toEqual([]);

    // Someone outside the new commune still may not write the old one's records.
    const outsider = await ts.sync(tokens['u-th']!, 'dev_th', [change(1, 'indicators', `${QB}@2026-10`, 's.dvc-02.total', 1, hlcAt(T0, 'dev_th'), null, QB)]);
    expect(outsider.body.x).toHaveLength(1);
  });

  it('the new commune\'s people read the old communes\' records; the old commune\'s police read the new one\'s', async () => {
    await merge();
    const pull = await ts.sync(tokens['u-qh']!, 'dev_qh', []);
    const ids = new Set((pull.body.c ?? []).map((c) => c[2]));
    expect(ids.has(`${QB}@2026-10`)).toBe(true);
    expect(ids.has(`${QH}@2026-10`)).toBe(true);
    const village = await ts.sync(tokens['u-thon']!, 'dev_thon', []);
    expect((village.body.c ?? []).map((c) => c[2])).toContain(`${QH}:mh-24`);
  });

  it('dissolves the district into the province with the fixture, audits every event, and refuses what it must', async () => {
    const service = reorgService({ store: ts.store, now: ts.clock.now });
    for (const spec of quangXuongFixture(EFFECTIVE)) await service.record(CLI, spec);
    const units = new Map((await ts.store.getUnits()).map((u) => [u.id, u]));
    expect(units.get('qx')).toMatchObject({ closedOn: EFFECTIVE });
    expect(units.get(QX_MERGED_ID)!.parentId).toBe('th');
    expect(units.get('qx-quang-thai')).toMatchObject({ parentId: 'qx-quang-hai', closedOn: EFFECTIVE });
    // The province still has the October figures once; the dissolved district no longer counts them.
    expect(october(await rollup('th'))).toMatchObject({ total: 150, online: 80 });
    expect(october(await rollup('qx', 'u-admin'))).toMatchObject({ total: 0 });
    expect((await ts.store.listAudit({ limit: 10 })).map((e) => e.action)).toEqual(['reorg.close', 'reorg.merge', 'reorg.merge']);

    const list = await ts.request<{ events: ReorgEvent[] }>('GET', '/api/admin/reorg', { token: tokens['u-admin']! });
    expect(list.body.events.map((e) => e.spec.kind)).toEqual(['merge', 'merge', 'close']);
    const forbidden = await ts.request<ErrorJson>('POST', '/api/admin/reorg', { token: tokens['u-qh']!, body: { kind: 'rename', effective: EFFECTIVE, unit: 'qx-tan-phong', name: 'xã Mới' } });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'admin/forbidden']);
    const invalid = await ts.request<ErrorJson>('POST', '/api/admin/reorg', { token: tokens['u-admin']!, body: { kind: 'rename', effective: EFFECTIVE, unit: QB, name: 'xã Mới' } });
    expect([invalid.status, invalid.body.error.code, invalid.body.error.issues]).toEqual([
      400,
      'admin/invalid',
      [{ path: 'unit', message: 'Xã Quảng Bình đã ngừng hoạt động từ ngày 01/11/2026' }],
    ]);
    const bad = await ts.request<ErrorJson>('POST', '/api/admin/reorg', { token: tokens['u-admin']!, body: { kind: 'merge', effective: '2026-13-01' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'admin/invalid']);
    expect(bad.body.error.message).not.toMatch(/Invalid/);
  });

  it('a district officer with the admin right reorganises inside the district, never the district itself', async () => {
    const post = (body: unknown) => ts.request<ErrorJson>('POST', '/api/admin/reorg', { token: tokens['u-quangxuong-huyen']!, body });
    const [merge, dissolve] = [quangXuongFixture(EFFECTIVE)[0], quangXuongFixture(EFFECTIVE)[2]];
    expect((await post(merge)).status).toBe(403); // no admin right yet
    await ts.store.updateUser('u-quangxuong-huyen', { canAdmin: true });
    expect((await post(merge)).status).toBe(201);
    const refused = await post(dissolve);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'admin/forbidden']);
    expect((await ts.store.getUnits()).find((u) => u.id === 'qx')?.closedOn).toBeUndefined();
  });

  it('the command line records the simulated fixture and lists the mapping, in Vietnamese', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { store: ts.store, out: (l: string) => out.push(l), err: (l: string) => err.push(l), prompt: async () => '', now: ts.clock.now };
    expect(await runAdmin(['reorganise', '--fixture', 'quang-xuong'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/MÔ PHỎNG/);
    expect(out[1]).toBe(`Đã ghi sáp nhập (số 1), hiệu lực từ 01/11/2026: ${QB} → ${QX_MERGED_ID}, ${QH} → ${QX_MERGED_ID}; đơn vị mới ${QX_MERGED_ID}; 2 tài khoản chuyển sang đơn vị mới.`);
    out.length = 0;
    expect(await runAdmin(['list-reorg'], io)).toBe(0);
    expect(out).toHaveLength(3);
    expect(await runAdmin(['reorganise', '{"kind":"rename","effective":"2026-11-01","unit":"qx","name":"huyện X"}'], io)).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Huyện Quảng Xương đã ngừng hoạt động từ ngày 01/11/2026');
  });
});
