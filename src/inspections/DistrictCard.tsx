// The campaign's own unit in the campaign view: its answer to the district outline is merged
// from its departments' responses, so the card says how many have sent and leads to answering
// (as the working group or a department) and to the merged answer.
import { useServices } from '../app/services.ts';
import { districtDepartments, type Campaign } from '../domain/campaign.ts';
import { mergeDistrictAnswer } from '../domain/campaign-merge.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import type { PartRecords, UnitRecords } from './data.ts';
import { answerChoices, answerHref, defaultPart, mergedHref } from './AnswerScreen.tsx';
import { unitName, useTree, useWriter } from './shared.tsx';
import { m } from './messages.ts';

export function DistrictCard({ campaign, records, parts }: { campaign: Campaign; records: ReadonlyMap<string, UnitRecords>; parts: PartRecords }) {
  const { seed } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const outline = campaign.outlines.find((o) => o.level === 'district');
  const template = seed.checklists.find((t) => t.id === outline?.templateId);
  if (!outline || !template) return null;
  const own = records.get(campaign.unitId);
  const merged = mergeDistrictAnswer(template, districtDepartments(campaign), own?.answers as Record<string, FieldValue> | undefined, parts.departments);
  const choices = answerChoices(campaign, writer, tree);
  const sentOn = own?.state.answersSentOn ?? null;
  return (
    <section class="card insp-team" data-testid="district-answer">
      <h3>
        {m.districtHeading}: <span lang="vi">{unitName(seed.units, campaign.unitId)}</span>
      </h3>
      <p class="muted">{m.dataPeriod(outline.dataFrom, outline.dataTo)}</p>
      {merged.departments.length > 0 && (
        <p data-testid="district-departments">
          <strong>{m.departmentsSent(merged.sent, merged.departments.length)}</strong>
        </p>
      )}
      <p class="muted">
        {m.groupLabel}: {sentOn ? m.deptSentOn(sentOn) : m.deptNotSent}
      </p>
      <p class="insp-links">
        {(choices.group || choices.departments.length > 0) && (
          <a class="btn-small" href={answerHref(campaign.id, defaultPart(choices, writer))}>
            {m.answerDistrict}
          </a>
        )}{' '}
        <a class="btn-small" href={mergedHref(campaign.id)}>
          {m.viewMerged}
        </a>
      </p>
    </section>
  );
}
