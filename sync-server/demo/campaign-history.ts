// The demo's inspection campaign in progress (issue 11, document 003): without it the team
// member `quangxuong.doan1`, the district officer and Phòng Nội vụ have nothing to look at.
//
// The district officer of huyện Quảng Xương creates it from the seeded 2023 plan
// (seeds/plans/campaign-qx-2023.json), titled "… (dữ liệu mô phỏng)" and re-dated around the
// demo's now: the window starts a few working days before today and keeps the plan's length
// and rules (register 2 working days before the window, notice 2 working days before a visit,
// conclusion within 5 working days, the teams' report 3 working days after the window). Team
// 01 is `quangxuong.doan1`; Phòng Nội vụ answers through `quangxuong.noivu`. Every date comes
// from the working-day functions of the domain (src/domain/working-days.ts), so the states below
// hold whatever day the demo starts (test/server/demo-campaign.test.ts checks every day of
// 2026–2027): in team 01, Tân Phong answered its outline, was visited and concluded; one commune
// is scheduled and notified; one's notice is late; the others are scheduled later in the window;
// Phòng Nội vụ has sent its response, the other departments not; the team's report is not due.
// Teams 02–05 have no demo logins: each gets one simulated member (an account nobody can log in
// to, named "(mô phỏng)" like the history's authors) listed in the team's people, who registered
// the whole schedule on time; one commune of each team is notified, teams 02 and 03 have each
// visited one commune (answered by the commune's simulated standing body, conclusion not yet
// due), the others are scheduled later in the window. Nothing of theirs is late.
//
// Each record is checked before it is written with the checks a push applies (field values,
// the record id's unit, the write rule with the campaign as stored, which record a field may go
// on); a refused record is not written and its reason is returned. Written once per database:
// nothing is written when the campaign record exists.
import type { CampaignScope } from '../../src/domain/access.ts';
import { campaignFieldRefusal, needsCampaign, writeRefusal } from '../../src/domain/access.ts';
import {
  ANSWER_FIELD_PREFIX,
  ANSWER_SENT_FIELD,
  campaignOf,
  campaignProblems,
  campaignScopeOf,
  districtDepartments,
  type Campaign,
  type CampaignOutline,
  type CampaignTeam,
} from '../../src/domain/campaign.ts';
import { departmentSections } from '../../src/domain/campaign-merge.ts';
import type { ChecklistItem, ChecklistTemplate } from '../../src/domain/checklist.ts';
import { checkChangeValue, type Collection } from '../../src/domain/sync/collections.ts';
import { campaignIdOf, campaignPartIdOf, campaignUnitIdOf, idFieldProblem, parseCampaignUnitId, unitOfRecord } from '../../src/domain/sync/ids.ts';
import { docValues, type FieldValue } from '../../src/domain/sync/merge.ts';
import { addWorkingDays, vnDateOf, workingDaysBefore, workingDaysBetween } from '../../src/domain/working-days.ts';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password.ts';
import planJson from '../../seeds/plans/campaign-qx-2023.json';
import type { OrgTree } from '../org/tree.ts';
import type { StoreTx, UserRecord } from '../store/types.ts';

const PLAN = CampaignPlanSeed.parse(planJson);
/** Not the plan's own slug ("kt-2023"): the officer may still create the campaign from the plan. */
export const DEMO_CAMPAIGN_ID = campaignIdOf(PLAN.unitId, 'kt-mophong');
export const DEMO_TEAM = 'doan-1';
export const DEMO_DEPARTMENT = 'noi-vu';
/** The demo accounts (seeds/demo-users.json) that write it. */
export const CAMPAIGN_PEOPLE = {
  creator: 'quangxuong.huyen',
  team: 'quangxuong.doan1',
  department: 'quangxuong.noivu',
  commune: 'tanphong.congan',
} as const;
/** Teams 02–05's one simulated member each: listed in the team's people, so the write rule lets it record. */
export const SIMULATED_TEAM_MEMBERS: readonly { team: string; id: string; username: string; displayName: string }[] = PLAN.teams
  .filter((t) => t.id !== DEMO_TEAM)
  .map((t) => {
    const slug = t.id.replace(/[^a-z0-9]/g, '');
    return { team: t.id, id: `u-sim-${slug}`, username: `mophong.${slug}`, displayName: `Thành viên ${t.name} (mô phỏng)` };
  });
