// The demo's inspection campaign in progress (issue 11, document 003; sync-server/demo/
// campaign-history.ts): created by the Quảng Xương district officer from the seeded 2023 plan,
// marked simulated, re-dated around the demo's now, with every step showing in team 01 — Tân
// Phong answered, was visited and concluded; one commune scheduled and notified; one whose
// notice is late — Phòng Nội vụ's response sent and the other departments' not, and the team's
// report not yet due; teams 02–05, whose members have no demo login, recorded by one simulated
// member each — every commune scheduled in the window, some notified, a couple visited, none late.
// The states are read with the domain's own functions (unitState,
// teamReportState, mergeDistrictAnswer) from what the demo wrote, and every record passes the
// push's write rule for its author, a demo account of seeds/demo-users.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignFieldRefusal } from '../../src/domain/access.ts';
import {
  CAMPAIGN_FIELDS,
  campaignOf,
  campaignProblems,
  campaignScopeOf,
  districtDepartments,
  teamReportState,
  unitRecordState,
  unitState,
  type Campaign,
  type UnitRecordState,
} from '../../src/domain/campaign.ts';
import { mergeDistrictAnswer } from '../../src/domain/campaign-merge.ts';
import type { Role } from '../../src/domain/people.ts';
import { checkChangeValue, type Collection } from '../../src/domain/sync/collections.ts';
import { campaignPartIdOf, campaignUnitIdOf, parseCampaignId, parseCampaignUnitId } from '../../src/domain/sync/ids.ts';
import { docValues, type FieldValue } from '../../src/domain/sync/merge.ts';
import { addWorkingDays, isWorkingDay, vnDateOf, workingDaysBetween } from '../../src/domain/working-days.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { demoCampaignDates, demoCampaignValues } from '../../sync-server/demo/campaign-history.ts';
import { SIM_DEVICE, SIM_MARK, simulateDemoHistory } from '../../sync-server/demo/history.ts';
import { loadTree } from '../../sync-server/org/load-tree.ts';
import { authorizeWrite } from '../../sync-server/sync/authorize.ts';
import { T0, testServer, type TestServer } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
/** The expectations come from the files the brief names: the demo accounts and document 003's plan. */
const DEMO_FILE = JSON.parse(readFileSync(join(root, 'seeds/demo-users.json'), 'utf8')) as { users: { id: string; username: string; role: Role; unitId: string }[] };
const PLAN = CampaignPlanSeed.parse(JSON.parse(readFileSync(join(root, 'seeds/plans/campaign-qx-2023.json'), 'utf8')));
const TEAM_01 = PLAN.teams.find((t) => t.name === 'Đoàn kiểm tra số 01')!;
const OTHER_TEAMS = PLAN.teams.filter((t) => t !== TEAM_01);
const account = (username: string) => DEMO_FILE.users.find((u) => u.username === username)!;
const CAMPAIGN_COLLS = new Set<Collection>(['campaign', 'inspection', 'campaignAnswer']);

/** What the brief asks of team 01's units, in unitState's terms. */
function expectTeam01States(c: Pick<Campaign, 'window' | 'rules'>, states: ReadonlyMap<string, UnitRecordState>, today: string) {
  const st = new Map([...states].map(([u, s]) => [u, unitState(c, s, today)]));
  const tanPhong = st.get('qx-tan-phong')!;
  expect(tanPhong.stage, today).toBe('concluded');
  expect(Object.values(tanPhong.steps).every(Boolean), today).toBe(true);
  expect(tanPhong.late, today).toEqual([]);
  expect(tanPhong.outsideWindow).toBe(false);
  const notified = [...st].filter(([, s]) => s.steps.scheduled && s.steps.notified && !s.steps.inspected && s.late.length === 0);
  expect(notified, today).toHaveLength(1);
  const noticeLate = [...st].filter(([, s]) => s.late.some((l) => l.step === 'notice'));
  expect(noticeLate, today).toHaveLength(1);
  expect(noticeLate[0]![1].late.map((l) => [l.step, l.doneOn]), today).toEqual([['notice', null]]);
  // Nothing else is late in team 01: it registered its whole schedule in time.
  expect([...st].filter(([, s]) => s.late.length > 0).map(([u]) => u), today).toEqual([noticeLate[0]![0]]);
  for (const [u, s] of st) expect([u, s.steps.scheduled, s.outsideWindow], today).toEqual([u, true, false]);
}

