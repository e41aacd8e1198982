// The inspected unit's answers to its outline for this campaign: the checklist form on the
// campaign's own record, and "send to the team" with the day it was sent. At the campaign's own
// unit the district outline is answered in parts (003 Phụ lục 2 A): the person chooses whom they
// answer for — the working group's synthesis (the district's record) or one department (its
// own record: the common sections and its own) — and every part works offline alike.
import { useMemo } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { navigate } from '../app/hooks.ts';
import { ChecklistForm } from '../checklists/ChecklistForm.tsx';
import { answersOf } from '../checklists/answers.ts';
import { isAnswered, type ChecklistTemplate } from '../domain/checklist.ts';
import { writeRefusal, type Writer } from '../domain/access.ts';
import { ANSWER_SENT_FIELD, EMPTY_UNIT_STATE, campaignScopeOf, districtDepartments, unitState, type Campaign, type OutlineDepartment } from '../domain/campaign.ts';
import { departmentSections } from '../domain/campaign-merge.ts';
import { campaignPartIdOf, campaignUnitIdOf } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import type { UnitTree } from '../domain/access.ts';
import { usePartRecords, useQueued, useToday, useUnitRecords } from './data.ts';
import { Page, campaignHref, useCampaign, useTree, useWriter } from './shared.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

/** Whom this person may answer for at the campaign's unit: the working group, and which departments. */
export function answerChoices(campaign: Campaign, writer: Writer, tree: UnitTree): { group: boolean; departments: OutlineDepartment[] } {
  const scope = campaignScopeOf(campaign);
  const target = (part?: string) => ({ coll: 'campaignAnswer' as const, unit: campaign.unitId, campaign: scope, part: part ?? null });
  return {
    group: writer.unitId === campaign.unitId && writeRefusal(writer, target(), tree) === null,
    departments: districtDepartments(campaign).filter((d) => writeRefusal(writer, target(d.id), tree) === null),
  };
}

/**
 * Whom the person answers for when the route names no part: the department they are listed for,
 * else the working group's synthesis, else the one department they may type in (undefined: the
 * synthesis). A department's account never lands on the synthesis (its "Gửi" would send the district's).
 */
export function defaultPart(choices: ReturnType<typeof answerChoices>, writer: Writer): string | undefined {
  const name = writer.username;
  const own = name === undefined ? undefined : choices.departments.find((d) => d.people.includes(name));
  if (own) return own.id;
  return choices.group ? undefined : choices.departments[0]?.id;
}

export const answerHref = (campaignId: string, department?: string) => `${campaignHref(campaignId)}/answer${department ? `/${encodeURIComponent(department)}` : ''}`;
export const mergedHref = (campaignId: string) => `${campaignHref(campaignId)}/merged`;

/** "Trả lời với tư cách": the parts this person may answer, and the merged answer to read. */
export function RespondAs({ campaign, choices, current }: { campaign: Campaign; choices: ReturnType<typeof answerChoices>; current: string }) {
  const go = (v: string) => navigate((v === '~merged' ? mergedHref(campaign.id) : answerHref(campaign.id, v === '~group' ? undefined : v)).slice(1));
  return (
    <label class="insp-respond-as">
      {m.respondAs}
      <select value={current} data-testid="respond-as" onChange={(e) => go(e.currentTarget.value)}>
        {choices.group && <option value="~group">{m.asGroup}</option>}
        {choices.departments.map((d) => (
          <option value={d.id} lang="vi">
            {d.name}
          </option>
        ))}
        <option value="~merged">{m.asMerged}</option>
      </select>
    </label>
  );
}

