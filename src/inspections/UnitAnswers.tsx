// The inspected unit's answers to its outline, read-only, for the team that inspects it and the
// working group: the team reads them before and during the visit (003: the unit answers the
// outline beforehand). Per section of the document, its number and title, how many questions
// are answered, then each question with its number and the answer as typed.
import { useServices } from '../app/services.ts';
import { answersOf } from '../checklists/answers.ts';
import { documentNumber, isAnswered, type AnswerValue, type ChecklistTemplate } from '../domain/checklist.ts';
import { parseCampaignUnitId } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { usePulledOnce, useUnitRecords } from './data.ts';
import { HOME, Page, campaignHref, unitName, useCampaign } from './shared.tsx';
import { answerText } from './answer-text.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

export const recordHref = (campaignId: string, unitId: string) => `${campaignHref(campaignId)}/unit/${encodeURIComponent(unitId)}`;
export const unitAnswersHref = (campaignId: string, unitId: string) => `${recordHref(campaignId, unitId)}/answers`;

/** The answers as a person reads them; pure rendering, for the screen and its tests. */
export function UnitAnswersView({ template, answers }: { template: ChecklistTemplate; answers: Readonly<Record<string, AnswerValue>> }) {
  return (
    <>
      {template.sections.map((s) => {
        const answered = s.items.filter((i) => isAnswered(answers[i.id])).length;
        return (
          <details class="card insp-merged-section" data-section={s.id} data-answered={answered}>
            <summary>
              <span lang="vi">
                {documentNumber(s.id) ?? ''} {s.title}
              </span>{' '}
              <span class="muted">· {m.answeredCount(answered, s.items.length)}</span>
            </summary>
            <ul class="insp-merged-items">
              {s.items.map((item) => {
                const v = answers[item.id];
                return (
                  <li data-item={item.id}>
                    <p lang="vi">
                      {documentNumber(item.id) ?? ''} {item.label}
                    </p>
                    {v === undefined || !isAnswered(v) ? (
                      <p class="muted">{m.noAnswer}</p>
                    ) : (
                      <p class="insp-answer" lang="vi">
                        {answerText(item, v)}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </>
  );
}

export function UnitAnswersScreen({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { seed } = useServices();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const pulled = usePulledOnce();
  const ref = parseCampaignUnitId(`${campaignId}@${unitId}`);
  const valid = ref !== null && ref.part === undefined;
  const back = valid ? { href: recordHref(campaignId, unitId), label: m.backToRecord } : { href: HOME, label: m.back };
  if (valid && (campaign === undefined || (campaign !== null && records === undefined))) return <Page title={m.unitAnswersTitle}>{c.loading}</Page>;
  const inspected = valid && campaign ? campaign.teams.some((t) => t.units.includes(unitId)) : false;
  const outline = campaign?.outlines.find((o) => o.level === 'commune');
  const template = outline && seed.checklists.find((t) => t.id === outline.templateId);
  if (!valid || !campaign || !inspected || !outline || !template)
    return (
      <Page title={m.unitAnswersTitle} back={back}>
        <p class="error">{valid && campaign && inspected ? m.noCommuneOutline : m.notFound}</p>
      </Page>
    );
  const record = records?.get(unitId);
  const answers = answersOf((record?.answers ?? {}) as Record<string, FieldValue>);
  const total = template.sections.reduce((n, s) => n + s.items.length, 0);
  const answered = template.sections.reduce((n, s) => n + s.items.filter((i) => isAnswered(answers[i.id])).length, 0);
  const sentOn = record?.state.answersSentOn ?? null;
  return (
    <Page title={m.unitAnswersTitle} back={back}>
      <h2 class="subtitle" lang="vi">
        {unitName(seed.units, unitId)}
      </h2>
      <p class="muted">
        <span lang="vi">{template.title}</span> · {m.dataPeriod(outline.dataFrom, outline.dataTo)}
      </p>
      <section class="card" data-testid="unit-answers-head">
        {/* Not sent is known only once the unit's record could have arrived. */}
        {!sentOn && pulled === false ? (
          <p class="muted" role="status">
            {m.loadingCampaign}
          </p>
        ) : (
          <p>
            <strong>{sentOn ? m.answersSent(sentOn) : m.answersNotSent}</strong> · {m.answeredCount(answered, total)}
          </p>
        )}
        <p class="muted">{sentOn ? m.unitAnswersNote : m.unitAnswersDraftNote}</p>
      </section>
      <UnitAnswersView template={template} answers={answers} />
    </Page>
  );
}
