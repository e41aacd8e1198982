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
      ['outlines', [{ templateId: 'inspection-commune', level: 'commune', dataFrom: '2022-01-01', dataTo: '2023-05-31', departments: [] }]],
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
      const r = await server.sync(token, device, [conclude(device === 'phhuyen' ? 6 : 1, device)]);
      expect(r.body.x.map((x) => [x[1], x[2]])).toEqual([['campaign/not-member', expect.stringMatching(/Chỉ thành viên đoàn kiểm tra/)]]);
    }
    const own = await server.sync(tp, 'phtp', [conclude(2, 'phtp')]);
    expect(own.body.x.map((x) => x[1])).toEqual(['campaign/not-member']);
    // An inspection of a campaign the server does not have is refused too.
    const ghost = await server.sync(doan1, 'phdoan1', [change(2, 'inspection', 'qx:kt-none@qx-tan-phong', 'findings', 'x', hlcAt(T0 + 9, 'phdoan1'), null, 'qx-tan-phong')]);
    expect(ghost.body.x.map((x) => x[2])).toEqual([expect.stringMatching(/không có trên máy chủ/)]);

    // The commune answers its outline for this campaign; team 01 cannot answer for it.
    const answer = await server.sync(tp, 'phtp', [
      change(3, 'campaignAnswer', AT, 'a.I.1.1', 'Đã ban hành kế hoạch', hlcAt(T0 + 20, 'phtp'), null, 'qx-tan-phong'),
      change(4, 'campaignAnswer', AT, 'sentOn', '2026-11-24', hlcAt(T0 + 21, 'phtp'), null, 'qx-tan-phong'),
    ]);
    expect(answer.body.x).toEqual([]);
    // Only the outline's questions: a field of the sender's choosing is refused.
    const made = await server.sync(tp, 'phtp', [change(5, 'campaignAnswer', AT, 'a.khong-co-cau-nay', 'x', hlcAt(T0 + 22, 'phtp'), null, 'qx-tan-phong')]);
    expect(made.body.x.map((x) => [x[1], x[2]])).toEqual([['campaign/field-not-allowed', expect.stringMatching(/không có câu khong-co-cau-nay/)]]);
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