/** The commune of team 01 that answered, was visited and concluded (its standing body has a demo login). */
export const CONCLUDED_UNIT = 'qx-tan-phong';

// ── The dates (pure) ────────────────────────────────────────────────────────────────────

/** "A few working days" before today: time for one visit and its conclusion to be done. */
const WINDOW_START_BEFORE_TODAY = 4;
// The plan's dates as working days apart (003 §V.2): from 03/8 to before 25/8 is 16, registration
// "trước ngày 01/8" 2 before the window, the report "trước ngày 30/8" 3 after it.
const WINDOW_WORKING_DAYS = workingDaysBetween(PLAN.window.from, PLAN.window.before);
const REGISTER_BEFORE_WINDOW = PLAN.rules.registerBefore ? workingDaysBetween(PLAN.rules.registerBefore, PLAN.window.from) : 1;
const REPORT_AFTER_WINDOW = PLAN.rules.reportBefore ? workingDaysBetween(PLAN.window.before, PLAN.rules.reportBefore) : 0;

/** One inspected unit's record as the demo leaves it (null: not done). */
export interface DemoVisit {
  unit: string;
  scheduledOn: string;
  notifiedOn: string | null;
  answersSentOn: string | null;
  visitedOn: string | null;
  concludedOn: string | null;
}

export interface DemoCampaignDates {
  today: string;
  createdOn: string;
  /** The day team 01 entered its schedule (before the registration deadline). */
  registeredOn: string;
  window: Campaign['window'];
  rules: Campaign['rules'];
  /** Team 01's units in the plan's order, Tân Phong first. */
  visits: DemoVisit[];
  /** Teams 02–05's units, per team id, in the plan's order. */
  otherVisits: { team: string; visits: DemoVisit[] }[];
  departmentSentOn: string;
}

/**
 * The campaign's dates for a demo started on `today` (a day in Vietnam) with team 01's units
 * `units` (Tân Phong first, then at least two more): all done days lie before today, so every
 * stamp is in the past; due days come from the same working-day rules unitState applies.
 */