/** What the brief asks of teams 02–05: all scheduled in the window on time, some notified, a couple visited, nothing late. */
function expectOtherTeamsStates(c: Pick<Campaign, 'window' | 'rules'>, teams: ReadonlyMap<string, ReadonlyMap<string, UnitRecordState>>, today: string) {
  expect([...teams.keys()].sort(), today).toEqual(OTHER_TEAMS.map((t) => t.id).sort());
  let visited = 0;
  for (const team of OTHER_TEAMS) {
    const states = teams.get(team.id)!;
    expect([...states.keys()].sort(), `${today} ${team.id}`).toEqual([...team.units].sort());
    const st = [...states].map(([u, s]) => [u, unitState(c, s, today)] as const);
    for (const [u, s] of st) expect([u, s.steps.scheduled, s.outsideWindow, s.late], today).toEqual([u, true, false, []]);
    expect(st.filter(([, s]) => s.steps.notified && !s.steps.inspected).length, `${today} ${team.id}`).toBeGreaterThanOrEqual(1);
    expect(st.filter(([, s]) => !s.steps.notified).length, `${today} ${team.id}`).toBeGreaterThanOrEqual(2);
    visited += st.filter(([, s]) => s.steps.inspected).length;
  }
  expect(visited, today).toBe(2);
}