describe('a district department’s response and a team’s report on the push path', () => {
  it('takes a listed department’s answers to the common sections and its own; refuses another department’s section and an unlisted account', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-nv', username: 'qx.noivu', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-doan1', username: 'qx.doan1', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const noivu = await server.session('u-nv', 'phnv');
    const doan1 = await server.session('u-doan1', 'phdoan1');
    const departments = [
      { id: 'noi-vu', name: 'Phòng Nội vụ', sections: ['A.NV'], people: ['qx.noivu'] },
      { id: 'tu-phap', name: 'Phòng Tư pháp', sections: ['A.TP'], people: [] },
    ];
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2026-12-30' }],
      ['teams', teams],
      ['outlines', [{ templateId: 'inspection-district', level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30', departments }]],
    ];
    const created = await server.sync(huyen, 'phhuyen', fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')));
    expect(created.body.x).toEqual([]);

    // Phòng Nội vụ's account: a common item and its own section go in; Tư pháp's section does not.
    const NV = `${CAMPAIGN}@qx~noi-vu`;
    const pushed = await server.sync(noivu, 'phnv', [
      change(1, 'campaignAnswer', NV, 'a.A.1.1', 'Đã ban hành 3 văn bản', hlcAt(T0 + 1, 'phnv'), null, 'qx'),
      change(2, 'campaignAnswer', NV, 'a.A.NV.1.a', true, hlcAt(T0 + 2, 'phnv'), null, 'qx'),
      change(3, 'campaignAnswer', NV, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 3, 'phnv'), null, 'qx'),
      change(4, 'campaignAnswer', NV, 'sentOn', '2026-11-25', hlcAt(T0 + 4, 'phnv'), null, 'qx'),
    ]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.x).toEqual([[3, 'campaign/field-not-allowed', expect.stringMatching(/a\.A\.TP\.1\.a thuộc phần riêng của Phòng Tư pháp/)]]);

    // The district officer is not Nội vụ's account; Tư pháp has none, so the officer types its paper report in.
    const byOfficer = await server.sync(huyen, 'phhuyen', [
      change(6, 'campaignAnswer', NV, 'a.A.1.1', 'x', hlcAt(T0 + 5, 'phhuyen'), null, 'qx'),
      change(7, 'campaignAnswer', `${CAMPAIGN}@qx~tu-phap`, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 6, 'phhuyen'), null, 'qx'),
    ]);
    expect(byOfficer.body.x).toEqual([[6, 'campaign/not-member', expect.stringMatching(/Chỉ tài khoản được giao của Phòng Nội vụ/)]]);
    // Another account of the district, not listed for Nội vụ, is refused too.
    const byMember = await server.sync(doan1, 'phdoan1', [change(1, 'campaignAnswer', NV, 'a.A.NV.1.a', false, hlcAt(T0 + 7, 'phdoan1'), null, 'qx')]);
    expect(byMember.body.x.map((x) => x[1])).toEqual(['campaign/not-member']);

    // The team's report: its member writes it under the district; the visit's fields do not belong there.
    const REPORT = `${CAMPAIGN}@qx~doan-1`;
    const report = await server.sync(doan1, 'phdoan1', [
      change(2, 'inspection', REPORT, 'report', 'Đoàn 01 đã kiểm tra 2 đơn vị', hlcAt(T0 + 8, 'phdoan1'), null, 'qx'),
      change(3, 'inspection', REPORT, 'reportSentOn', '2026-12-01', hlcAt(T0 + 9, 'phdoan1'), null, 'qx'),
      change(4, 'inspection', REPORT, 'conclusion', 'x', hlcAt(T0 + 10, 'phdoan1'), null, 'qx'),
    ]);
    expect(report.body.x).toEqual([[4, 'campaign/field-not-allowed', expect.stringMatching(/Trường conclusion/)]]);
    const notTeam = await server.sync(huyen, 'phhuyen', [change(8, 'inspection', REPORT, 'report', 'x', hlcAt(T0 + 11, 'phhuyen'), null, 'qx')]);
    expect(notTeam.body.x.map((x) => [x[1], x[2]])).toEqual([['campaign/not-member', expect.stringMatching(/Chỉ thành viên Đoàn kiểm tra số 01/)]]);

    // The district officer pulls the department's response as stored: the refused field is not in it.
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    const nv = pulled.body.c.filter((c) => c[1] === 'campaignAnswer' && c[2] === NV).map((c) => c[3]).sort();
    expect(nv).toEqual(['a.A.1.1', 'a.A.NV.1.a', 'sentOn']);
  });
});

