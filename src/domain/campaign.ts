// Inspection campaigns (issue 11, document 003): a district or province officer runs a plan of
// teams, each with a lead unit and members, visiting the units it inspects within a window and
// under working-day rules; the inspected unit answers its outline for THIS campaign beforehand,
// the team records findings and a conclusion per unit. Three synced records
// (src/domain/sync/collections.ts): the campaign ("<unit>:<slug>", its working group's: access.ts isWorkingGroup), one
// inspection per unit ("<campaign>@<unit>", the team's) and each team's report
// ("<campaign>@<campaign's unit>~<team>"), the unit's answers ("<campaign>@<unit>", the unit's)
// and each district department's response ("<campaign>@<district>~<department>", merged by
// campaign-merge.ts). Pure: due dates and per-unit state from working-days.ts.
import * as z from 'zod/mini';
import { IsoDate } from './common.ts';
import { addWorkingDays, workingDaysBefore } from './working-days.ts';
import type { FieldValue } from './sync/merge.ts';
import type { CampaignScope } from './access.ts';
import { searchKey } from './text.ts';
import { RECORD_ID_MAX } from './sync/ids.ts';

const Name = z.string().check(z.trim(), z.minLength(1, 'Không được để trống'), z.maxLength(300));
const UnitId = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,80}$/, 'Mã đơn vị không hợp lệ'));
/** People are named by username (what an officer knows of a colleague), as in people.ts. */
const Username = z.string().check(z.regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 chữ không dấu, số, dấu chấm, gạch'));

/**
 * A team's or department's id names its record ("<campaign>@<unit>~<id>", ids.ts), which must
 * fit RecordId's 120 characters: short enough that campaign id + unit + id always do
 * (campaignProblems checks the sum for the campaign at hand).
 */
export const PART_ID_MAX = 40;
const PartId = z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'Mã đoàn, phòng ban chỉ gồm chữ không dấu, số, dấu chấm, gạch'), z.minLength(1), z.maxLength(PART_ID_MAX, `Mã đoàn, phòng ban tối đa ${PART_ID_MAX} ký tự`));

export const CampaignTeam = z.object({
  id: PartId,
  name: Name,
  /** The lead unit "(Trưởng đoàn)" as the document names it: a body, not a person. */
  lead: Name,
  /** The other member bodies, in the document's words. */
  members: z.array(Name).check(z.maxLength(30)),
  /** Accounts of the team's people: they record findings and conclusions on their phones. */
  people: z.array(Username).check(z.maxLength(50)),
  /** Org units the team inspects (communes). */
  units: z.array(UnitId).check(z.maxLength(100)),
  /** Bodies it inspects that are not org units of the app (district departments), by name. */
  bodies: z.array(Name).check(z.maxLength(30)),
});
export type CampaignTeam = z.infer<typeof CampaignTeam>;

export const CampaignWindow = z.object({
  from: IsoDate,
  /** "kết thúc trước ngày …": the first day NOT in the window. */
  before: IsoDate,
});
export type CampaignWindow = z.infer<typeof CampaignWindow>;

export const CampaignRules = z.object({
  /** Teams register their schedule before this day (003 §V.2(1): "trước ngày 01/8/2023"). */
  registerBefore: z.nullable(IsoDate),
  /** Notice reaches the unit at least this many working days before the visit (§V.2(2)). */
  noticeWorkingDays: z.int().check(z.minimum(0), z.maximum(30)),
  /** The conclusion goes out within this many working days of the visit (§V.2(3)). */
  conclusionWorkingDays: z.int().check(z.minimum(0), z.maximum(60)),
  /** The teams' report reaches the standing body before this day (§V.2(4)). */
  reportBefore: z.nullable(IsoDate),
});
export type CampaignRules = z.infer<typeof CampaignRules>;

/**
 * A district body that answers the district outline on its own (003 Phụ lục 2 A: "tại phòng,
 * ban, ngành, đơn vị, đoàn thể cấp huyện"), with the extra sections the "Lưu ý" gives it. Its
 * response is its own record ("<campaign>@<unit>~<id>", ids.ts): the common sections (those no
 * department owns) and its own, merged into the district's answer (campaign-merge.ts).
 */