export function demoCampaignDates(today: string, units: readonly string[], otherTeams: readonly Pick<CampaignTeam, 'id' | 'units'>[] = []): DemoCampaignDates {
  const from = workingDaysBefore(today, WINDOW_START_BEFORE_TODAY);
  const before = addWorkingDays(from, WINDOW_WORKING_DAYS);
  const registerBefore = PLAN.rules.registerBefore ? workingDaysBefore(from, REGISTER_BEFORE_WINDOW) : null;
  const lastWorkingDay = workingDaysBefore(today, 1);
  const [concluded, notified, noticeLate, ...later] = units;
  const visits: DemoVisit[] = [];
  if (concluded) {
    // Notified on the last day the rule allows, answers sent the working day before the visit,
    // conclusion 3 working days after it (the rule allows 5): all on time, all before today.
    visits.push({ unit: concluded, scheduledOn: from, notifiedOn: workingDaysBefore(from, 2), answersSentOn: workingDaysBefore(from, 1), visitedOn: from, concludedOn: addWorkingDays(from, 3) });
  }
  // Visit 2 working days ahead: its notice is due today at the latest (or was, when today is a day
  // off), and went out on the last working day.
  if (notified) visits.push({ unit: notified, scheduledOn: addWorkingDays(today, 2), notifiedOn: lastWorkingDay, answersSentOn: null, visitedOn: null, concludedOn: null });
  // Visit on the next working day: 2 working days of notice ended before today, none was sent.
  if (noticeLate) visits.push({ unit: noticeLate, scheduledOn: addWorkingDays(today, 1), notifiedOn: null, answersSentOn: null, visitedOn: null, concludedOn: null });
  later.forEach((unit, i) => visits.push({ unit, scheduledOn: addWorkingDays(today, 4 + 2 * i), notifiedOn: null, answersSentOn: null, visitedOn: null, concludedOn: null }));
  // Teams 02–05 (index j): teams 02 and 03 visited their first commune 2 and 1 working days ago
  // (notice 2 working days before, the commune's answers the working day before, the conclusion's
  // 5 working days not yet over); one commune notified for a visit 3 working days ahead; the rest
  // from 4–5 working days ahead, 2 apart, all before the window's end (today + 12 working days),
  // their notice not yet due.
  const otherVisits = otherTeams.map((team, j) => {
    const out: DemoVisit[] = [];
    const [first, ...rest] = team.units;
    let queue = rest;
    if (first && j < 2) {
      const visitedOn = workingDaysBefore(today, 2 - j);
      out.push({ unit: first, scheduledOn: visitedOn, notifiedOn: workingDaysBefore(visitedOn, 2), answersSentOn: workingDaysBefore(visitedOn, 1), visitedOn, concludedOn: null });
    } else if (first) queue = team.units;
    const [notifiedUnit, ...later] = queue;
    if (notifiedUnit) out.push({ unit: notifiedUnit, scheduledOn: addWorkingDays(today, 3), notifiedOn: lastWorkingDay, answersSentOn: null, visitedOn: null, concludedOn: null });
    later.forEach((unit, i) => out.push({ unit, scheduledOn: addWorkingDays(today, 4 + (j % 2) + 2 * i), notifiedOn: null, answersSentOn: null, visitedOn: null, concludedOn: null }));
    return { team: team.id, visits: out };
  });
  return {
    today,
    createdOn: workingDaysBefore(registerBefore ?? from, 5),
    registeredOn: workingDaysBefore(registerBefore ?? from, 1),
    window: { from, before },
    rules: { ...PLAN.rules, registerBefore, reportBefore: PLAN.rules.reportBefore ? addWorkingDays(before, REPORT_AFTER_WINDOW) : null },
    visits,
    otherVisits,
    departmentSentOn: workingDaysBefore(today, 2),
  };
}

/** A plan date moved by whole months, a month's last day staying its last day ("đến hết tháng 5/2023"). */
function shiftMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const lastOf = (i: number) => new Date(Date.UTC(Math.floor(i / 12), (i % 12) + 1, 0)).getUTCDate();
  const monthEnd = d === lastOf(y * 12 + (m - 1));
  const day = monthEnd ? lastOf(index) : Math.min(d, lastOf(index));
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The campaign record's values: the plan, re-dated and marked simulated, with its people. */
export function demoCampaignValues(dates: DemoCampaignDates, teams: readonly CampaignTeam[], mark: string): Record<string, FieldValue> {
  const months = monthIndex(dates.window.from) - monthIndex(PLAN.window.from);
  const outlines: CampaignOutline[] = PLAN.outlines.map((o) => ({
    ...o,
    // "từ năm 2022": the start moves by whole years and stays a year's first day.
    dataFrom: shiftMonths(o.dataFrom, 12 * Math.floor(months / 12)),
    dataTo: shiftMonths(o.dataTo, months),
    departments: o.departments.map((d) => (d.id === DEMO_DEPARTMENT ? { ...d, people: [CAMPAIGN_PEOPLE.department] } : d)),
  }));
  const title = `${PLAN.title.replace(/năm \d{4}$/, `năm ${dates.window.from.slice(0, 4)}`)} (${mark.toLowerCase()})`;
  const basis = `${mark}: các mốc thời gian của kế hoạch năm ${PLAN.window.from.slice(0, 4)} được dời đến thời điểm hiện tại. Căn cứ: ${PLAN.basis}`;
  return {
    title,
    basis,
    window: dates.window,
    rules: dates.rules,
    teams: teams.map((t) => {
      const simulated = SIMULATED_TEAM_MEMBERS.find((m) => m.team === t.id);
      return t.id === DEMO_TEAM ? { ...t, people: [CAMPAIGN_PEOPLE.team] } : simulated ? { ...t, people: [simulated.username] } : t;
    }),
    outlines,
  } as Record<string, FieldValue>;
}