// Security review of issue 11: a person the campaign lists (a team member, a department's
// account) writes only what they are listed for; the campaign record, the district's synthesis
// and the paper entry of a department without accounts are the working group's — the campaign
// unit's officers the campaign, as it stands on the server, does not list.
describe('the working group and the people a campaign lists', () => {
  const SYNTHESIS = `${CAMPAIGN}@qx`;
  const TP = `${CAMPAIGN}@qx~tu-phap`;
  const outlines = (noivu: string[]) => [
    {
      templateId: 'inspection-district',
      level: 'district',
      dataFrom: '2022-01-01',
      dataTo: '2023-06-30',
      departments: [
        { id: 'noi-vu', name: 'Phòng Nội vụ', sections: ['A.NV'], people: noivu },
        { id: 'tu-phap', name: 'Phòng Tư pháp', sections: ['A.TP'], people: [] },
      ],
    },
  ];

  it('refuses a team member or department account editing the campaign, writing the synthesis or a paper entry; the creator may, until listed', async () => {
    server = await testServer();
    for (const [id, username] of [['u-huyen', 'qx.huyen'], ['u-doan1', 'qx.doan1'], ['u-nv', 'qx.noivu'], ['u-other', 'qx.khac']] as const) {
      await server.addUser({ id, username, role: 'districtOfficer', unitId: 'qx' });
    }
    const huyen = await server.session('u-huyen', 'phhuyen');
    const doan1 = await server.session('u-doan1', 'phdoan1');
    const noivu = await server.session('u-nv', 'phnv');
    const other = await server.session('u-other', 'phother');
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2026-12-30' }],
      ['teams', teams],
      ['outlines', outlines(['qx.noivu'])],
    ];
    const created = await server.sync(huyen, 'phhuyen', fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')));
    expect(created.body.x).toEqual([]);

    // Team 01's member adds itself to team 02 — then it could write team 02's visits and report.
    const selfAdded = teams.map((t) => (t.id === 'doan-2' ? { ...t, people: [...t.people, 'qx.doan1'] } : t));
    const byMember = await server.sync(doan1, 'phdoan1', [
      change(1, 'campaign', CAMPAIGN, 'teams', selfAdded as never, hlcAt(T0 + 1, 'phdoan1'), null, 'qx'),
      change(2, 'campaign', CAMPAIGN, 'outlines', outlines(['qx.noivu', 'qx.doan1']) as never, hlcAt(T0 + 2, 'phdoan1'), null, 'qx'),
      change(3, 'campaignAnswer', SYNTHESIS, 'a.A.1.1', 'Tổng hợp', hlcAt(T0 + 3, 'phdoan1'), null, 'qx'),
      change(4, 'campaignAnswer', SYNTHESIS, 'sentOn', '2026-11-25', hlcAt(T0 + 4, 'phdoan1'), null, 'qx'),
      change(5, 'campaignAnswer', TP, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 5, 'phdoan1'), null, 'qx'),
      change(6, 'inspection', `${CAMPAIGN}@qx-quang-yen`, 'conclusion', 'x', hlcAt(T0 + 6, 'phdoan1'), null, 'qx-quang-yen'),
    ]);
    expect(byMember.body.x.map((x) => [x[0], x[1]])).toEqual([1, 2, 3, 4, 5, 6].map((seq) => [seq, 'campaign/not-member']));
    expect(byMember.body.x[0]![2]).toMatch(/Tổ công tác sửa/);
    // The department's account: its own response only.
    const byDepartment = await server.sync(noivu, 'phnv', [
      change(1, 'campaign', CAMPAIGN, 'title', 'Đổi tên', hlcAt(T0 + 7, 'phnv'), null, 'qx'),
      change(2, 'campaignAnswer', SYNTHESIS, 'sentOn', '2026-11-25', hlcAt(T0 + 8, 'phnv'), null, 'qx'),
      change(3, 'campaignAnswer', TP, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 9, 'phnv'), null, 'qx'),
      change(4, 'campaignAnswer', `${CAMPAIGN}@qx~noi-vu`, 'sentOn', '2026-11-25', hlcAt(T0 + 10, 'phnv'), null, 'qx'),
    ]);
    expect(byDepartment.body.x.map((x) => [x[0], x[1]])).toEqual([1, 2, 3].map((seq) => [seq, 'campaign/not-member']));

    // The creator and another unlisted officer are the working group.
    const byGroup = await server.sync(huyen, 'phhuyen', [
      change(6, 'campaignAnswer', SYNTHESIS, 'a.A.1.1', 'Tổng hợp của Tổ công tác', hlcAt(T0 + 11, 'phhuyen'), null, 'qx'),
      change(7, 'campaignAnswer', TP, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 12, 'phhuyen'), null, 'qx'),
      change(8, 'campaign', CAMPAIGN, 'title', 'Kiểm tra Đề án 06 năm 2026', hlcAt(T0 + 13, 'phhuyen'), null, 'qx'),
    ]);
    expect(byGroup.body.x).toEqual([]);
    // Once the campaign lists the creator in a team, the synthesis is no longer theirs; the other officer's still.
    const listed = teams.map((t) => (t.id === 'doan-1' ? { ...t, people: [...t.people, 'qx.huyen'] } : t));
    expect((await server.sync(huyen, 'phhuyen', [change(9, 'campaign', CAMPAIGN, 'teams', listed as never, hlcAt(T0 + 14, 'phhuyen'), null, 'qx')])).body.x).toEqual([]);
    const after = await server.sync(huyen, 'phhuyen', [change(10, 'campaignAnswer', SYNTHESIS, 'sentOn', '2026-11-26', hlcAt(T0 + 15, 'phhuyen'), null, 'qx')]);
    expect(after.body.x.map((x) => x[1])).toEqual(['campaign/not-member']);
    expect((await server.sync(other, 'phother', [change(1, 'campaignAnswer', SYNTHESIS, 'sentOn', '2026-11-26', hlcAt(T0 + 16, 'phother'), null, 'qx')])).body.x).toEqual([]);

    // Nothing refused reached the records: the log holds only the working group's values.
    const pulled = await server.sync(other, 'phother', [], 0);
    const logged = (coll: string, id: string, field: string) => pulled.body.c.filter((c) => c[1] === coll && c[2] === id && c[3] === field).map((c) => c[4]);
    expect(logged('campaign', CAMPAIGN, 'teams')).toEqual([teams, listed]);
    expect(logged('campaignAnswer', SYNTHESIS, 'a.A.1.1')).toEqual(['Tổng hợp của Tổ công tác']);
  });
});