export function AnswerScreen({ campaignId, department }: { campaignId: string; department?: string }) {
  const { seed, session, store } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const parts = usePartRecords(campaign ?? undefined);
  const back = { href: campaignHref(campaignId), label: m.backToCampaign };
  const today = useToday();
  const choices = useMemo(() => (campaign ? answerChoices(campaign, writer, tree) : null), [campaign, writer.role, writer.unitId, writer.username, tree]);
  const outlineOf = (level: 'district' | 'commune') => campaign?.outlines.find((o) => o.level === level);
  const districtTemplate = seed.checklists.find((t) => t.id === outlineOf('district')?.templateId);
  // At the campaign's own unit, the person's own part by default. Elsewhere (a commune account,
  // even one listed for a department) the route without a part is the unit's own outline.
  const atOwnUnit = campaign !== undefined && campaign !== null && writer.unitId === campaign.unitId;
  const asDepartment = department ?? (choices && atOwnUnit ? defaultPart(choices, writer) : undefined);
  const sections = useMemo(
    () => (campaign && districtTemplate && asDepartment ? departmentSections(districtTemplate, districtDepartments(campaign), asDepartment) : undefined),
    [campaign, districtTemplate, asDepartment],
  );
  if (campaign === undefined || records === undefined || parts === undefined || choices === null) return <Page title={m.answer}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.answer} back={back}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  const atDistrict = atOwnUnit || asDepartment !== undefined;
  const unit = atDistrict ? campaign.unitId : writer.unitId;
  const outline = outlineOf(atDistrict ? 'district' : 'commune');
  const dept = asDepartment ? districtDepartments(campaign).find((d) => d.id === asDepartment) : undefined;
  const scope = campaignScopeOf(campaign);
  const refusal = asDepartment && !dept ? m.cannotAnswer : writeRefusal(writer, { coll: 'campaignAnswer', unit, campaign: scope, part: asDepartment ?? null }, tree);
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
  const recordId = dept ? campaignPartIdOf(campaign.id, unit, dept.id) : campaignUnitIdOf(campaign.id, unit);
  const st = unitState(campaign, records.get(unit)?.state ?? EMPTY_UNIT_STATE, today);
  const stored = dept ? parts.departments.get(dept.id) : (records.get(unit)?.answers as Record<string, FieldValue> | undefined);
  const sentValue = stored?.[ANSWER_SENT_FIELD];
  const sentOn = typeof sentValue === 'string' ? sentValue : null;
  const send = async () => {
    await store.write('campaignAnswer', recordId, unit, { [ANSWER_SENT_FIELD]: today }, session.user.id);
  };
  const template = seed.checklists.find((t) => t.id === outline.templateId);
  const required = requiredItems(template, sections);
  const answers = answersOf(stored ?? {});
  const requiredLeft = required.filter((i) => !isAnswered(answers[i.id])).length;
  return (
    <ChecklistForm
      key={recordId}
      templateId={outline.templateId}
      target={{
        coll: 'campaignAnswer',
        id: recordId,
        unit,
        back,
        sections,
        // Short at 360 px (inspections.css): the questions start on the first screen; the
        // campaign's title is one tap away under the data period the answers cover.
        intro: (
          <div class="insp-answer-intro">
            {atDistrict && <RespondAs campaign={campaign} choices={choices} current={dept ? dept.id : '~group'} />}
            {dept && (
              <p class="muted" data-testid="answering-as">
                {m.departmentIntro} <strong lang="vi">{dept.name}</strong>
                {dept.people.length === 0 && <> · {m.departmentTypedIn}</>}
              </p>
            )}
            <details class="insp-intro-more">
              <summary class="muted">{m.dataPeriod(outline.dataFrom, outline.dataTo)}</summary>
              <p class="muted">{m.answerIntro(campaign.title)}</p>
            </details>
          </div>
        ),
        footer: (
          <section class="card insp-send" data-testid="send-answers">
            <h3>{dept ? m.departmentSendHeading : m.sendHeading}</h3>
            <p class="muted">{dept ? m.departmentSendNote : m.sendNote(st.due.answers)}</p>
            {requiredLeft > 0 && <p class="muted">{m.requiredCount(required.length - requiredLeft, required.length)}</p>}
            {sentOn ? (
              <SentNotice recordId={recordId} sentOn={sentOn} to={dept ? 'group' : 'team'} />
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

/**
 * "Đã gửi": whether the day sent is still on this phone only or has reached the server, and who
 * reads it there — the inspection team (a unit's answers, the district's synthesis) or the
 * district working group (a department's part, which it merges into the district's answer).
 */
function SentNotice({ recordId, sentOn, to }: { recordId: string; sentOn: string; to: 'team' | 'group' }) {
  const queued = useQueued('campaignAnswer', recordId, ANSWER_SENT_FIELD);
  const pending = queued !== false;
  return (
    <p class={pending ? undefined : 'ok'} role="status" data-testid="sent-notice" data-pending={pending ? 'yes' : 'no'}>
      {pending ? m.sentPending(sentOn, to) : m.sentArrived(sentOn, to)}
    </p>
  );
}

const requiredItems = (template: ChecklistTemplate | undefined, sections: readonly string[] | undefined) =>
  (template?.sections ?? []).filter((s) => !sections || sections.includes(s.id)).flatMap((s) => s.items).filter((i) => i.required);