const OutlineDepartmentStored = z.object({
  /** Stable within the outline: it names the department's response record. Absent in records
   * of the release before departments had ids: derived from the name (departmentIdsOf). */
  id: z.optional(PartId),
  name: Name,
  sections: z.array(UnitId).check(z.maxLength(20)),
  /**
   * Accounts that answer for it. Empty (or absent, as the previous release stored it): the
   * departments have no accounts in the app, and an officer of the working group types the
   * response in from the department's paper report.
   */
  people: z.optional(z.array(Username).check(z.maxLength(20))),
});

/** A department as the app uses it: id and people always present. */
export type OutlineDepartment = {
  id: string;
  name: string;
  sections: string[];
  people: string[];
};

/** A stable id from a department's name ("Phòng Nội vụ" → "phong-noi-vu"), unique in its outline. */
export function departmentIdsOf(departments: readonly z.infer<typeof OutlineDepartmentStored>[]): OutlineDepartment[] {
  const used = new Set(departments.flatMap((d) => (d.id ? [d.id] : [])));
  return departments.map((d, i) => {
    if (d.id) return { id: d.id, name: d.name, sections: d.sections, people: d.people ?? [] };
    const slug = searchKey(d.name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, PART_ID_MAX - 4).replace(/-+$/, '');
    let id = slug || `phong-${i + 1}`;
    if (used.has(id)) id = `${slug || 'phong'}-${i + 1}`;
    used.add(id);
    return { id, name: d.name, sections: d.sections, people: d.people ?? [] };
  });
}

const CampaignOutlineStored = z.object({
  /** A seeded checklist template (kind "inspection"). */
  templateId: UnitId,
  level: z.enum(['commune', 'district']),
  /** The data period the answers cover ("Số liệu … từ năm 2022 đến hết tháng 5/2023"). */
  dataFrom: IsoDate,
  dataTo: IsoDate,
  /** Departments that report sections of their own in addition (the district outline's "Lưu ý"). */
  departments: z.array(OutlineDepartmentStored).check(z.maxLength(30)),
});

/** An outline; departments stored without id or people (the previous release) parse with their defaults. */
export const CampaignOutline = z.pipe(
  CampaignOutlineStored,
  z.transform((o) => ({ ...o, departments: departmentIdsOf(o.departments) })),
);
export type CampaignOutline = z.output<typeof CampaignOutline>;

/** Each outline parsed on its own: one bad outline does not hide the others. */
export function outlinesOf(value: unknown): CampaignOutline[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o) => {
    const r = CampaignOutline.safeParse(o);
    return r.success ? [r.data] : [];
  });
}

/** The campaign record's fields and their validators (the `campaign` collection). */
export const CAMPAIGN_FIELDS = {
  title: z.string().check(z.trim(), z.minLength(1, 'Nhập tên đợt kiểm tra'), z.maxLength(500)),
  /** The plan it implements: number, date, issuer, as the document says. */
  basis: z.string().check(z.maxLength(2000)),
  window: CampaignWindow,
  rules: CampaignRules,
  teams: z.array(CampaignTeam).check(z.minLength(1, 'Cần ít nhất một đoàn kiểm tra'), z.maxLength(30)),
  outlines: z.array(CampaignOutline).check(z.maxLength(4)),
};

const LongText = z.string().check(z.maxLength(20_000));
/** One inspected unit's visit: recorded by its team (the `inspection` collection, "<campaign>@<unit>"). */
export const VISIT_FIELDS = {
  scheduledOn: z.nullable(IsoDate),
  notifiedOn: z.nullable(IsoDate),
  visitedOn: z.nullable(IsoDate),
  findings: LongText,
  conclusion: LongText,
  concludedOn: z.nullable(IsoDate),
};
/**
 * A team's report of its results to the standing body (003 §V.2(4), "trước ngày 30/8/2023"): in
 * the same collection, on the record "<campaign>@<campaign's unit>~<team>" (ids.ts).
 */