describe('a campaign record’s own rules on the push path', () => {
  it('refuses duplicate ids, a unit in two teams, a section given twice or not in the template, naming the field path; accepts the rest of the batch', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const dupTeams = [teams[0]!, { ...teams[1]!, id: 'doan-1' }];
    const twice = [teams[0]!, { ...teams[1]!, units: ['qx-quang-yen', 'qx-tan-phong'] }];
    const outline = (departments: unknown[], templateId = 'inspection-district') => [{ templateId, level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30', departments }];
    const nv = { id: 'noi-vu', name: 'Phòng Nội vụ', sections: ['A.NV'], people: [] };
    let seq = 0;
    const push = (field: string, value: unknown) => change(++seq, 'campaign', CAMPAIGN, field, value as never, hlcAt(T0 + seq, 'phhuyen'), null, 'qx');
    const created = await server.sync(huyen, 'phhuyen', [
      push('title', 'Kiểm tra Đề án 06'),
      push('window', { from: '2026-11-20', before: '2026-12-20' }),
      push('rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: null }),
      push('teams', teams),
      push('outlines', outline([nv])),
    ]);
    expect(created.body.x).toEqual([]);
    // Each field as the stored record and the batch would leave it (a later good value in the same batch would vouch for it).
    const r = await server.sync(huyen, 'phhuyen', [
      push('teams', dupTeams),
      push('teams', twice),
      push('outlines', outline([nv, { ...nv, name: 'Phòng Nội vụ (2)', sections: [] }])),
      push('outlines', outline([nv, { id: 'tu-phap', name: 'Phòng Tư pháp', sections: ['A.NV'], people: [] }])),
      push('outlines', outline([{ ...nv, sections: ['A.XX'] }])),
      push('outlines', outline([nv], 'no-such-outline')),
      push('outlines', outline([{ ...nv, id: 'nội vụ' }])), // not a valid id at all
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.x.map((x) => [x[0], x[1], x[2]])).toEqual([
      [6, 'sync/invalid-record', 'teams.1.id: Hai đoàn cùng mã doan-1'],
      [7, 'sync/invalid-record', expect.stringMatching(/^teams\.1\.units: Đơn vị qx-tan-phong đã thuộc Đoàn kiểm tra số 01/)],
      [8, 'sync/invalid-record', 'outlines.0.departments.1.id: Hai phòng, ban cùng mã noi-vu'],
      [9, 'sync/invalid-record', 'outlines.0.departments.1.sections.0: Phần A.NV đã giao cho Phòng Nội vụ'],
      [10, 'sync/invalid-record', 'outlines.0.departments.0.sections.0: Đề cương không có phần A.XX'],
      [11, 'sync/invalid-record', 'outlines.0.templateId: Không có mẫu đề cương no-such-outline'],
      [12, 'sync/invalid-change', expect.stringContaining('outlines.0.departments.0.id: ')],
    ]);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    const stored = (field: string) => pulled.body.c.filter((c) => c[1] === 'campaign' && c[3] === field).map((c) => c[4]);
    expect(stored('teams')).toEqual([teams]);
    expect(stored('outlines')).toEqual([outline([nv])]);
  });

  it('reads outlines saved by the previous release (departments without id and people): answers still go to the departments', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-tp', username: 'tanphong.congan', role: 'communeStanding', unitId: 'qx-tan-phong' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const tp = await server.session('u-tp', 'phtp');
    const old = [
      { templateId: 'inspection-commune', level: 'commune', dataFrom: '2022-01-01', dataTo: '2023-05-31', departments: [] },
      {
        templateId: 'inspection-district',
        level: 'district',
        dataFrom: '2022-01-01',
        dataTo: '2023-06-30',
        departments: [
          { name: 'Phòng Nội vụ', sections: ['A.NV'] },
          { name: 'Phòng Tư pháp', sections: ['A.TP'] },
        ],
      },
    ];
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: null }],
      ['teams', teams],
      ['outlines', old],
    ];
    const created = await server.sync(huyen, 'phhuyen', fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')));
    expect(created.body.x).toEqual([]);
    // Nội vụ's part, under the id its name gives; Tư pháp's section is still Tư pháp's.
    const NV = `${CAMPAIGN}@qx~phong-noi-vu`;
    const r = await server.sync(huyen, 'phhuyen', [
      change(6, 'campaignAnswer', NV, 'a.A.NV.1.a', true, hlcAt(T0 + 10, 'phhuyen'), null, 'qx'),
      change(7, 'campaignAnswer', NV, 'a.A.TP.1.a', 'Có', hlcAt(T0 + 11, 'phhuyen'), null, 'qx'),
      change(8, 'campaignAnswer', `${CAMPAIGN}@qx`, 'a.A.1.1', 'Tổng hợp', hlcAt(T0 + 12, 'phhuyen'), null, 'qx'),
    ]);
    expect(r.body.x.map((x) => [x[0], x[1]])).toEqual([[7, 'campaign/field-not-allowed']]);
    expect((await server.sync(tp, 'phtp', [change(1, 'campaignAnswer', AT, 'a.I.1.1', 'Có', hlcAt(T0 + 13, 'phtp'), null, 'qx-tan-phong')])).body.x).toEqual([]);
  });
});

