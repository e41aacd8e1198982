// The campaign form's state as typed (text per input) and the campaign values it saves: the same
// for creating from the plan and for editing a campaign, so both validate alike.
import { CAMPAIGN_FIELDS, campaignProblems, type Campaign, type CampaignOutline, type CampaignTeam } from '../domain/campaign.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { m } from './messages.ts';

export interface TeamDraft {
  id: string;
  name: string;
  lead: string;
  members: string;
  people: string;
  bodies: string;
}

/** An outline as the form holds it: whether it is used, and each department's accounts as typed. */
export type OutlineDraft = CampaignOutline & { use: boolean; people: Record<string, string> };

export interface CampaignDraft {
  title: string;
  basis: string;
  from: string;
  before: string;
  registerBefore: string;
  noticeDays: string;
  conclusionDays: string;
  reportBefore: string;
  teams: TeamDraft[];
  /** Unit → team id. */
  assigned: Record<string, string>;
  outlines: OutlineDraft[];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const usernames = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

/**
 * The form's starting state. From a plan: its outlines all used, its units kept only where they
 * lie under the officer's unit. From a campaign: its own values, plus the plan's outlines it
 * does not use (unticked), so an edit can add one.
 */
export function draftOf(c: Omit<Campaign, 'id'>, keepUnit: (unitId: string) => boolean, planOutlines: readonly CampaignOutline[] = []): CampaignDraft {
  const outline = (o: CampaignOutline, use: boolean): OutlineDraft => ({ ...o, use, people: Object.fromEntries(o.departments.map((d) => [d.id, d.people.join(', ')])) });
  return {
    title: c.title,
    basis: c.basis,
    from: c.window.from,
    before: c.window.before,
    registerBefore: c.rules.registerBefore ?? '',
    noticeDays: String(c.rules.noticeWorkingDays),
    conclusionDays: String(c.rules.conclusionWorkingDays),
    reportBefore: c.rules.reportBefore ?? '',
    teams: c.teams.map((t) => ({ id: t.id, name: t.name, lead: t.lead, members: t.members.join('\n'), people: t.people.join(', '), bodies: t.bodies.join('\n') })),
    assigned: Object.fromEntries(c.teams.flatMap((t) => t.units.filter(keepUnit).map((u) => [u, t.id]))),
    outlines: [...c.outlines.map((o) => outline(o, true)), ...planOutlines.filter((p) => !c.outlines.some((o) => o.level === p.level)).map((o) => outline(o, false))],
  };
}

/** The campaign record's values the draft stands for, or the first problem (Vietnamese, as the form shows it). */
export function valuesOf(d: CampaignDraft): { ok: true; values: Record<string, FieldValue> } | { ok: false; message: string } {
  const notice = Number(d.noticeDays);
  const conclusion = Number(d.conclusionDays);
  if (d.noticeDays.trim() === '' || d.conclusionDays.trim() === '' || !Number.isInteger(notice) || notice < 0 || !Number.isInteger(conclusion) || conclusion < 0) {
    return { ok: false, message: m.badNumber };
  }
  const teams = d.teams.map((t): CampaignTeam => ({
    id: t.id,
    name: t.name.trim(),
    lead: t.lead.trim(),
    members: lines(t.members),
    people: usernames(t.people),
    units: Object.entries(d.assigned)
      .filter(([, team]) => team === t.id)
      .map(([u]) => u),
    bodies: lines(t.bodies),
  }));
  const outlines = d.outlines
    .filter((o) => o.use)
    .map(({ use: _use, people, ...o }): CampaignOutline => ({ ...o, departments: o.departments.map((x) => ({ ...x, people: usernames(people[x.id] ?? '') })) }));
  const values: Record<string, FieldValue> = {
    title: d.title.trim(),
    basis: d.basis.trim(),
    window: { from: d.from, before: d.before },
    rules: { registerBefore: d.registerBefore || null, noticeWorkingDays: notice, conclusionWorkingDays: conclusion, reportBefore: d.reportBefore || null },
    teams,
    outlines,
  };
  for (const [field, schema] of Object.entries(CAMPAIGN_FIELDS)) {
    const r = schema.safeParse(values[field]);
    if (!r.success) return { ok: false, message: m.invalid(r.error.issues[0]?.message ?? field) };
  }
  const problems = campaignProblems({ window: { from: d.from, before: d.before }, teams, rules: values.rules as Campaign['rules'], outlines });
  if (problems.length > 0) return { ok: false, message: m.invalid(problems[0]!.message) };
  return { ok: true, values };
}

/** JSON with object keys sorted: two values equal field for field compare equal. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** The fields an edit changed: only those are written, so a colleague's edit of another field stays (field-level merge). */
export function changedFields(before: Campaign, values: Record<string, FieldValue>): Record<string, FieldValue> {
  const current: Record<string, unknown> = { title: before.title, basis: before.basis, window: before.window, rules: before.rules, teams: before.teams, outlines: before.outlines };
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => canonical(current[k]) !== canonical(v)));
}
