// The district's answer to the district outline, read-only, merged from its parts
// (src/domain/campaign-merge.ts): which departments have sent, then per section each answer
// with whose it is — the working group's synthesis and each department's.
import { useMemo } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { documentNumber, type ChecklistTemplate } from '../domain/checklist.ts';
import { districtDepartments } from '../domain/campaign.ts';
import { mergeDistrictAnswer, type AnswerSource, type MergedAnswer } from '../domain/campaign-merge.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { usePartRecords, useUnitRecords } from './data.ts';
import { Page, campaignHref, useCampaign, useTree, useWriter } from './shared.tsx';
import { RespondAs, answerChoices } from './AnswerScreen.tsx';
import { answerText } from './answer-text.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

/** The merged answer as a person reads it; pure rendering, for the screen and its tests. */
export function MergedAnswerView({ template, merged, groupSentOn }: { template: ChecklistTemplate; merged: MergedAnswer; groupSentOn: string | null }) {
  const name = (s: AnswerSource) => (s.kind === 'group' ? m.groupLabel : s.name);
  const owner = (id: string | null) => merged.departments.find((d) => d.id === id)?.name;
  return (
    <>
      <section class="card" data-testid="departments-sent">
        <h3>{m.departmentsSent(merged.sent, merged.departments.length)}</h3>
        <ul class="insp-dept-sent">
          <li data-sent={groupSentOn ? 'yes' : 'no'}>
            <strong>{m.groupLabel}</strong>: {groupSentOn ? m.deptSentOn(groupSentOn) : m.deptNotSent}
          </li>
          {merged.departments.map((d) => (
            <li data-testid={`dept-${d.id}`} data-sent={d.sentOn ? 'yes' : 'no'}>
              <strong lang="vi">{d.name}</strong>: {d.sentOn ? m.deptSentOn(d.sentOn) : m.deptNotSent} · {m.answeredCount(d.answered, d.total)}
            </li>
          ))}
        </ul>
      </section>
      {merged.sections.map((section, i) => {
        const s = template.sections[i]!;
        const answered = section.items.filter((x) => x.answers.length > 0).length;
        return (
          <details class="card insp-merged-section" data-section={section.sectionId}>
            <summary>
              <span lang="vi">
                {documentNumber(s.id) ?? ''} {s.title}
              </span>{' '}
              <span class="muted">
                · {section.owner ? m.ownSection(owner(section.owner) ?? '') : m.commonSection} · {m.answeredCount(answered, section.items.length)}
              </span>
            </summary>
            <ul class="insp-merged-items">
              {section.items.map((item, j) => (
                <li data-item={item.itemId}>
                  <p lang="vi">
                    {documentNumber(item.itemId) ?? ''} {s.items[j]!.label}
                  </p>
                  {item.answers.length === 0 ? (
                    <p class="muted">{m.noAnswer}</p>
                  ) : (
                    <ul>
                      {item.answers.map((a) => (
                        <li data-source={a.source.kind === 'group' ? 'group' : a.source.id}>
                          <strong lang={a.source.kind === 'group' ? undefined : 'vi'}>{name(a.source)}:</strong> <span lang="vi">{answerText(s.items[j], a.value)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </>
  );
}

export function MergedAnswerScreen({ campaignId }: { campaignId: string }) {
  const { seed } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const parts = usePartRecords(campaign ?? undefined);
  const back = { href: campaignHref(campaignId), label: m.backToCampaign };
  const outline = campaign?.outlines.find((o) => o.level === 'district');
  const template = seed.checklists.find((t) => t.id === outline?.templateId);
  const merged = useMemo(
    () =>
      campaign && template && records && parts
        ? mergeDistrictAnswer(template, districtDepartments(campaign), records.get(campaign.unitId)?.answers as Record<string, FieldValue> | undefined, parts.departments)
        : null,
    [campaign, template, records, parts],
  );
  if (campaign === undefined || records === undefined || parts === undefined) return <Page title={m.mergedTitle}>{c.loading}</Page>;
  if (campaign === null || !template || !merged)
    return (
      <Page title={m.mergedTitle} back={back}>
        <p class="error">{campaign === null ? m.notFound : m.noDistrictOutline}</p>
      </Page>
    );
  const choices = answerChoices(campaign, writer, tree);
  return (
    <Page title={m.mergedTitle} back={back}>
      <h2 class="subtitle" lang="vi">
        {template.title}
      </h2>
      <p class="muted">
        <span lang="vi">{campaign.title}</span> · {m.dataPeriod(outline!.dataFrom, outline!.dataTo)}
      </p>
      {(choices.group || choices.departments.length > 0) && <RespondAs campaign={campaign} choices={choices} current="~merged" />}
      <p class="muted">{m.mergedIntro}</p>
      <MergedAnswerView template={template} merged={merged} groupSentOn={records.get(campaign.unitId)?.state.answersSentOn ?? null} />
    </Page>
  );
}