describe('the demo campaign’s dates', () => {
  // Every day `npm start` may run on from now to the end of the holiday table (2026–2027: two
  // Tết breaks, 30/4–1/5, 2/9 and every weekend among them).
  it('give the states the brief asks for on every day of 2026–2027, under the plan’s rules', () => {
    const planGap = { register: workingDaysBetween(PLAN.rules.registerBefore!, PLAN.window.from), window: workingDaysBetween(PLAN.window.from, PLAN.window.before), report: workingDaysBetween(PLAN.window.before, PLAN.rules.reportBefore!) };
    // 003: register "trước ngày 01/8/2023", visits "từ ngày 03/8/2023 … kết thúc trước ngày 25/8/2023", the report "trước ngày 30/8/2023".
    expect(planGap).toEqual({ register: 2, window: 16, report: 3 });
    for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      const d = demoCampaignDates(today, TEAM_01.units, OTHER_TEAMS);
      // The plan's rules, re-dated: notice 2 and conclusion 5 working days (003 §V.2), registration
      // as many working days before the window as "trước ngày 01/8" before 03/8, the window as long.
      expect(d.rules.noticeWorkingDays).toBe(2);
      expect(d.rules.conclusionWorkingDays).toBe(5);
      expect(workingDaysBetween(d.rules.registerBefore!, d.window.from)).toBe(planGap.register);
      expect(workingDaysBetween(d.window.from, d.window.before)).toBe(planGap.window);
      expect(workingDaysBetween(d.window.before, d.rules.reportBefore!)).toBe(planGap.report);
      // Live: started a few working days ago, still running.
      expect(isWorkingDay(d.window.from)).toBe(true);
      expect(workingDaysBetween(d.window.from, today)).toBeGreaterThanOrEqual(3);
      expect(workingDaysBetween(d.window.from, today)).toBeLessThanOrEqual(5);
      expect(d.window.before > addWorkingDays(today, 5)).toBe(true);
      // Nothing done today or later: every stamp is in the demo's past.
      const done = [d.createdOn, d.registeredOn, d.departmentSentOn, ...[...d.visits, ...d.otherVisits.flatMap((t) => t.visits)].flatMap((v) => [v.notifiedOn, v.answersSentOn, v.visitedOn, v.concludedOn])];
      for (const day of done) if (day !== null) expect(day < today, `${today} ${day}`).toBe(true);
      expect(d.createdOn <= d.registeredOn && d.registeredOn < d.rules.registerBefore!).toBe(true);
      const states = new Map(d.visits.map((v) => [v.unit, { ...v, conclusion: v.concludedOn ? 'Kết luận' : '' }]));
      expectTeam01States(d, states, today);
      const record = (v: (typeof d.visits)[number]) => [v.unit, { ...v, conclusion: v.concludedOn ? 'Kết luận' : '' }] as const;
      expectOtherTeamsStates(d, new Map(d.otherVisits.map((t) => [t.team, new Map(t.visits.map(record))])), today);
      expect(teamReportState(d, {}, today)).toMatchObject({ sentOn: null, late: false });
    }
    // 730 days of calendar work: about 3 s on a quiet 2-core machine, more beside a busy one.
  }, 30_000);

  it('make a campaign record the form would save: valid fields, no problems, marked simulated', () => {
    const d = demoCampaignDates('2026-11-25', TEAM_01.units);
    const values = demoCampaignValues(d, PLAN.teams, SIM_MARK);
    for (const [field, schema] of Object.entries(CAMPAIGN_FIELDS)) expect(schema.safeParse(values[field]).success, field).toBe(true);
    const c = campaignOf('qx:x', 'qx', values)!;
    expect(campaignProblems(c)).toEqual([]);
    expect(c.title).toMatch(/ \(dữ liệu mô phỏng\)$/);
    expect(c.basis).toMatch(/^Dữ liệu mô phỏng/);
    // The outlines' data periods as in the plan ("từ năm 2022 đến hết tháng 5/2023" for an August
    // window; the district's to the end of 6/2023): from a year's start, to as long before the window.
    expect(c.outlines.map((o) => [o.dataFrom, o.dataTo])).toEqual([
      ['2025-01-01', '2026-08-31'],
      ['2025-01-01', '2026-09-30'],
    ]);
  });
});

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('the demo campaign as the demo history writes it', { timeout: 60_000 }, () => {
  it('is in progress with every step showing, each record written by a demo account the write rule permits', async () => {
    const s = await testServer({ demoUsers: true });
    servers.push(s);
    await simulateDemoHistory(s.store, { now: T0 });
    const today = vnDateOf(T0);
    const tree = await loadTree(s.store);
    const bundle = SeedBundle.parse(buildSeedBundle());

    // One campaign, the district's, from the 2023 plan: 5 teams, 26 communes, 9 departments.
    const docs = await s.store.listDocs({ colls: ['campaign'] });
    expect(docs).toHaveLength(1);
    const c = campaignOf(docs[0]!.id, docs[0]!.unit, docValues(docs[0]!.doc))!;
    expect(c.unitId).toBe('qx');
    expect(c.title).toMatch(/Quảng Xương.* \(dữ liệu mô phỏng\)$/);
    expect(c.teams.map((t) => t.name)).toEqual(PLAN.teams.map((t) => t.name));
    expect(c.teams.flatMap((t) => t.units).sort()).toEqual(PLAN.teams.flatMap((t) => t.units).sort());
    expect(c.teams.flatMap((t) => t.units)).toHaveLength(26);
    expect(c.teams.find((t) => t.name === TEAM_01.name)!.people).toEqual(['quangxuong.doan1']);
    const departments = districtDepartments(c);
    expect(departments).toHaveLength(9);
    expect(departments.find((d) => d.name === 'Phòng Nội vụ')!.people).toEqual(['quangxuong.noivu']);
    expect(c.window.from < today && today < c.window.before).toBe(true);

    // Team 01's units, read as the campaign view reads them.
    const team01 = c.teams.find((t) => t.name === TEAM_01.name)!;
    const values = async (coll: Collection, id: string) => {
      const doc = await s.store.getDoc(coll, id);
      return doc ? docValues(doc) : {};
    };
    const states = new Map<string, UnitRecordState>();
    for (const u of team01.units) states.set(u, unitRecordState(await values('inspection', campaignUnitIdOf(c.id, u)), await values('campaignAnswer', campaignUnitIdOf(c.id, u))));
    expectTeam01States(c, states, today);
    expect(states.get('qx-tan-phong')!.conclusion).toContain(SIM_MARK);
    // Teams 02–05: one simulated member each, listed in the team's people, and a spread of states.
    const recorded = await s.store.listDocs({ colls: ['inspection', 'campaignAnswer'] });
    const allUsers = await s.store.listUsers();
    const members = new Map<string, (typeof allUsers)[number]>();
    const others = new Map<string, Map<string, UnitRecordState>>();
    for (const team of c.teams.filter((t) => t !== team01)) {
      expect(team.people, team.name).toHaveLength(1);
      const member = allUsers.find((u) => u.username === team.people[0])!;
      expect(member.displayName, team.name).toMatch(/\(mô phỏng\)$/);
      expect(DEMO_FILE.users.some((u) => u.username === member.username)).toBe(false);
      members.set(team.id, member);
      const st = new Map<string, UnitRecordState>();
      for (const u of team.units) st.set(u, unitRecordState(await values('inspection', campaignUnitIdOf(c.id, u)), await values('campaignAnswer', campaignUnitIdOf(c.id, u))));
      others.set(team.id, st);
    }
    expectOtherTeamsStates(c, others, today);
    const memberLogin = await s.request('POST', '/api/login', { body: { username: members.get('doan-2')!.username, password: 'demo2026' } });
    expect(memberLogin.status).toBe(401);

    // Tân Phong's answers to the commune outline, most of it.
    const commune = bundle.checklists.find((t) => t.id === c.outlines.find((o) => o.level === 'commune')!.templateId)!;
    const tanPhongAnswers = await values('campaignAnswer', campaignUnitIdOf(c.id, 'qx-tan-phong'));
    const items = commune.sections.flatMap((x) => x.items);
    expect(items.filter((i) => tanPhongAnswers[`a.${i.id}`] !== undefined).length).toBeGreaterThan(items.length * 0.9);

    // The district outline: Phòng Nội vụ sent its response (with its own section), nobody else.
    const district = bundle.checklists.find((t) => t.id === c.outlines.find((o) => o.level === 'district')!.templateId)!;
    const responses = new Map<string, Record<string, FieldValue>>();
    for (const d of departments) responses.set(d.id, await values('campaignAnswer', campaignPartIdOf(c.id, c.unitId, d.id)));
    const merged = mergeDistrictAnswer(district, departments, await values('campaignAnswer', campaignUnitIdOf(c.id, c.unitId)), responses);
    expect(merged.sent).toBe(1);
    const noiVu = merged.departments.find((d) => d.name === 'Phòng Nội vụ')!;
    expect(noiVu.sentOn !== null && noiVu.sentOn < today).toBe(true);
    expect(noiVu.answered).toBeGreaterThan(noiVu.total * 0.9);
    const ownSection = merged.sections.find((x) => x.owner === noiVu.id)!;
    expect(ownSection.items.some((i) => i.answers.some((a) => a.source.kind === 'department' && a.source.id === noiVu.id))).toBe(true);

    // The team's report: due after today, not sent, not late.
    expect(teamReportState(c, await values('inspection', campaignPartIdOf(c.id, c.unitId, team01.id)), today)).toMatchObject({ sentOn: null, late: false });
    expect(teamReportState(c, {}, today).due! > today).toBe(true);

    // Who wrote what: the demo accounts the brief names, each permitted by the push's own rule
    // (the campaign looked up as stored) — and the rule bites: the creator may not record a visit.
    const units = (await s.store.getUnits()).map((u) => u.id);
    const log = (await s.store.pull({ after: 0, units, limit: 1e6, maxBytes: 1e9 })).changes.filter((x) => x.device === SIM_DEVICE && CAMPAIGN_COLLS.has(x.coll));
    expect(log.length).toBeGreaterThan(100);
    const users = new Map((await s.store.listUsers()).map((u) => [u.id, u]));
    const campaign = async (id: string) => {
      const doc = await s.store.getDoc('campaign', id);
      const parsed = doc && campaignOf(id, parseCampaignId(id)!.unit, docValues(doc));
      return parsed ? campaignScopeOf(parsed) : null;
    };
    const expectedAuthor = (coll: Collection, id: string) => {
      if (coll === 'campaign') return account('quangxuong.huyen').id;
      const ref = parseCampaignUnitId(id)!;
      const team = c.teams.find((t) => t.units.includes(ref.unit));
      if (coll === 'inspection') return team && team !== team01 ? members.get(team.id)!.id : account('quangxuong.doan1').id;
      if (ref.part) return ref.part === 'noi-vu' ? account('quangxuong.noivu').id : null;
      // A commune answers through its standing body: its demo login, else its simulated one (history.ts).
      const body = team && team !== team01 ? allUsers.find((u) => u.unitId === ref.unit && u.role === 'communeStanding' && u.displayName.endsWith('(mô phỏng)')) : DEMO_FILE.users.find((u) => u.unitId === ref.unit && u.role === 'communeStanding');
      return body?.id ?? null;
    };
    for (const x of log) {
      expect(x.author, `${x.coll} ${x.id} ${x.field}`).toBe(expectedAuthor(x.coll, x.id));
      const user = users.get(x.author)!;
      const ref = x.coll === 'campaign' ? null : parseCampaignUnitId(x.id)!;
      const target = { coll: x.coll, unit: x.unit, adoptionId: null, campaignId: ref?.campaign ?? null, part: ref?.part ?? null };
      expect(await authorizeWrite({ user, tree, adoption: async () => null, campaign }, target), `${x.coll} ${x.id}`).toBeNull();
      expect(campaignFieldRefusal(x.coll, ref?.part, x.field, ref ? await campaign(ref.campaign) : null), `${x.id} ${x.field}`).toBeNull();
      expect(checkChangeValue(x.coll, x.field, x.value), `${x.id} ${x.field}`).toBeNull();
      expect(x.receivedAt).toBeLessThanOrEqual(T0);
      if (x.coll === 'inspection') {
        const creator = users.get(account('quangxuong.huyen').id)!;
        expect(await authorizeWrite({ user: creator, tree, adoption: async () => null, campaign }, target)).not.toBeNull();
      }
    }
    // One current value per field: nothing for the team to choose between.
    for (const r of [...docs, ...recorded]) for (const [field, state] of Object.entries(r.doc)) expect(state.heads, `${r.id} ${field}`).toHaveLength(1);

    // Tân Phong's standing body pulls its conclusion; the team member and Phòng Nội vụ pull the campaign.
    for (const [username, device, wanted] of [
      ['tanphong.congan', 'phtp', campaignUnitIdOf(c.id, 'qx-tan-phong')],
      ['quangxuong.doan1', 'phdoan1', c.id],
      ['quangxuong.noivu', 'phnoivu', campaignPartIdOf(c.id, c.unitId, 'noi-vu')],
    ] as const) {
      const token = await s.session(account(username).id, device);
      const ids = new Set<string>();
      for (let p = 0, more = true; more; ) {
        const r = await s.sync(token, device, [], p);
        for (const ch of r.body.c) if (CAMPAIGN_COLLS.has(ch[1])) ids.add(ch[2]);
        [p, more] = [r.body.p, r.body.m];
      }
      expect(ids.has(wanted), `${username} ${wanted}`).toBe(true);
    }
  });
});
