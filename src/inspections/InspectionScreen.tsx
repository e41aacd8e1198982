// A team member's record of one visit: schedule, notice, visit, findings, conclusion — on
// their phone, offline; the unit's answers shown beside it.
import { SaveBar } from '../app/SaveBar.tsx';
import { useServices } from '../app/services.ts';
import { useSeenFields } from '../app/use-seen-fields.ts';
import { answersOf } from '../checklists/answers.ts';
import { completion } from '../domain/checklist.ts';
import { writeRefusal } from '../domain/access.ts';
import { INSPECTION_FIELDS, campaignScopeOf, unitState } from '../domain/campaign.ts';
import { campaignUnitIdOf, parseCampaignUnitId } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { useToday, useUnitRecords } from './data.ts';
import { HOME, Page, campaignHref, unitName, useCampaign, useTree, useWriter } from './shared.tsx';
import { StateLines } from './StateLines.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

const DATE_FIELDS = ['scheduledOn', 'notifiedOn', 'visitedOn', 'concludedOn'] as const;
const TEXT_FIELDS = ['findings', 'conclusion'] as const;

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
