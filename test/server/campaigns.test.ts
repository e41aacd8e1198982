// The push path enforces the campaign rules (src/domain/access.ts via sync-server/sync/
// authorize.ts, the campaign looked up as stored): the district creates its campaign, only
// the people of the team that inspects a unit record that unit's inspection — the district
// officer who created the campaign is refused, so is the unit itself — the inspected commune
// answers its outline; and the commune pulls the campaign and its own records.
import { afterEach, describe, expect, it } from 'vitest';
import { change, hlcAt, T0, testServer, type TestServer } from './helpers.ts';

const CAMPAIGN = 'qx:kt-test';
const AT = 'qx:kt-test@qx-tan-phong';
const teams = [
  { id: 'doan-1', name: 'Đoàn kiểm tra số 01', lead: 'Công an huyện', members: [], people: ['qx.doan1'], units: ['qx-tan-phong', 'qx-quang-binh'], bodies: [] },
  { id: 'doan-2', name: 'Đoàn kiểm tra số 02', lead: 'Phòng Văn hóa - Thông tin', members: [], people: ['qx.doan2'], units: ['qx-quang-yen'], bodies: [] },
];

let server: TestServer;
afterEach(() => server?.close());

describe('campaign records on the push path', () => {
  it('lets the district create, only the unit’s team record its inspection, and the commune answer and pull', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-doan1', username: 'qx.doan1', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-doan2', username: 'qx.doan2', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-tp', username: 'tanphong.congan', role: 'communeStanding', unitId: 'qx-tan-phong' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const doan1 = await server.session('u-doan1', 'phdoan1');
    const doan2 = await server.session('u-doan2', 'phdoan2');
    const tp = await server.session('u-tp', 'phtp');

    // A commune cannot create a campaign; the district can.
    const byCommune = await server.sync(tp, 'phtp', [change(1, 'campaign', 'qx:kt-x', 'title', 'Kiểm tra', hlcAt(T0, 'phtp'), null, 'qx')]);
    expect(byCommune.status, JSON.stringify(byCommune.body)).toBe(200);
    expect(byCommune.body.x.map((x) => x[1])).toEqual(['auth/forbidden-unit']);
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: '2026-11-18', noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2026-12-30' }],
      ['teams', teams],
    ];
    const created = await server.sync(
      huyen,
      'phhuyen',
      fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')),
    );
    expect(created.body.x).toEqual([]);

    // The inspection of Tân Phong: team 01's member yes; team 02's, the creator and the commune no.
    const conclude = (seq: number, device: string) => change(seq, 'inspection', AT, 'conclusion', 'Đạt yêu cầu', hlcAt(T0 + seq, device), null, 'qx-tan-phong');
    expect((await server.sync(doan1, 'phdoan1', [conclude(1, 'phdoan1')])).body.x).toEqual([]);
    for (const [token, device] of [[doan2, 'phdoan2'], [huyen, 'phhuyen']] as const) {
      const r = await server.sync(token, device, [conclude(device === 'phhuyen' ? 5 : 1, device)]);
      expect(r.body.x.map((x) => [x[1], x[2]])).toEqual([['auth/forbidden-unit', expect.stringMatching(/Chỉ thành viên đoàn kiểm tra/)]]);
    }
    const own = await server.sync(tp, 'phtp', [conclude(2, 'phtp')]);
    expect(own.body.x.map((x) => x[1])).toEqual(['auth/forbidden-unit']);
    // An inspection of a campaign the server does not have is refused too.
    const ghost = await server.sync(doan1, 'phdoan1', [change(2, 'inspection', 'qx:kt-none@qx-tan-phong', 'findings', 'x', hlcAt(T0 + 9, 'phdoan1'), null, 'qx-tan-phong')]);
    expect(ghost.body.x.map((x) => x[2])).toEqual([expect.stringMatching(/không có trên máy chủ/)]);

    // The commune answers its outline for this campaign; team 01 cannot answer for it.
    const answer = await server.sync(tp, 'phtp', [
      change(3, 'campaignAnswer', AT, 'a.I.1.1', 'Đã ban hành kế hoạch', hlcAt(T0 + 20, 'phtp'), null, 'qx-tan-phong'),
      change(4, 'campaignAnswer', AT, 'sentOn', '2026-11-24', hlcAt(T0 + 21, 'phtp'), null, 'qx-tan-phong'),
    ]);
    expect(answer.body.x).toEqual([]);
    const forIt = await server.sync(doan1, 'phdoan1', [change(3, 'campaignAnswer', AT, 'a.I.1.1', 'x', hlcAt(T0 + 30, 'phdoan1'), null, 'qx-tan-phong')]);
    expect(forIt.body.x.map((x) => x[1])).toEqual(['auth/forbidden-unit']);

    // What each pulls: the commune its district's campaign and its own records; team 01 the answers.
    const pulled = (r: Awaited<ReturnType<TestServer['sync']>>) => new Set(r.body.c.map((c) => `${c[1]}/${c[2]}`));
    const commune = pulled(await server.sync(tp, 'phtp', [], 0));
    expect([...commune].filter((k) => /campaign|inspection/.test(k)).sort()).toEqual([`campaign/${CAMPAIGN}`, `campaignAnswer/${AT}`, `inspection/${AT}`]);
    const member = pulled(await server.sync(doan1, 'phdoan1', [], 0));
    expect(member.has(`campaignAnswer/${AT}`)).toBe(true);
    expect(member.has(`inspection/${AT}`)).toBe(true);
  });
});