export const TEAM_REPORT_FIELDS = {
  report: LongText,
  reportSentOn: z.nullable(IsoDate),
};
/** Every field of the `inspection` collection; which record may hold which: inspectionFieldProblem. */
export const INSPECTION_FIELDS = { ...VISIT_FIELDS, ...TEAM_REPORT_FIELDS };

/** The dates of a visit's record, in the order the form shows them. */
export const VISIT_DATE_FIELDS = ['scheduledOn', 'notifiedOn', 'visitedOn', 'concludedOn'] as const;
export type VisitDateField = (typeof VISIT_DATE_FIELDS)[number];

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const NOTICE_AFTER_VISIT = 'Ngày gửi thông báo không được sau ngày tiến hành kiểm tra';
export const CONCLUSION_BEFORE_VISIT = 'Ngày ban hành kết luận không được trước ngày tiến hành kiểm tra';
export const CONCLUSION_BEFORE_NOTICE = 'Ngày ban hành kết luận không được trước ngày gửi thông báo kiểm tra';
export const noticeAfterToday = (today: string) => `Ngày gửi thông báo không được sau hôm nay (${dmy(today)})`;
export const visitAfterToday = (today: string) =>
  `Ngày tiến hành kiểm tra không được sau hôm nay (${dmy(today)}); ngày kiểm tra sắp tới ghi ở ô "Ngày kiểm tra (lịch đã đăng ký)"`;
export const conclusionAfterToday = (today: string) => `Ngày ban hành kết luận không được sau hôm nay (${dmy(today)})`;

/** Which rule a date breaks (the form words it in the interface language), and its Vietnamese message. */
export type VisitDateRule = 'noticeAfterToday' | 'noticeAfterVisit' | 'visitAfterToday' | 'conclusionAfterToday' | 'conclusionBeforeVisit' | 'conclusionBeforeNotice';
export interface VisitDateProblem {
  field: VisitDateField;
  rule: VisitDateRule;
  message: string;
}

/**
 * How the dates of one visit must agree (the form refuses and the server's record rule for
 * `inspection` refuses, record-rules.ts): the notice goes out no later than the visit, the
 * conclusion is issued no earlier than the visit (nor the notice), and what has happened — a
 * notice sent, a visit made, a conclusion issued — is not dated after `today` (a calendar day in
 * Vietnam; omitted: not checked). Same-day is allowed: a notice on the visit's day is late
 * (unitState says so), not impossible. The schedule (`scheduledOn`) is a plan and may lie
 * ahead, and no date requires another: a team member may record the conclusion before a
 * colleague's visit date has synced. At most one message per field, the first that applies.
 */
export function visitDateProblems(v: Partial<Record<VisitDateField, string | null>>, today?: string): VisitDateProblem[] {
  const out: VisitDateProblem[] = [];
  const { notifiedOn, visitedOn, concludedOn } = v;
  if (notifiedOn) {
    if (today && notifiedOn > today) out.push({ field: 'notifiedOn', rule: 'noticeAfterToday', message: noticeAfterToday(today) });
    else if (visitedOn && notifiedOn > visitedOn) out.push({ field: 'notifiedOn', rule: 'noticeAfterVisit', message: NOTICE_AFTER_VISIT });
  }
  if (visitedOn && today && visitedOn > today) out.push({ field: 'visitedOn', rule: 'visitAfterToday', message: visitAfterToday(today) });
  if (concludedOn) {
    if (today && concludedOn > today) out.push({ field: 'concludedOn', rule: 'conclusionAfterToday', message: conclusionAfterToday(today) });
    else if (visitedOn && concludedOn < visitedOn) out.push({ field: 'concludedOn', rule: 'conclusionBeforeVisit', message: CONCLUSION_BEFORE_VISIT });
    else if (notifiedOn && concludedOn < notifiedOn) out.push({ field: 'concludedOn', rule: 'conclusionBeforeNotice', message: CONCLUSION_BEFORE_NOTICE });
  }
  return out;
}