// ── Writing it ──────────────────────────────────────────────────────────────────────────

export interface CampaignHistoryDeps {
  tx: StoreTx;
  tree: OrgTree;
  now: number;
  version: string;
  mark: string;
  /** The seeded outlines (kind "inspection"). */
  templates: readonly ChecklistTemplate[];
  rand: (seedText: string) => () => number;
  /** A plausible answer to an outline item (the history's), null for none. */
  answer: (item: ChecklistItem, rand: () => number) => FieldValue;
  write: (coll: Collection, id: string, unit: string, values: Record<string, FieldValue>, at: number, author: string) => Promise<void>;
}

export interface CampaignHistoryResult {
  written: boolean;
  /** Records a check refused (not written), with the reason: a bug of this file when not empty. */
  refused: string[];
}

/** The instant of a Vietnam day at a local hour (UTC+7). */
const at = (date: string, hour: number) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour - 7, 0);

export async function simulateCampaign(d: CampaignHistoryDeps): Promise<CampaignHistoryResult> {
  const none: CampaignHistoryResult = { written: false, refused: [] };
  const unit = d.tree.byId.get(PLAN.unitId);
  if (!unit || unit.closedOn || (await d.tx.getDoc('campaign', DEMO_CAMPAIGN_ID))) return none;
  const people = {
    creator: await d.tx.getUserByUsername(CAMPAIGN_PEOPLE.creator),
    team: await d.tx.getUserByUsername(CAMPAIGN_PEOPLE.team),
    department: await d.tx.getUserByUsername(CAMPAIGN_PEOPLE.department),
    commune: await d.tx.getUserByUsername(CAMPAIGN_PEOPLE.commune),
  };
  if (!people.creator || !people.team || !people.department || !people.commune) return none;

  // The plan's communes that are open units of the district (as the form keeps them).
  const open = (u: string) => {
    const x = d.tree.byId.get(u);
    return x !== undefined && !x.closedOn && d.tree.isWithin(u, PLAN.unitId);
  };
  const teams = PLAN.teams.map((t) => ({ ...t, units: t.units.filter(open) }));
  const own = teams.find((t) => t.id === DEMO_TEAM)?.units ?? [];
  const units = own.includes(CONCLUDED_UNIT) ? [CONCLUDED_UNIT, ...own.filter((u) => u !== CONCLUDED_UNIT)] : own;
  const dates = demoCampaignDates(vnDateOf(d.now), units, teams.filter((t) => t.id !== DEMO_TEAM));

  // Teams 02–05's simulated members (once; none can log in: a random password nobody holds).
  const members = new Map<string, UserRecord>();
  let unusable: string | null = null;
  for (const m of SIMULATED_TEAM_MEMBERS) {
    if (!(await d.tx.getUserByUsername(m.username))) {
      unusable ??= await hashPassword(randomBytes(24).toString('base64url'));
      await d.tx.createUser({ id: m.id, username: m.username, displayName: m.displayName, role: 'districtOfficer', unitId: PLAN.unitId, passwordHash: unusable, createdAt: d.now });
    }
    const user = await d.tx.getUserByUsername(m.username);
    if (user) members.set(m.team, user);
  }
  // The communes' simulated standing bodies (history.ts) answer for the visited communes of teams 02–05.
  const standing = new Map((await d.tx.listUsers()).filter((u) => u.role === 'communeStanding' && u.displayName.endsWith('(mô phỏng)')).map((u) => [u.unitId, u]));

  const refused: string[] = [];
  let scope: CampaignScope | null = null;
  /** The push's checks, then the write; false when refused. */
  const put = async (author: UserRecord, coll: Collection, id: string, recordUnit: string, values: Record<string, FieldValue>, when: number): Promise<boolean> => {
    const reason = refusalOf(d.tree, author, coll, id, recordUnit, values, scope);
    if (reason) {
      refused.push(`${coll} ${id} (${author.username}): ${reason}`);
      return false;
    }
    await d.write(coll, id, recordUnit, values, Math.min(when, d.now), author.id);
    return true;
  };

  const values = demoCampaignValues(dates, teams, d.mark);
  const problems = campaignProblems({ window: dates.window, rules: dates.rules, teams, outlines: values.outlines as CampaignOutline[] });
  if (problems.length > 0) return { written: false, refused: problems.map((p) => `campaign ${DEMO_CAMPAIGN_ID}: ${p.message}`) };
  if (!(await put(people.creator, 'campaign', DEMO_CAMPAIGN_ID, PLAN.unitId, values, at(dates.createdOn, 9)))) return { written: false, refused };
  // The rules below read the campaign as stored, as the push does.
  const stored = await d.tx.getDoc('campaign', DEMO_CAMPAIGN_ID);
  const campaign = stored && campaignOf(DEMO_CAMPAIGN_ID, PLAN.unitId, docValues(stored));
  if (!campaign) return { written: true, refused: [...refused, `campaign ${DEMO_CAMPAIGN_ID}: không đọc lại được`] };
  scope = campaignScopeOf(campaign);

  const rand = d.rand(`${DEMO_CAMPAIGN_ID}|${d.version}`);
  const communeOutline = d.templates.find((t) => t.id === campaign.outlines.find((o) => o.level === 'commune')?.templateId);
  const districtOutline = d.templates.find((t) => t.id === campaign.outlines.find((o) => o.level === 'district')?.templateId);
  const answers = (template: ChecklistTemplate, sections: ReadonlySet<string> | null) => {
    const out: Record<string, FieldValue> = {};
    for (const s of template.sections) {
      if (sections && !sections.has(s.id)) continue;
      for (const item of s.items) {
        const v = d.answer(item, rand);
        if (v !== null) out[`${ANSWER_FIELD_PREFIX}${item.id}`] = v;
      }
    }
    return out;
  };

  // Team 01 registers its schedule; then notices, the unit's answers, the visit, the conclusion.
  for (const v of dates.visits) {
    await put(people.team, 'inspection', campaignUnitIdOf(DEMO_CAMPAIGN_ID, v.unit), v.unit, { scheduledOn: v.scheduledOn }, at(dates.registeredOn, 15));
  }
  for (const v of dates.visits) {
    const id = campaignUnitIdOf(DEMO_CAMPAIGN_ID, v.unit);
    if (v.notifiedOn) await put(people.team, 'inspection', id, v.unit, { notifiedOn: v.notifiedOn }, at(v.notifiedOn, 10));
    // Only the unit's own standing body answers (Tân Phong's demo account).
    if (v.answersSentOn && communeOutline && v.unit === people.commune.unitId) {
      await put(people.commune, 'campaignAnswer', id, v.unit, { ...answers(communeOutline, null), [ANSWER_SENT_FIELD]: v.answersSentOn }, at(v.answersSentOn, 16));
    }
    if (v.visitedOn) await put(people.team, 'inspection', id, v.unit, { visitedOn: v.visitedOn, findings: findings(d.mark) }, at(v.visitedOn, 17));
    if (v.concludedOn) await put(people.team, 'inspection', id, v.unit, { conclusion: conclusion(d.mark, d.tree.byId.get(v.unit)?.name ?? v.unit), concludedOn: v.concludedOn }, at(v.concludedOn, 10));
  }

  // Phòng Nội vụ's response: the common sections and its own, sent.
  if (districtOutline) {
    const part = new Set(departmentSections(districtOutline, districtDepartments(campaign), DEMO_DEPARTMENT));
    const id = campaignPartIdOf(DEMO_CAMPAIGN_ID, PLAN.unitId, DEMO_DEPARTMENT);
    await put(people.department, 'campaignAnswer', id, PLAN.unitId, { ...answers(districtOutline, part), [ANSWER_SENT_FIELD]: dates.departmentSentOn }, at(dates.departmentSentOn, 14));
  }
  // Teams 02–05, the same steps (after the answers above, which keep their random draws) by their simulated members.
  for (const { team, visits } of dates.otherVisits) {
    const member = members.get(team);
    if (!member) {
      refused.push(`inspection ${team}: không có thành viên mô phỏng`);
      continue;
    }
    for (const v of visits) await put(member, 'inspection', campaignUnitIdOf(DEMO_CAMPAIGN_ID, v.unit), v.unit, { scheduledOn: v.scheduledOn }, at(dates.registeredOn, 16));
    for (const v of visits) {
      const id = campaignUnitIdOf(DEMO_CAMPAIGN_ID, v.unit);
      if (v.notifiedOn) await put(member, 'inspection', id, v.unit, { notifiedOn: v.notifiedOn }, at(v.notifiedOn, 11));
      if (v.answersSentOn && communeOutline) {
        const body = standing.get(v.unit);
        if (body) await put(body, 'campaignAnswer', id, v.unit, { ...answers(communeOutline, null), [ANSWER_SENT_FIELD]: v.answersSentOn }, at(v.answersSentOn, 16));
        else refused.push(`campaignAnswer ${id}: không có tài khoản mô phỏng của đơn vị`);
      }
      if (v.visitedOn) await put(member, 'inspection', id, v.unit, { visitedOn: v.visitedOn, findings: findings(d.mark) }, at(v.visitedOn, 17));
    }
  }

  return { written: true, refused };
}