// Found by a hostile review: a campaign names its people by username, so any account given a
// listed name (a commune police can create village accounts) wrote conclusions; a campaign could
// name another district's commune; and a later change with an earlier stamp let a record rule
// read a value the merge never keeps.
describe('who a listed name is, whom a team may inspect, and stamps in order', () => {
  it('takes a listed name only from an officer of the campaign’s unit', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    // Both listed names end up on accounts that are not the district's officers.
    await server.addUser({ id: 'u-moved', username: 'qx.doan1', role: 'districtOfficer', unitId: 'th-tp' });
    await server.addUser({ id: 'u-claim', username: 'qx.doan2', role: 'communeStanding', unitId: 'qx-quang-yen' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const moved = await server.session('u-moved', 'phmoved');
    const claim = await server.session('u-claim', 'phclaim');
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2026-12-30' }],
      ['teams', teams],
    ];
    const created = await server.sync(huyen, 'phhuyen', fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')));
    expect(created.body.x).toEqual([]);
    const own = await server.sync(claim, 'phclaim', [
      change(1, 'inspection', `${CAMPAIGN}@qx-quang-yen`, 'conclusion', 'Hoàn thành xuất sắc', hlcAt(T0 + 1, 'phclaim'), null, 'qx-quang-yen'),
      change(2, 'inspection', `${CAMPAIGN}@qx~doan-2`, 'report', 'Báo cáo của đoàn', hlcAt(T0 + 2, 'phclaim'), null, 'qx'),
    ]);
    expect(own.body.x.map((x) => [x[0], x[1]]), JSON.stringify(own.body.x)).toEqual([
      [1, 'campaign/not-member'],
      [2, 'campaign/not-member'],
    ]);
    const elsewhere = await server.sync(moved, 'phmoved', [change(1, 'inspection', AT, 'conclusion', 'Đạt', hlcAt(T0 + 3, 'phmoved'), null, 'qx-tan-phong')]);
    expect(elsewhere.body.x.map((x) => x[1])).toEqual(['campaign/not-member']);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    expect(pulled.body.c.filter((c) => c[1] === 'inspection')).toEqual([]);
  });

  it('refuses teams inspecting units outside the campaign unit’s area, naming each unit’s path', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    // Another district's commune, the district itself, the province, a village of another district.
    const outside = [{ ...teams[0]!, units: ['qx-tan-phong', 'tv', 'qx'] }, { ...teams[1]!, units: ['th', 'tv-thon-1'] }];
    const r = await server.sync(huyen, 'phhuyen', [
      change(1, 'campaign', CAMPAIGN, 'title', 'Kiểm tra Đề án 06', hlcAt(T0, 'phhuyen'), null, 'qx'),
      change(2, 'campaign', CAMPAIGN, 'teams', outside as never, hlcAt(T0, 'phhuyen', 1), null, 'qx'),
    ]);
    expect(r.body.x.map((x) => [x[0], x[1]])).toEqual([[2, 'campaign/unit-not-allowed']]);
    const message = r.body.x[0]![2];
    for (const path of ['teams.0.units.1', 'teams.0.units.2', 'teams.1.units.0', 'teams.1.units.1']) expect(message).toContain(path);
    expect(message).not.toContain('teams.0.units.0');
    expect(message).toMatch(/không thuộc địa bàn của huyện Quảng Xương/);
  });

  it('takes answers and a visit under a campaign created earlier in the same push (an officer worked offline)', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2026-12-30' }],
      ['teams', [{ ...teams[0]!, people: ['qx.huyen'] }, teams[1]]],
      ['outlines', [{ templateId: 'inspection-district', level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30', departments: [{ id: 'tu-phap', name: 'Phòng Tư pháp', sections: ['A.TP'], people: [] }] }]],
    ];
    const r = await server.sync(huyen, 'phhuyen', [
      ...fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')),
      // Listed in team 01 by this batch: its visit is theirs; the synthesis no longer is.
      change(6, 'inspection', AT, 'findings', 'Đã xem hồ sơ tại xã', hlcAt(T0 + 10, 'phhuyen'), null, 'qx-tan-phong'),
      change(7, 'campaignAnswer', `${CAMPAIGN}@qx`, 'a.A.1.1', 'Tổng hợp', hlcAt(T0 + 11, 'phhuyen'), null, 'qx'),
    ]);
    expect(r.body.x.map((x) => [x[0], x[1]])).toEqual([[7, 'campaign/not-member']]);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    expect(pulled.body.c.filter((c) => c[1] === 'inspection').map((c) => c[4])).toEqual(['Đã xem hồ sơ tại xã']);
  });

  it('refuses a value carrying keys its schema does not know, naming where', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    // As sent over the wire: JSON, where "__proto__" is an ordinary key.
    const junk = JSON.parse(JSON.stringify([{ ...teams[0]!, junk: 'x'.repeat(1000) }, teams[1]]));
    const proto = JSON.parse(`[${JSON.stringify(teams[0])}, ${JSON.stringify(teams[1]).replace(/^\{/, '{"__proto__": {"admin": true}, ')}]`);
    const r = await server.sync(huyen, 'phhuyen', [
      change(1, 'campaign', CAMPAIGN, 'teams', junk, hlcAt(T0, 'phhuyen'), null, 'qx'),
      change(2, 'campaign', CAMPAIGN, 'teams', proto, hlcAt(T0 + 1, 'phhuyen'), null, 'qx'),
      change(3, 'campaign', CAMPAIGN, 'teams', teams as never, hlcAt(T0 + 2, 'phhuyen'), null, 'qx'),
    ]);
    expect(r.body.x.map((x) => [x[0], x[1], x[2]])).toEqual([
      [1, 'sync/invalid-change', expect.stringContaining('teams.0.junk: Trường không thuộc mẫu dữ liệu')],
      [2, 'sync/invalid-change', expect.stringContaining('teams.1.__proto__: Trường không thuộc mẫu dữ liệu')],
    ]);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    expect(pulled.body.c.filter((c) => c[1] === 'campaign' && c[3] === 'teams').map((c) => c[4])).toEqual([teams]);
  });

  it('refuses a later change of a field stamped before an earlier one, so it cannot vouch for a broken record', async () => {
    server = await testServer();
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    expect((await server.sync(huyen, 'phhuyen', [change(1, 'campaign', CAMPAIGN, 'teams', teams as never, hlcAt(T0, 'phhuyen'), null, 'qx')])).body.x).toEqual([]);
    // Tân Phong in both teams (a record rule), then the valid teams again with an EARLIER stamp:
    // the merge would keep the first; the record rule must not take the second as the outcome.
    const twice = [teams[0]!, { ...teams[1]!, units: ['qx-quang-yen', 'qx-tan-phong'] }];
    const r = await server.sync(huyen, 'phhuyen', [
      change(2, 'campaign', CAMPAIGN, 'teams', twice as never, hlcAt(T0 + 50, 'phhuyen'), null, 'qx'),
      change(3, 'campaign', CAMPAIGN, 'teams', teams as never, hlcAt(T0 + 40, 'phhuyen'), null, 'qx'),
    ]);
    expect(r.body.x.map((x) => [x[0], x[1]]).sort()).toEqual([
      [2, 'sync/invalid-record'],
      [3, 'sync/hlc-order'],
    ]);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    expect(pulled.body.c.filter((c) => c[1] === 'campaign' && c[3] === 'teams').map((c) => c[4])).toEqual([teams]);
  });
});