/** The visit's dates among a record's values (a value that is not a calendar date: none). */
export function visitDatesOf(values: Readonly<Record<string, FieldValue>>): Record<VisitDateField, string | null> {
  const date = (x: FieldValue | undefined) => (typeof x === 'string' && IsoDate.safeParse(x).success ? x : null);
  return { scheduledOn: date(values.scheduledOn), notifiedOn: date(values.notifiedOn), visitedOn: date(values.visitedOn), concludedOn: date(values.concludedOn) };
}

/** The unit's answers carry "a.<itemId>" fields (as a checklist) and the day it sent them. */
export const ANSWER_SENT_FIELD = 'sentOn';

/** A campaign as the screens and rules use it. */
export interface Campaign {
  id: string;
  unitId: string;
  title: string;
  basis: string;
  window: CampaignWindow;
  rules: CampaignRules;
  teams: CampaignTeam[];
  outlines: CampaignOutline[];
}

/** A campaign record's merged values → Campaign, or null when it lacks a valid core field. */
export function campaignOf(id: string, unitId: string, values: Readonly<Record<string, FieldValue>>): Campaign | null {
  const parse = <T>(schema: z.ZodMiniType<T>, v: unknown): T | null => {
    const r = schema.safeParse(v);
    return r.success ? r.data : null;
  };
  const title = parse(CAMPAIGN_FIELDS.title, values.title);
  const window = parse(CAMPAIGN_FIELDS.window, values.window);
  const rules = parse(CAMPAIGN_FIELDS.rules, values.rules);
  const teams = parse(CAMPAIGN_FIELDS.teams, values.teams);
  if (title === null || window === null || rules === null || teams === null) return null;
  return {
    id,
    unitId,
    title,
    basis: parse(CAMPAIGN_FIELDS.basis, values.basis) ?? '',
    window,
    rules,
    teams,
    outlines: outlinesOf(values.outlines),
  };
}

/** What campaignProblems may also check, where the caller knows it. */
export interface CampaignContext {
  /** The campaign's record id: every team's and department's record id must then fit (ids.ts RECORD_ID_MAX). */
  campaignId?: string;
  /** The section ids of a seeded outline template, null when no template has that id. */
  templateSections?: (templateId: string) => readonly string[] | null;
}


/**
 * Problems of a campaign that the form refuses and the server refuses on a push (field path →
 * Vietnamese message); each part is checked when present, so a record still being created
 * field by field is checked as far as it goes.
 */