/** What a push would refuse of these values (sync/push.ts, check-change.ts), or null. */
function refusalOf(tree: OrgTree, author: UserRecord, coll: Collection, id: string, unit: string, values: Record<string, FieldValue>, scope: CampaignScope | null): string | null {
  const idUnit = unitOfRecord(coll, id);
  if (!idUnit.ok) return idUnit.message;
  if (idUnit.unit !== unit) return `bản ghi thuộc ${idUnit.unit}, không phải ${unit}`;
  const ref = needsCampaign(coll) ? parseCampaignUnitId(id) : null;
  const who = writeRefusal(author, { coll, unit, campaign: scope, part: ref?.part ?? null }, tree.byId);
  if (who) return who;
  for (const [field, value] of Object.entries(values)) {
    const bad = checkChangeValue(coll, field, value) ?? idFieldProblem(coll, id, field, value) ?? (ref ? campaignFieldRefusal(coll, ref.part, field, scope) : null);
    if (bad) return `${field}: ${bad}`;
  }
  return null;
}

const findings = (mark: string) =>
  `${mark}. Đơn vị đã kiện toàn Tổ công tác Đề án 06 và Tổ công nghệ số cộng đồng ở các thôn, khu phố; Bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến; ` +
  'còn một phần hồ sơ, kết quả giải quyết thủ tục hành chính chưa được số hóa; tỷ lệ kích hoạt tài khoản định danh điện tử mức 2 chưa đạt chỉ tiêu.';
const conclusion = (mark: string, unitName: string) =>
  `${mark}. ${unitName.charAt(0).toUpperCase()}${unitName.slice(1)} cơ bản hoàn thành các nhiệm vụ của Đề án 06 trong kỳ kiểm tra. Đề nghị: hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn tồn; ` +
  'đẩy mạnh hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức 2; báo cáo kết quả khắc phục về Tổ công tác Đề án 06 huyện.';