describe('the dates of a visit on the push path', () => {
  it('refuses a visit or conclusion after today (the server’s day in Vietnam) and dates out of order; a schedule ahead is fine', async () => {
    server = await testServer(); // clock at T0: 25/11/2026 09:00 in Vietnam
    await server.addUser({ id: 'u-huyen', username: 'qx.huyen', role: 'districtOfficer', unitId: 'qx' });
    await server.addUser({ id: 'u-doan1', username: 'qx.doan1', role: 'districtOfficer', unitId: 'qx' });
    const huyen = await server.session('u-huyen', 'phhuyen');
    const doan1 = await server.session('u-doan1', 'phdoan1');
    const fields: [string, unknown][] = [
      ['title', 'Kiểm tra Đề án 06'],
      ['window', { from: '2026-11-20', before: '2026-12-20' }],
      ['rules', { registerBefore: null, noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: null }],
      ['teams', teams],
    ];
    const created = await server.sync(huyen, 'phhuyen', fields.map(([f, v], i) => change(i + 1, 'campaign', CAMPAIGN, f, v as never, hlcAt(T0, 'phhuyen', i), null, 'qx')));
    expect(created.body.x).toEqual([]);
    const put = (seq: number, field: string, value: string) => change(seq, 'inspection', AT, field, value, hlcAt(T0 + seq, 'phdoan1'), null, 'qx-tan-phong');

    // Tomorrow's visit belongs in the schedule: the schedule is taken, the visit refused.
    const ahead = await server.sync(doan1, 'phdoan1', [put(1, 'scheduledOn', '2026-11-26'), put(2, 'visitedOn', '2026-11-26')]);
    expect(ahead.body.x.map((x) => [x[0], x[1], x[2]])).toEqual([[2, 'sync/invalid-record', expect.stringMatching(/^Ngày tiến hành kiểm tra không được sau hôm nay \(25\/11\/2026\)/)]]);
    // Notice, visit and conclusion in order, up to today: taken together.
    const inOrder = await server.sync(doan1, 'phdoan1', [put(3, 'notifiedOn', '2026-11-20'), put(4, 'visitedOn', '2026-11-24'), put(5, 'concludedOn', '2026-11-25'), put(6, 'conclusion', 'Đạt yêu cầu')]);
    expect(inOrder.body.x).toEqual([]);
    // A conclusion before the visit, a notice after it: refused against what is stored.
    const backwards = await server.sync(doan1, 'phdoan1', [put(7, 'concludedOn', '2026-11-23'), put(8, 'notifiedOn', '2026-11-25')]);
    expect(backwards.body.x.map((x) => [x[0], x[2]])).toEqual([
      [7, 'Ngày ban hành kết luận không được trước ngày tiến hành kiểm tra'],
      [8, 'Ngày gửi thông báo không được sau ngày tiến hành kiểm tra'],
    ]);
    // A later notice with the visit moved to the same day, in one save: the later change vouches for the first.
    const moved = await server.sync(doan1, 'phdoan1', [put(9, 'notifiedOn', '2026-11-25'), put(10, 'visitedOn', '2026-11-25')]);
    expect(moved.body.x).toEqual([]);
    // The next day by the server's clock, the visit once refused is taken.
    server.clock.advance(86_400_000);
    expect((await server.sync(doan1, 'phdoan1', [put(11, 'visitedOn', '2026-11-26'), put(12, 'concludedOn', '2026-11-26')])).body.x).toEqual([]);
    const pulled = await server.sync(huyen, 'phhuyen', [], 0);
    const values = Object.fromEntries(pulled.body.c.filter((c) => c[1] === 'inspection' && c[2] === AT).map((c) => [c[3], c[4]]));
    expect(values).toMatchObject({ scheduledOn: '2026-11-26', notifiedOn: '2026-11-25', visitedOn: '2026-11-26', concludedOn: '2026-11-26', conclusion: 'Đạt yêu cầu' });
  });
});

describe('naming a campaign’s people', () => {
  it('/api/people gives the usernames of the person’s own unit only, so the phone can show names for them', async () => {
    server = await testServer({ demoUsers: true });
    const token = await server.session('u-quangxuong-huyen', 'phhuyen');
    const res = await server.request<{ people: { id: string; displayName: string; unitId: string; username?: string }[] }>('GET', '/api/people', { token });
    expect(res.status).toBe(200);
    const doan1 = res.body.people.find((p) => p.id === 'u-quangxuong-doan1');
    expect(doan1).toMatchObject({ username: 'quangxuong.doan1', displayName: 'Thành viên Đoàn kiểm tra số 01 (Công an huyện Quảng Xương)' });
    const others = res.body.people.filter((p) => p.unitId !== 'qx');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((p) => p.username === undefined)).toBe(true);
  });
});
