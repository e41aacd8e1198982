// A team member's record of one visit: schedule, notice, visit, findings, conclusion — on
// their phone, offline; the unit's answers a tap away (UnitAnswers.tsx). The visit's dates are
// checked against each other and today as the server checks them (campaign.ts visitDateProblems),
// each message beside its field.
import { useState } from 'preact/hooks';
import { SaveBar } from '../app/SaveBar.tsx';
import { fieldParts, focusFirstInvalid } from '../app/FieldConflict.tsx';
import { useServices } from '../app/services.ts';
import { useSeenFields } from '../app/use-seen-fields.ts';
import { answersOf } from '../checklists/answers.ts';
import { completion } from '../domain/checklist.ts';
import { writeRefusal } from '../domain/access.ts';
import { INSPECTION_FIELDS, campaignScopeOf, unitState, visitDateProblems, visitDatesOf, type VisitDateField } from '../domain/campaign.ts';
import { campaignUnitIdOf, parseCampaignUnitId } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { usePulledOnce, useToday, useUnitRecords } from './data.ts';
import { HOME, Page, campaignHref, unitName, useCampaign, useTree, useWriter } from './shared.tsx';
import { StateLines } from './StateLines.tsx';
import { unitAnswersHref } from './UnitAnswers.tsx';
import { m, showDate } from './messages.ts';
import { m as c } from '../i18n/common.ts';

/** The fields in the order the form shows them (the first marked one gets the focus). */
const FIELDS = ['scheduledOn', 'notifiedOn', 'visitedOn', 'findings', 'conclusion', 'concludedOn'] as const;
type Field = (typeof FIELDS)[number];
const isDate = (f: Field): f is VisitDateField => f !== 'findings' && f !== 'conclusion';
const fieldId = (f: Field) => `insp-${f}`;
type Errors = Partial<Record<Field, string>>;

