// Inspection campaigns (issue 11, document 003), a lazy chunk: the list, a district officer
// creating a campaign from the seeded plan, the campaign view per team and per unit with its
// state, due dates and what is late, a team member's record of a visit, and the inspected
// unit's answers to its outline (the checklist form, on this campaign's record).
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { SaveBar } from '../app/SaveBar.tsx';
import { useServices } from '../app/services.ts';
import { navigate } from '../app/hooks.ts';
import { useSeenFields } from '../app/use-seen-fields.ts';
import { ChecklistForm } from '../checklists/ChecklistForm.tsx';
import { answersOf } from '../checklists/answers.ts';
import { completion, isAnswered } from '../domain/checklist.ts';
import { writeRefusal, type Writer } from '../domain/access.ts';
import {
  ANSWER_SENT_FIELD,
  CAMPAIGN_FIELDS,
  EMPTY_UNIT_STATE,
  INSPECTION_FIELDS,
  STEPS,
  campaignProblems,
  campaignScopeOf,
  teamOf,
  teamSummary,
  unitState,
  type Campaign,
  type CampaignTeam,
  type LateStep,
  type UnitState,
} from '../domain/campaign.ts';
import { indexUnits, isWithin, type OrgUnit } from '../domain/org.ts';
import { campaignIdOf, campaignUnitIdOf } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { CampaignPlanSeed, campaignFromPlan } from '../seed/campaign-schema.ts';
import planJson from '../../seeds/plans/campaign-qx-2023.json';
import { useCampaigns, useToday, useUnitRecords, type UnitRecords } from './data.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import './inspections.css';

const PLAN = CampaignPlanSeed.parse(planJson);
const HOME = '#/inspections';
const campaignHref = (id: string) => `#/inspections/${encodeURIComponent(id)}`;

export default function InspectionsScreens({ route }: { route: string[] }) {
  const [, second, third, fourth] = route;
  if (!second) return <CampaignList />;
  if (second === 'new') return <CreateCampaign />;
  if (third === 'unit' && fourth) return <InspectionScreen campaignId={second} unitId={fourth} />;
  if (third === 'answer') return <AnswerScreen campaignId={second} />;
  return <CampaignView campaignId={second} />;
}

function useWriter(): Writer {
  const { session } = useServices();
  return { role: session.user.role, unitId: session.user.unitId, username: session.user.username };
}

function useTree() {
  const { seed } = useServices();
  return useMemo(() => indexUnits(seed.units), [seed]);
}

const unitName = (units: readonly OrgUnit[], id: string) => units.find((u) => u.id === id)?.name ?? id;

/** The campaigns that concern this person: an officer's own and those above; a unit's where it is inspected. */
function concerns(campaign: Campaign, writer: Writer): boolean {
  if (writer.role === 'communeStanding' || writer.role === 'communeLeader') return teamOf(campaign, writer.unitId) !== null;
  return true;
}

function Page({ title, back, children }: { title: ComponentChildren; back?: { href: string; label: ComponentChildren }; children: ComponentChildren }) {
  return (
    <Layout title={title} active="checklists" back={back}>
      {children}
    </Layout>
  );
}

// ── List ────────────────────────────────────────────────────────────────────────────