export function campaignProblems(
  c: Partial<Pick<Campaign, 'window' | 'teams' | 'rules'>> & { outlines?: readonly CampaignOutline[] },
  ctx: CampaignContext = {},
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (c.window && c.window.before <= c.window.from) out.push({ field: 'window', message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  // A part's record is "<campaign>@<campaign's unit>~<part>": it must fit the id limit.
  const unit = ctx.campaignId?.split(':')[0];
  const tooLong = (part: string) => ctx.campaignId !== undefined && `${ctx.campaignId}@${unit}~${part}`.length > RECORD_ID_MAX;
  const seen = new Map<string, string>();
  const teamIds = new Set<string>();
  (c.teams ?? []).forEach((t, i) => {
    if (teamIds.has(t.id)) out.push({ field: `teams.${i}.id`, message: `Hai đoàn cùng mã ${t.id}` });
    teamIds.add(t.id);
    if (tooLong(t.id)) out.push({ field: `teams.${i}.id`, message: `Mã đoàn ${t.id} quá dài cho mã bản ghi báo cáo của đoàn` });
    for (const u of t.units) {
      const other = seen.get(u);
      if (other !== undefined) out.push({ field: `teams.${i}.units`, message: `Đơn vị ${u} đã thuộc ${other}` });
      else seen.set(u, t.name);
    }
  });
  // A department names its response record, and a section is answered by one department only
  // — a section of the outline's own template.
  (c.outlines ?? []).forEach((o, i) => {
    const ids = new Set<string>();
    const owner = new Map<string, string>();
    const sections = ctx.templateSections?.(o.templateId);
    if (ctx.templateSections && !sections) out.push({ field: `outlines.${i}.templateId`, message: `Không có mẫu đề cương ${o.templateId}` });
    const known = sections ? new Set(sections) : null;
    o.departments.forEach((d, j) => {
      const at = `outlines.${i}.departments.${j}`;
      if (ids.has(d.id)) out.push({ field: `${at}.id`, message: `Hai phòng, ban cùng mã ${d.id}` });
      ids.add(d.id);
      if (tooLong(d.id)) out.push({ field: `${at}.id`, message: `Mã phòng, ban ${d.id} quá dài cho mã bản ghi trả lời của phòng, ban` });
      d.sections.forEach((s, k) => {
        if (known && !known.has(s)) out.push({ field: `${at}.sections.${k}`, message: `Đề cương không có phần ${s}` });
        const other = owner.get(s);
        if (other !== undefined) out.push({ field: `${at}.sections.${k}`, message: `Phần ${s} đã giao cho ${other}` });
        else owner.set(s, d.name);
      });
    });
  });
  return out;
}

/**
 * The problems of a campaign record's merged values (the server's record rule for `campaign`):
 * each field that parses is checked; a field that does not parse was refused on its own.
 */
export function campaignRecordProblems(id: string, values: Readonly<Record<string, FieldValue>>, templateSections?: CampaignContext['templateSections']): { field: string; message: string }[] {
  const parse = <T>(schema: z.ZodMiniType<T>, v: unknown): T | undefined => {
    const r = schema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  const window = parse(CAMPAIGN_FIELDS.window, values.window);
  const teams = parse(CAMPAIGN_FIELDS.teams, values.teams);
  const outlines = parse(CAMPAIGN_FIELDS.outlines, values.outlines);
  return campaignProblems({ ...(window ? { window } : {}), ...(teams ? { teams } : {}), ...(outlines ? { outlines } : {}) }, { campaignId: id, ...(templateSections ? { templateSections } : {}) });
}

/** The district outline's departments (none when the campaign has no district outline). */
export const districtDepartments = (c: Pick<Campaign, 'outlines'>): readonly OutlineDepartment[] => c.outlines.find((o) => o.level === 'district')?.departments ?? [];

/** The team that inspects `unitId`, if any. */
export const teamOf = (c: Pick<Campaign, 'teams'>, unitId: string): CampaignTeam | null => c.teams.find((t) => t.units.includes(unitId)) ?? null;

// ── Due dates and state ───────────────────────────────────────────────────────────────

const DAY = 86_400_000;
/** The calendar day `n` days after an ISO date (n may be negative). */
export function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

/** What the team and the unit have recorded for one inspected unit. */
export interface UnitRecordState {
  scheduledOn: string | null;
  notifiedOn: string | null;
  visitedOn: string | null;
  concludedOn: string | null;
  conclusion: string;
  /** The day the unit sent its answers to the team (null: not sent). */
  answersSentOn: string | null;
}

export const EMPTY_UNIT_STATE: UnitRecordState = { scheduledOn: null, notifiedOn: null, visitedOn: null, concludedOn: null, conclusion: '', answersSentOn: null };

/** Each deadline is the LAST day on which the step is on time. */
export interface UnitDueDates {
  /** Schedule registered: the day before `registerBefore`. */
  register: string | null;
  /** Notice sent: `noticeWorkingDays` working days before the visit. */
  notice: string | null;
  /** Answers sent to the team: by the visit, where the unit reports to the team (003 §III.2, §V.4). */
  answers: string | null;
  /** The visit itself: the window's last day. */
  visit: string;
  /** Conclusion issued: `conclusionWorkingDays` working days after the visit. */
  conclusion: string | null;
  /** The team's report: the day before `reportBefore`. */
  report: string | null;
}

export function unitDueDates(c: Pick<Campaign, 'window' | 'rules'>, s: Pick<UnitRecordState, 'scheduledOn' | 'visitedOn'>): UnitDueDates {
  const visit = s.visitedOn ?? s.scheduledOn;
  return {
    register: c.rules.registerBefore ? addDays(c.rules.registerBefore, -1) : null,
    notice: s.scheduledOn && c.rules.noticeWorkingDays > 0 ? workingDaysBefore(s.scheduledOn, c.rules.noticeWorkingDays) : s.scheduledOn,
    answers: s.scheduledOn,
    visit: addDays(c.window.before, -1),
    conclusion: visit ? addWorkingDays(visit, c.rules.conclusionWorkingDays) : null,
    report: c.rules.reportBefore ? addDays(c.rules.reportBefore, -1) : null,
  };
}

export const STEPS = ['scheduled', 'notified', 'answered', 'inspected', 'concluded'] as const;
export type Step = (typeof STEPS)[number];
export type LateStep = 'register' | 'notice' | 'answers' | 'visit' | 'conclusion';

export interface Lateness {
  step: LateStep;
  /** The last on-time day. */
  due: string;
  /** When it was done (late), or null: not done and the due day has passed. */
  doneOn: string | null;
}

export interface UnitState {
  steps: Record<Step, boolean>;
  /** The furthest step reached, in the plan's order; null before the visit is scheduled. */
  stage: Step | null;
  due: UnitDueDates;
  late: Lateness[];
  /** A visit scheduled outside the window. */
  outsideWindow: boolean;
}

/**
 * The state of one inspected unit on `today` (a calendar day in Vietnam). A step is late when
 * it was done after its due day, or is not done and its due day has passed.
 */
export function unitState(c: Pick<Campaign, 'window' | 'rules'>, s: UnitRecordState, today: string): UnitState {
  const due = unitDueDates(c, s);
  const steps: Record<Step, boolean> = {
    scheduled: s.scheduledOn !== null,
    notified: s.notifiedOn !== null,
    answered: s.answersSentOn !== null,
    inspected: s.visitedOn !== null,
    concluded: s.concludedOn !== null && s.conclusion.trim() !== '',
  };
  let stage: Step | null = null;
  for (const step of STEPS) if (steps[step]) stage = step;
  const late: Lateness[] = [];
  const check = (step: LateStep, dueDay: string | null, doneOn: string | null) => {
    if (dueDay === null) return;
    if (doneOn !== null ? doneOn > dueDay : today > dueDay) late.push({ step, due: dueDay, doneOn });
  };
  // A schedule entered later than the registration day cannot be told from one entered on time
  // by its date alone; only a missing schedule is late here.
  if (!steps.scheduled) check('register', due.register, null);
  check('notice', due.notice, s.notifiedOn);
  check('answers', due.answers, s.answersSentOn);
  // The visit: by the scheduled day, and within the window in any case.
  const visitDue = s.scheduledOn !== null && s.scheduledOn < due.visit ? s.scheduledOn : due.visit;
  check('visit', visitDue, s.visitedOn);
  check('conclusion', s.visitedOn ? due.conclusion : null, steps.concluded ? s.concludedOn : null);
  const visit = s.visitedOn ?? s.scheduledOn;
  const outsideWindow = visit !== null && (visit < c.window.from || visit >= c.window.before);
  return { steps, stage, due, late, outsideWindow };
}

/** Counts per team: how many units reached each step, how many are late. */
export interface TeamSummary {
  team: CampaignTeam;
  units: number;
  reached: Record<Step, number>;
  late: number;
  /** The team's report is due (the last on-time day). */
  reportDue: string | null;
}

export function teamSummary(c: Campaign, team: CampaignTeam, stateOf: (unitId: string) => UnitState): TeamSummary {
  const reached: Record<Step, number> = { scheduled: 0, notified: 0, answered: 0, inspected: 0, concluded: 0 };
  let late = 0;
  for (const u of team.units) {
    const st = stateOf(u);
    for (const step of STEPS) if (st.steps[step]) reached[step]++;
    if (st.late.length > 0) late++;
  }
  return { team, units: team.units.length, reached, late, reportDue: c.rules.reportBefore ? addDays(c.rules.reportBefore, -1) : null };
}

/** The record values of an inspection and the unit's answers → UnitRecordState. */
export function unitRecordState(inspection: Readonly<Record<string, FieldValue>>, answers: Readonly<Record<string, FieldValue>>): UnitRecordState {
  const date = (v: FieldValue | undefined) => (typeof v === 'string' && IsoDate.safeParse(v).success ? v : null);
  return {
    scheduledOn: date(inspection.scheduledOn),
    notifiedOn: date(inspection.notifiedOn),
    visitedOn: date(inspection.visitedOn),
    concludedOn: date(inspection.concludedOn),
    conclusion: typeof inspection.conclusion === 'string' ? inspection.conclusion : '',
    answersSentOn: date(answers[ANSWER_SENT_FIELD]),
  };
}

// ── The teams' report ─────────────────────────────────────────────────────────────────

export interface TeamReportState {
  /** The last on-time day ("trước ngày X": X − 1), or null when the campaign sets none. */
  due: string | null;
  sentOn: string | null;
  /** Sent after the due day, or not sent and the due day has passed. */
  late: boolean;
}

/** A team's report on `today`, from its record's values (TEAM_REPORT_FIELDS). */
export function teamReportState(c: Pick<Campaign, 'rules'>, values: Readonly<Record<string, FieldValue>>, today: string): TeamReportState {
  const due = c.rules.reportBefore ? addDays(c.rules.reportBefore, -1) : null;
  const v = values.reportSentOn;
  const sentOn = typeof v === 'string' && IsoDate.safeParse(v).success ? v : null;
  return { due, sentOn, late: due !== null && (sentOn !== null ? sentOn > due : today > due) };
}

// ── Write rules ───────────────────────────────────────────────────────────────────────

/**
 * What the write rules need of a campaign (access.ts). `sections`: the district outline's
 * template section ids, where the caller knows the templates (the server's seed, the app's).
 */
export function campaignScopeOf(c: Pick<Campaign, 'unitId' | 'teams' | 'outlines'>, templateSections?: (templateId: string) => readonly string[] | null): CampaignScope {
  const district = c.outlines.find((o) => o.level === 'district');
  const sections = district && templateSections ? templateSections(district.templateId) : null;
  return {
    unit: c.unitId,
    teams: c.teams.map((t) => ({ id: t.id, name: t.name, people: t.people, units: t.units })),
    ownOutline: district !== undefined,
    departments: districtDepartments(c).map((d) => ({ id: d.id, name: d.name, people: d.people, sections: d.sections })),
    listed: [...new Set([...c.teams.flatMap((t) => t.people), ...c.outlines.flatMap((o) => o.departments.flatMap((d) => d.people))])],
    ...(sections ? { sections } : {}),
  };
}

/** The field of an answer to an outline item ("a.<item>"), as checklists name it. */
export const ANSWER_FIELD_PREFIX = 'a.';

/**
 * The section an outline item belongs to among `sections`: an item's id extends its section's
 * ("A.NV.1.a" is in "A.NV"; "A.10.1" is in "A.10", not "A.1"), the longest such section id.
 * The templates are built so (test/unit/campaign-merge.test.ts checks both district outlines).
 */
export function sectionOfItem(itemId: string, sections: Iterable<string>): string | null {
  let best: string | null = null;
  for (const s of sections) if ((itemId === s || itemId.startsWith(`${s}.`)) && (best === null || s.length > best.length)) best = s;
  return best;
}

/**
 * The department whose own section holds outline item `itemId` (null: a common item, which every
 * department answers) — the one rule the server's field check (access.ts) and the merged view
 * and forms (campaign-merge.ts) share. The item's section is found among the template's
 * section ids when known (`templateSections`), else among the departments' own sections.
 */
export function departmentOfItem<D extends { readonly sections: readonly string[] }>(itemId: string, departments: readonly D[], templateSections?: Iterable<string>): D | null {
  const section = sectionOfItem(itemId, templateSections ?? departments.flatMap((d) => d.sections));
  return section === null ? null : (departments.find((d) => d.sections.includes(section)) ?? null);
}