/** The route's ids come from the URL: a malformed one shows "not found" instead of throwing while rendering. */
export function InspectionScreen({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const ref = parseCampaignUnitId(`${campaignId}@${unitId}`);
  if (!ref || ref.part !== undefined) {
    return (
      <Page title={m.recordTitle} back={{ href: HOME, label: m.back }}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  }
  return <InspectionForm campaignId={campaignId} unitId={unitId} />;
}

function InspectionForm({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { seed } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const pulled = usePulledOnce();
  const recordId = campaignUnitIdOf(campaignId, unitId);
  const draft = useSeenFields('inspection', recordId, unitId);
  const [errors, setErrors] = useState<Errors>({});
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
  const rawOf = (f: Field, over: Partial<Record<Field, string>> = {}) => over[f] ?? draft.dirty[f] ?? (typeof draft.stored[f] === 'string' ? (draft.stored[f] as string) : '');
  const raw = (f: Field) => rawOf(f);
  /** What the field would store: a date input's '' is no date. */
  const valueOf = (f: Field, text: string): FieldValue => (isDate(f) ? text || null : text);
  const parsed = (f: Field): string | null => raw(f) || null;
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

  /**
   * The record as this save would leave it: each changed field's value, and the marked fields.
   * The dates' rules count only what the save would break (a record already broken by two
   * phones' edits does not stop an edit of its findings), as the server judges a push.
   */
  function check(over: Partial<Record<Field, string>> = {}): { errors: Errors; values: Record<string, FieldValue> } {
    const out: Errors = {};
    const values: Record<string, FieldValue> = {};
    const next: Record<string, FieldValue> = { ...draft.stored };
    for (const f of FIELDS) {
      if (!(f in draft.dirty) && !(f in over)) continue;
      const v = valueOf(f, rawOf(f, over));
      const r = INSPECTION_FIELDS[f].safeParse(v);
      if (!r.success) {
        out[f] = r.error.issues[0]?.message ?? m.fixMarked;
        continue;
      }
      next[f] = v;
      if ((draft.stored[f] ?? (isDate(f) ? null : '')) !== v) values[f] = v;
    }
    const key = (p: { field: string; rule: string }) => `${p.field}|${p.rule}`;
    const known = new Set(visitDateProblems(visitDatesOf(draft.stored), today).map(key));
    for (const p of visitDateProblems(visitDatesOf(next), today)) if (!known.has(key(p))) out[p.field] ??= m.dateRule(p.rule, today, p.message);
    if (rawOf('conclusion', over).trim() !== '' && !rawOf('concludedOn', over)) out.concludedOn ??= m.conclusionNeedsDate;
    return { errors: out, values };
  }

  function update(f: Field, text: string) {
    draft.setField(f, text);
    // Once a save was refused, the marks follow what is typed.
    if (Object.keys(errors).length > 0) {
      const next = check({ [f]: text }).errors;
      setErrors(next);
      if (Object.keys(next).length === 0 && draft.notice?.text === m.fixMarked) draft.setNotice(null);
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    if (draft.busy) return;
    const checked = check();
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      draft.setNotice({ kind: 'error', text: m.fixMarked });
      focusFirstInvalid(FIELDS, checked.errors, fieldId);
      return;
    }
    await draft.commit([draft.edit(checked.values)]);
  }

  const label: Record<Field, string> = {
    scheduledOn: m.fieldScheduled,
    notifiedOn: m.fieldNotified,
    visitedOn: m.fieldVisited,
    concludedOn: m.fieldConcluded,
    findings: m.fieldFindings,
    conclusion: m.fieldConclusion,
  };
  const hint: Partial<Record<Field, string | null>> = {
    notifiedOn: st.due.notice && m.dueNotice(st.due.notice),
    concludedOn: st.due.conclusion && m.dueConclusion(st.due.conclusion),
  };
  const shown = (f: Field, v: FieldValue) => (v === null || v === '' ? m.noValue : typeof v === 'string' && isDate(f) ? showDate(v) : String(v));
  const { error: fieldError, aria, versions } = fieldParts<Field>(draft, errors, {
    label: (f) => label[f],
    parse: (f, text) => valueOf(f, text),
    mine: (f, text) => shown(f, valueOf(f, text)),
    show: shown,
    onKeepMine: (f) => {
      const checked = check();
      if (checked.errors[f]) setErrors(checked.errors);
      else void draft.keep(f, valueOf(f, raw(f)));
    },
  });
  const field = (f: Field) => (
    <div class="field">
      <label>
        {label[f]}
        {isDate(f) ? (
          <input id={fieldId(f)} type="date" name={f} value={raw(f)} disabled={!mayWrite} {...aria(f)} onInput={(e) => update(f, e.currentTarget.value)} />
        ) : (
          <textarea id={fieldId(f)} name={f} rows={4} lang="vi" value={raw(f)} disabled={!mayWrite} {...aria(f)} onInput={(e) => update(f, e.currentTarget.value)} />
        )}
        {hint[f] && <small class="muted">{hint[f]}</small>}
      </label>
      {fieldError(f)}
      {versions(f)}
    </div>
  );
  const sentOn = records?.get(unitId)?.state.answersSentOn ?? null;
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
        {pulled === false ? (
          <p class="muted" role="status" data-testid="campaign-loading">
            {m.loadingCampaign}
          </p>
        ) : (
          <StateLines st={st} scheduledOn={null} />
        )}
        {template && (
          <p class="muted insp-answers-line" data-testid="unit-answers-line">
            <span>
              {m.answersOfUnit}: {sentOn ? m.answersSent(sentOn) : pulled === false ? m.loadingCampaign : m.answersNotSent} · {m.answeredCount(Math.round(completion(template, answers) * total), total)}
            </span>{' '}
            <a class="btn-small" href={unitAnswersHref(campaignId, unitId)}>
              {m.viewAnswers}
            </a>
          </p>
        )}
      </section>
      <form class="form insp-form" noValidate onSubmit={(e) => void save(e)}>
        {FIELDS.map(field)}
        {mayWrite && <SaveBar draft={draft} />}
      </form>
    </Page>
  );
}