function CampaignList() {
  const writer = useWriter();
  const tree = useTree();
  const campaigns = useCampaigns();
  const mayCreate = writeRefusal(writer, { coll: 'campaign', unit: writer.unitId }, tree) === null;
  const mine = campaigns?.filter((x) => concerns(x, writer));
  return (
    <Page title={m.title}>
      <h2 class="subtitle">{m.listHeading}</h2>
      {mayCreate && (
        <p>
          <a class="btn-primary insp-create" href="#/inspections/new">
            {m.create}
          </a>
        </p>
      )}
      {!mine ? (
        <p>{c.loading}</p>
      ) : mine.length === 0 ? (
        <p class="card">{writer.role === 'communeStanding' || writer.role === 'communeLeader' ? m.noneForCommune : m.none}</p>
      ) : (
        <ul class="list insp-list" data-testid="campaign-list">
          {mine.map((x) => (
            <li>
              <a href={campaignHref(x.id)}>
                <strong lang="vi">{x.title}</strong>
                <br />
                <span class="muted">{m.window(x.window.from, x.window.before)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

// ── Create ──────────────────────────────────────────────────────────────────────────

interface TeamDraft {
  id: string;
  name: string;
  lead: string;
  members: string;
  people: string;
  bodies: string;
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const people = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

function CreateCampaign() {
  const { store, seed, session } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaigns = useCampaigns();
  // The plan's communes that lie under this officer's unit (an officer of another district
  // starts from the plan's teams and rules with no communes assigned).
  const below = useMemo(() => seed.units.filter((u) => u.level === 'commune' && isWithin(u.id, writer.unitId, tree)), [seed, writer.unitId, tree]);
  const [title, setTitle] = useState(PLAN.title);
  const [basis, setBasis] = useState(PLAN.basis);
  const [from, setFrom] = useState(PLAN.window.from);
  const [before, setBefore] = useState(PLAN.window.before);
  const [registerBefore, setRegisterBefore] = useState(PLAN.rules.registerBefore ?? '');
  const [noticeDays, setNoticeDays] = useState(String(PLAN.rules.noticeWorkingDays));
  const [conclusionDays, setConclusionDays] = useState(String(PLAN.rules.conclusionWorkingDays));
  const [reportBefore, setReportBefore] = useState(PLAN.rules.reportBefore ?? '');
  const [teams, setTeams] = useState<TeamDraft[]>(() =>
    PLAN.teams.map((t) => ({ id: t.id, name: t.name, lead: t.lead, members: t.members.join('\n'), people: t.people.join(', '), bodies: t.bodies.join('\n') })),
  );
  const [assigned, setAssigned] = useState<Record<string, string>>(() =>
    Object.fromEntries(PLAN.teams.flatMap((t) => t.units.filter((u) => below.some((b) => b.id === u)).map((u) => [u, t.id]))),
  );
  const [outlines, setOutlines] = useState(() => PLAN.outlines.map((o) => ({ ...o, use: true })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (writeRefusal(writer, { coll: 'campaign', unit: writer.unitId }, tree) !== null)
    return (
      <Page title={m.createTitle} back={{ href: HOME, label: m.back }}>
        <p class="error" lang="vi">
          {writeRefusal(writer, { coll: 'campaign', unit: writer.unitId }, tree)}
        </p>
      </Page>
    );

  const setTeam = (i: number, patch: Partial<TeamDraft>) => setTeams(teams.map((t, j) => (j === i ? { ...t, ...patch } : t)));

  async function save(e: Event) {
    e.preventDefault();
    const notice = Number(noticeDays);
    const conclusion = Number(conclusionDays);
    if (!Number.isInteger(notice) || notice < 0 || !Number.isInteger(conclusion) || conclusion < 0) return setError(m.badNumber);
    const values: Record<string, FieldValue> = {
      title: title.trim(),
      basis: basis.trim(),
      window: { from, before },
      rules: { registerBefore: registerBefore || null, noticeWorkingDays: notice, conclusionWorkingDays: conclusion, reportBefore: reportBefore || null },
      teams: teams.map((t): CampaignTeam => ({
        id: t.id,
        name: t.name.trim(),
        lead: t.lead.trim(),
        members: lines(t.members),
        people: people(t.people),
        units: Object.entries(assigned)
          .filter(([, team]) => team === t.id)
          .map(([u]) => u),
        bodies: lines(t.bodies),
      })),
      outlines: outlines.filter((o) => o.use).map(({ use: _use, ...o }) => o),
    };
    for (const [field, schema] of Object.entries(CAMPAIGN_FIELDS)) {
      const r = schema.safeParse(values[field]);
      if (!r.success) return setError(m.invalid(r.error.issues[0]?.message ?? field));
    }
    const problems = campaignProblems(values as unknown as Pick<Campaign, 'window' | 'teams' | 'rules'>);
    if (problems.length > 0) return setError(m.invalid(problems[0]!.message));
    // The plan's own id when this is the plan's unit and it is not taken yet; else a new one.
    const taken = new Set(campaigns?.map((x) => x.id));
    const planId = campaignIdOf(writer.unitId, PLAN.slug);
    const id = writer.unitId === PLAN.unitId && !taken.has(planId) ? planId : campaignIdOf(writer.unitId, `kt-${from.replaceAll('-', '')}-${Date.now().toString(36)}`);
    setBusy(true);
    try {
      await store.write('campaign', id, writer.unitId, values, session.user.id);
      navigate(`/inspections/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(c.saveFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  }

  const date = (label: string, value: string, set: (v: string) => void, testid: string) => (
    <label>
      {label}
      <input type="date" value={value} data-testid={testid} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );

  return (
    <Page title={m.createTitle} back={{ href: HOME, label: m.back }}>
      <p class="muted">
        {m.fromPlan} <span lang="vi">{PLAN.basis}</span>
      </p>
      <p class="muted">{m.planNote}</p>
      <form class="form insp-form" noValidate onSubmit={(e) => void save(e)}>
        <label>
          {m.fieldTitle}
          <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} lang="vi" />
        </label>
        <label>
          {m.fieldBasis}
          <textarea rows={3} value={basis} onInput={(e) => setBasis(e.currentTarget.value)} lang="vi" />
        </label>
        <fieldset class="card">
          <legend>{m.rulesHeading}</legend>
          {date(m.windowFrom, from, setFrom, 'window-from')}
          {date(m.windowBefore, before, setBefore, 'window-before')}
          {date(m.registerBefore, registerBefore, setRegisterBefore, 'register-before')}
          <label>
            {m.noticeDays}
            <input inputMode="numeric" value={noticeDays} onInput={(e) => setNoticeDays(e.currentTarget.value)} />
          </label>
          <label>
            {m.conclusionDays}
            <input inputMode="numeric" value={conclusionDays} onInput={(e) => setConclusionDays(e.currentTarget.value)} />
          </label>
          {date(m.reportBefore, reportBefore, setReportBefore, 'report-before')}
        </fieldset>
        <h3>{m.teamsHeading}</h3>
        {teams.map((t, i) => (
          <details class="card insp-team-edit" data-team={t.id} open={i === 0}>
            <summary lang="vi">{t.name}</summary>
            <label>
              {m.teamName}
              <input value={t.name} onInput={(e) => setTeam(i, { name: e.currentTarget.value })} lang="vi" />
            </label>
            <label>
              {m.teamLead}
              <input value={t.lead} onInput={(e) => setTeam(i, { lead: e.currentTarget.value })} lang="vi" />
            </label>
            <label>
              {m.teamMembers}
              <textarea rows={3} value={t.members} onInput={(e) => setTeam(i, { members: e.currentTarget.value })} lang="vi" />
            </label>
            <label>
              {m.teamPeople}
              <input value={t.people} autoCapitalize="off" spellcheck={false} onInput={(e) => setTeam(i, { people: e.currentTarget.value })} />
            </label>
            <label>
              {m.teamBodies}
              <textarea rows={3} value={t.bodies} onInput={(e) => setTeam(i, { bodies: e.currentTarget.value })} lang="vi" />
            </label>
          </details>
        ))}
        <details class="card">
          <summary>{m.unitsHeading}</summary>
          {below.map((u) => (
            <label class="insp-assign">
              <span lang="vi">{u.name}</span>
              <select value={assigned[u.id] ?? ''} onChange={(e) => setAssigned({ ...assigned, [u.id]: e.currentTarget.value })}>
                <option value="">{m.notInspected}</option>
                {teams.map((t) => (
                  <option value={t.id}>{t.name}</option>
                ))}
              </select>
            </label>
          ))}
        </details>
        <fieldset class="card">
          <legend>{m.outlinesHeading}</legend>
          {outlines.map((o, i) => {
            const template = seed.checklists.find((x) => x.id === o.templateId);
            const patch = (p: Partial<typeof o>) => setOutlines(outlines.map((x, j) => (j === i ? { ...x, ...p } : x)));
            return (
              <div class="insp-outline">
                <label class="insp-check">
                  <input type="checkbox" checked={o.use} onChange={(e) => patch({ use: e.currentTarget.checked })} />
                  <span lang="vi">{template?.title ?? o.templateId}</span>
                </label>
                {date(m.dataFrom, o.dataFrom, (v) => patch({ dataFrom: v }), `data-from-${o.level}`)}
                {date(m.dataTo, o.dataTo, (v) => patch({ dataTo: v }), `data-to-${o.level}`)}
                {o.departments.length > 0 && (
                  <>
                    <p class="muted">{m.departments(o.departments.length)}</p>
                    <ul class="insp-departments">
                      {o.departments.map((d) => (
                        <li>
                          <span lang="vi">{d.name}</span> <span class="muted">({d.sections.join(', ')})</span>
                        </li>
                      ))}
                    </ul>
                    <p class="muted">{m.departmentsNote}</p>
                  </>
                )}
              </div>
            );
          })}
        </fieldset>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
      </form>
    </Page>
  );
}

// ── Campaign view ───────────────────────────────────────────────────────────────────

function useCampaign(campaignId: string): Campaign | null | undefined {
  const campaigns = useCampaigns();
  return campaigns && (campaigns.find((x) => x.id === campaignId) ?? null);
}

/** The first step still to do and its due day, for a unit with nothing late. */
function nextDue(st: UnitState): { step: LateStep; due: string } | null {
  const order: [LateStep, boolean, string | null][] = [
    ['register', st.steps.scheduled, st.due.register],
    ['notice', st.steps.notified, st.due.notice],
    ['answers', st.steps.answered, st.due.answers],
    ['visit', st.steps.inspected, st.due.visit],
    ['conclusion', st.steps.concluded, st.due.conclusion],
  ];
  const next = order.find(([, done, due]) => !done && due !== null);
  return next ? { step: next[0], due: next[2]! } : null;
}

function StateLines({ st, scheduledOn }: { st: UnitState; scheduledOn: string | null }) {
  const next = st.late.length === 0 ? nextDue(st) : null;
  return (
    <>
      <ol class="insp-steps" aria-label={st.stage ? m.step(st.stage) : m.notScheduled}>
        {STEPS.map((s) => (
          <li class={st.steps[s] ? 'insp-done' : 'insp-todo'} data-step={s} data-done={st.steps[s] ? 'yes' : 'no'} title={m.step(s)}>
            {st.steps[s] ? '✓ ' : '○ '}
            {m.stepShort(s)}
          </li>
        ))}
      </ol>
      {scheduledOn && <p class="muted">{m.scheduledOn(scheduledOn)}</p>}
      {st.late.map((l) => (
        <p class="late" data-testid="late">
          {l.doneOn ? m.lateDone(l.step, l.due, l.doneOn) : m.late(l.step, l.due)}
        </p>
      ))}
      {st.outsideWindow && <p class="late">{m.outsideWindow}</p>}
      {next && <p class="muted">{m.next(next.step, next.due)}</p>}
    </>
  );
}

function CampaignView({ campaignId }: { campaignId: string }) {
  const { seed } = useServices();
  const writer = useWriter();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const today = useToday();
  if (campaign === undefined || records === undefined) return <Page title={m.title}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.title} back={{ href: HOME, label: m.back }}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  const stateOf = (u: string) => unitState(campaign, records.get(u)?.state ?? EMPTY_UNIT_STATE, today);
  const isCommune = writer.role === 'communeStanding' || writer.role === 'communeLeader';
  const ownTeam = teamOf(campaign, writer.unitId);
  const teams = isCommune ? (ownTeam ? [ownTeam] : []) : campaign.teams;
  return (
    <Page title={m.title} back={{ href: HOME, label: m.back }}>
      <h2 class="subtitle" lang="vi">
        {campaign.title}
      </h2>
      <section class="card insp-head" data-testid="campaign-head">
        <p>{m.window(campaign.window.from, campaign.window.before)}</p>
        <p class="muted">{m.rulesLine(campaign.rules.noticeWorkingDays, campaign.rules.conclusionWorkingDays)}</p>
        {campaign.rules.registerBefore && <p class="muted">{m.registerDue(prevDay(campaign.rules.registerBefore))}</p>}
        {campaign.rules.reportBefore && <p class="muted">{m.reportDue(prevDay(campaign.rules.reportBefore))}</p>}
      </section>
      {isCommune && ownTeam && (
        <CommuneCard campaign={campaign} team={ownTeam} st={stateOf(writer.unitId)} records={records.get(writer.unitId)} units={seed.units} unitId={writer.unitId} />
      )}
      {!isCommune &&
        teams.map((team) => {
          const summary = teamSummary(campaign, team, stateOf);
          const member = writer.username !== undefined && team.people.includes(writer.username);
          return (
            <section class="card insp-team" data-testid={`team-${team.id}`}>
              <h3 lang="vi">
                {team.name}
                {member && <span class="chip chip-in insp-mine">{m.yourTeam}</span>}
              </h3>
              <p>
                {m.lead} <span lang="vi">{team.lead}</span>
              </p>
              {team.members.length > 0 && (
                <p class="muted">
                  {m.members} <span lang="vi">{team.members.join('; ')}</span>
                </p>
              )}
              <p class="muted">{team.people.length ? `${m.people} ${team.people.join(', ')}` : m.noPeople}</p>
              <p data-testid={`team-counts-${team.id}`}>
                <strong>{m.teamCounts(summary.units, summary.reached.concluded, summary.late)}</strong>
              </p>
              {summary.reportDue && <p class="muted">{m.reportDue(summary.reportDue)}</p>}
              <ul class="list insp-units">
                {team.units.map((u) => {
                  const st = stateOf(u);
                  return (
                    <li data-testid={`unit-${u}`} data-stage={st.stage ?? 'none'} data-late={st.late.length > 0 ? 'yes' : 'no'}>
                      <span class="insp-unit-head">
                        <strong lang="vi">{unitName(seed.units, u)}</strong>
                        {st.late.length > 0 && <span class="chip insp-late-chip">{m.lateCount(st.late.length)}</span>}
                      </span>
                      <StateLines st={st} scheduledOn={records.get(u)?.state.scheduledOn ?? null} />
                      {member && (
                        <a class="btn-small" href={`${campaignHref(campaign.id)}/unit/${encodeURIComponent(u)}`}>
                          {m.record}
                        </a>
                      )}
                    </li>
                  );
                })}
              </ul>
              {team.bodies.length > 0 && (
                <p class="muted">
                  {m.bodies} <span lang="vi">{team.bodies.join('; ')}</span>
                </p>
              )}
            </section>
          );
        })}
    </Page>
  );
}

/** The last on-time day of a "trước ngày X" rule. */
const prevDay = (d: string) => {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

function CommuneCard({ campaign, team, st, records, units, unitId }: { campaign: Campaign; team: CampaignTeam; st: UnitState; records: UnitRecords | undefined; units: readonly OrgUnit[]; unitId: string }) {
  const { seed } = useServices();
  const outline = campaign.outlines.find((o) => o.level === 'commune');
  const template = outline && seed.checklists.find((t) => t.id === outline.templateId);
  const answers = answersOf((records?.answers ?? {}) as Record<string, FieldValue>);
  return (
    <section class="card insp-team" data-testid={`unit-${unitId}`} data-stage={st.stage ?? 'none'}>
      <h3>
        {m.yourUnit}: <span lang="vi">{unitName(units, unitId)}</span>
      </h3>
      <p>
        {m.teamOfUnit} <span lang="vi">{team.name}</span> — {m.lead} <span lang="vi">{team.lead}</span>
      </p>
      <StateLines st={st} scheduledOn={records?.state.scheduledOn ?? null} />
      {template && outline && (
        <>
          <p class="muted">
            <span lang="vi">{template.title}</span> · {m.dataPeriod(outline.dataFrom, outline.dataTo)}
          </p>
          <p>{m.answeredCount(Math.round(completion(template, answers) * template.sections.reduce((n, s) => n + s.items.length, 0)), template.sections.reduce((n, s) => n + s.items.length, 0))}</p>
          <a class="btn-primary" href={`${campaignHref(campaign.id)}/answer`}>
            {m.answer}
          </a>
        </>
      )}
      {st.steps.concluded && records && (
        <>
          <h4>{m.conclusionHeading}</h4>
          <p lang="vi" class="insp-conclusion">
            {records.state.conclusion}
          </p>
        </>
      )}
    </section>
  );
}

// ── A team member's record of one visit ───────────────────────────────────────────────

const DATE_FIELDS = ['scheduledOn', 'notifiedOn', 'visitedOn', 'concludedOn'] as const;
const TEXT_FIELDS = ['findings', 'conclusion'] as const;

function InspectionScreen({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { seed } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const recordId = campaignUnitIdOf(campaignId, unitId);
  const draft = useSeenFields('inspection', recordId, unitId);
  const today = useToday();
  const back = { href: campaignHref(campaignId), label: m.backToCampaign };
  if (campaign === undefined || !draft.ready) return <Page title={m.recordTitle}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.recordTitle} back={back}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  const mayWrite = writeRefusal(writer, { coll: 'inspection', unit: unitId, campaign: campaignScopeOf(campaign) }, tree) === null;
  const raw = (f: string) => draft.dirty[f] ?? (typeof draft.stored[f] === 'string' ? (draft.stored[f] as string) : '');
  const parsed = (f: string): string | null => raw(f) || null;
  const st = unitState(
    campaign,
    {
      scheduledOn: parsed('scheduledOn'),
      notifiedOn: parsed('notifiedOn'),
      visitedOn: parsed('visitedOn'),
      concludedOn: parsed('concludedOn'),
      conclusion: raw('conclusion'),
      answersSentOn: records?.get(unitId)?.state.answersSentOn ?? null,
    },
    today,
  );
  const outline = campaign.outlines.find((o) => o.level === 'commune');
  const template = outline && seed.checklists.find((t) => t.id === outline.templateId);
  const answers = answersOf((records?.get(unitId)?.answers ?? {}) as Record<string, FieldValue>);
  const total = template?.sections.reduce((n, s) => n + s.items.length, 0) ?? 0;

  async function save(e: Event) {
    e.preventDefault();
    if (draft.busy) return;
    const values: Record<string, FieldValue> = {};
    for (const f of [...DATE_FIELDS, ...TEXT_FIELDS]) {
      if (!(f in draft.dirty)) continue;
      const v = DATE_FIELDS.includes(f as (typeof DATE_FIELDS)[number]) ? parsed(f) : raw(f);
      const r = INSPECTION_FIELDS[f].safeParse(v);
      if (!r.success) return draft.setNotice({ kind: 'error', text: m.invalid(r.error.issues[0]?.message ?? f) });
      if ((draft.stored[f] ?? (DATE_FIELDS.includes(f as (typeof DATE_FIELDS)[number]) ? null : '')) !== v) values[f] = v;
    }
    if (raw('conclusion').trim() !== '' && !parsed('concludedOn')) return draft.setNotice({ kind: 'error', text: m.conclusionNeedsDate });
    await draft.commit([draft.edit(values)]);
  }

  const label: Record<string, string> = {
    scheduledOn: m.fieldScheduled,
    notifiedOn: m.fieldNotified,
    visitedOn: m.fieldVisited,
    concludedOn: m.fieldConcluded,
    findings: m.fieldFindings,
    conclusion: m.fieldConclusion,
  };
  const hint: Record<string, string | null> = {
    notifiedOn: st.due.notice && m.dueNotice(st.due.notice),
    concludedOn: st.due.conclusion && m.dueConclusion(st.due.conclusion),
  };
  return (
    <Page title={m.recordTitle} back={back}>
      <h2 class="subtitle" lang="vi">
        {unitName(seed.units, unitId)}
      </h2>
      <p class="muted" lang="vi">
        {campaign.title}
      </p>
      {!mayWrite && <p class="notice">{m.notMember}</p>}
      <section class="card">
        <StateLines st={st} scheduledOn={null} />
        {template && (
          <p class="muted">
            {m.answersOfUnit}: {st.steps.answered && records?.get(unitId)?.state.answersSentOn ? m.answersSent(records.get(unitId)!.state.answersSentOn!) : m.answersNotSent} ·{' '}
            {m.answeredCount(Math.round(completion(template, answers) * total), total)}
          </p>
        )}
      </section>
      <form class="form insp-form" noValidate onSubmit={(e) => void save(e)}>
        {DATE_FIELDS.slice(0, 3).map((f) => (
          <label>
            {label[f]}
            <input type="date" name={f} value={raw(f)} disabled={!mayWrite} onInput={(e) => draft.setField(f, e.currentTarget.value)} />
            {hint[f] && <small class="muted">{hint[f]}</small>}
          </label>
        ))}
        {TEXT_FIELDS.map((f) => (
          <label>
            {label[f]}
            <textarea name={f} rows={4} value={raw(f)} disabled={!mayWrite} onInput={(e) => draft.setField(f, e.currentTarget.value)} />
          </label>
        ))}
        <label>
          {label.concludedOn}
          <input type="date" name="concludedOn" value={raw('concludedOn')} disabled={!mayWrite} onInput={(e) => draft.setField('concludedOn', e.currentTarget.value)} />
          {hint.concludedOn && <small class="muted">{hint.concludedOn}</small>}
        </label>
        {mayWrite && <SaveBar draft={draft} />}
      </form>
    </Page>
  );
}

// ── The inspected unit's answers ──────────────────────────────────────────────────────

function AnswerScreen({ campaignId }: { campaignId: string }) {
  const { seed, session, store } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const back = { href: campaignHref(campaignId), label: m.backToCampaign };
  const today = useToday();
  if (campaign === undefined || records === undefined) return <Page title={m.answer}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.answer} back={back}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  const unit = writer.unitId;
  const level = unit === campaign.unitId ? 'district' : 'commune';
  const outline = campaign.outlines.find((o) => o.level === level);
  const refusal = writeRefusal(writer, { coll: 'campaignAnswer', unit, campaign: campaignScopeOf(campaign) }, tree);
  if (!outline || refusal)
    return (
      <Page title={m.answer} back={back}>
        {refusal ? (
          <p class="error" lang="vi">
            {refusal}
          </p>
        ) : (
          <p class="error">{m.cannotAnswer}</p>
        )}
      </Page>
    );
  const recordId = campaignUnitIdOf(campaign.id, unit);
  const st = unitState(campaign, records.get(unit)?.state ?? EMPTY_UNIT_STATE, today);
  const sentOn = records.get(unit)?.state.answersSentOn ?? null;
  const send = async () => {
    await store.write('campaignAnswer', recordId, unit, { [ANSWER_SENT_FIELD]: today }, session.user.id);
  };
  const template = seed.checklists.find((t) => t.id === outline.templateId);
  const required = template ? template.sections.flatMap((s) => s.items).filter((i) => i.required) : [];
  const answers = answersOf((records.get(unit)?.answers ?? {}) as Record<string, FieldValue>);
  const requiredLeft = required.filter((i) => !isAnswered(answers[i.id])).length;
  return (
    <ChecklistForm
      templateId={outline.templateId}
      target={{
        coll: 'campaignAnswer',
        id: recordId,
        unit,
        back,
        intro: (
          <p class="muted">
            {m.answerIntro(campaign.title)} · {m.dataPeriod(outline.dataFrom, outline.dataTo)}
          </p>
        ),
        footer: (
          <section class="card insp-send" data-testid="send-answers">
            <h3>{m.sendHeading}</h3>
            <p class="muted">{m.sendNote(st.due.answers)}</p>
            {requiredLeft > 0 && <p class="muted">{m.requiredCount(required.length - requiredLeft, required.length)}</p>}
            {sentOn ? (
              <p class="ok" role="status">
                {m.sent(sentOn)}
              </p>
            ) : (
              <button type="button" class="btn-secondary" onClick={() => void send()}>
                {m.send}
              </button>
            )}
          </section>
        ),
      }}
    />
  );
}
