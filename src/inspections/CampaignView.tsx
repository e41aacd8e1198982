// One campaign: its window and rules, then per team its units with their steps, due dates and
// what is late; a commune sees only its own unit, its team and the way to answer its outline.
// Until this phone has pulled the campaign's records once (a first login), an empty step only
// means "not arrived yet": the view says it is loading and calls nothing late.
import { useServices } from '../app/services.ts';
import { answersOf } from '../checklists/answers.ts';
import { completion } from '../domain/checklist.ts';
import { writeRefusal } from '../domain/access.ts';
import { EMPTY_UNIT_STATE, addDays, campaignScopeOf, teamOf, teamReportState, teamSummary, unitState, type Campaign, type CampaignTeam, type UnitState } from '../domain/campaign.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { usePartRecords, usePersonName, usePulledOnce, useToday, useUnitRecords, type UnitRecords } from './data.ts';
import { HOME, Page, campaignHref, isCommuneWriter, unitName, useCampaign, useTree, useWriter } from './shared.tsx';
import { DistrictCard } from './DistrictCard.tsx';
import { answerChoices } from './AnswerScreen.tsx';
import { TeamReportLine } from './TeamReportLine.tsx';
import { StateLines } from './StateLines.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

/** The last on-time day of a "trước ngày X" rule. */
const prevDay = (d: string) => addDays(d, -1);

export function CampaignView({ campaignId }: { campaignId: string }) {
  const { seed } = useServices();
  const writer = useWriter();
  const campaign = useCampaign(campaignId);
  const records = useUnitRecords(campaign ?? undefined);
  const parts = usePartRecords(campaign ?? undefined);
  const tree = useTree();
  const today = useToday();
  const pulled = usePulledOnce();
  const personName = usePersonName();
  if (campaign === undefined || records === undefined || parts === undefined || pulled === undefined) return <Page title={m.title}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.title} back={{ href: HOME, label: m.back }}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  const stateOf = (u: string) => unitState(campaign, records.get(u)?.state ?? EMPTY_UNIT_STATE, today);
  const isCommune = isCommuneWriter(writer);
  const ownTeam = teamOf(campaign, writer.unitId);
  const teams = isCommune ? (ownTeam ? [ownTeam] : []) : campaign.teams;
  // Editing is the working group's (access.ts isWorkingGroup): not a person the campaign lists.
  const mayEdit = writeRefusal(writer, { coll: 'campaign', unit: campaign.unitId, campaign: campaignScopeOf(campaign) }, tree) === null;
  const hasDistrictOutline = campaign.outlines.some((o) => o.level === 'district');
  // A commune account listed for a district department answers that department's part too.
  const showDistrict = hasDistrictOutline && (!isCommune || answerChoices(campaign, writer, tree).departments.length > 0);
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
        {mayEdit && (
          <a class="btn-small" href={`${campaignHref(campaign.id)}/edit`}>
            {m.edit}
          </a>
        )}
      </section>
      {!pulled && (
        <p class="notice" role="status" data-testid="campaign-loading">
          {m.loadingCampaign}
        </p>
      )}
      {showDistrict && <DistrictCard campaign={campaign} records={records} parts={parts} />}
      {isCommune && ownTeam && (
        <CommuneCard campaign={campaign} team={ownTeam} st={pulled ? stateOf(writer.unitId) : null} records={records.get(writer.unitId)} units={seed.units} unitId={writer.unitId} />
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
              <p class="muted" data-testid={`team-people-${team.id}`}>
                {team.people.length ? (
                  <>
                    {m.people} <span lang="vi">{team.people.map(personName).join(', ')}</span>
                  </>
                ) : (
                  m.noPeople
                )}
              </p>
              {pulled && (
                <>
                  <p data-testid={`team-counts-${team.id}`}>
                    <strong>{m.teamCounts(summary.units, summary.reached.concluded, summary.late)}</strong>
                  </p>
                  <TeamReportLine st={teamReportState(campaign, parts.teams.get(team.id) ?? {}, today)} testid={`team-report-${team.id}`} />
                </>
              )}
              {member && (
                <a class="btn-small" href={`${campaignHref(campaign.id)}/team/${encodeURIComponent(team.id)}`}>
                  {m.recordTeamReport}
                </a>
              )}
              <ul class="list insp-units">
                {team.units.map((u) => {
                  const st = pulled ? stateOf(u) : null;
                  return (
                    <li data-testid={`unit-${u}`} data-stage={st ? (st.stage ?? 'none') : 'loading'} data-late={st && st.late.length > 0 ? 'yes' : 'no'}>
                      <span class="insp-unit-head">
                        <strong lang="vi">{unitName(seed.units, u)}</strong>
                        {st && st.late.length > 0 && <span class="chip insp-late-chip">{m.lateCount(st.late.length)}</span>}
                      </span>
                      {st && <StateLines st={st} scheduledOn={records.get(u)?.state.scheduledOn ?? null} />}
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


/** `st`: null until the campaign's records have been pulled once. */
function CommuneCard({ campaign, team, st, records, units, unitId }: { campaign: Campaign; team: CampaignTeam; st: UnitState | null; records: UnitRecords | undefined; units: readonly OrgUnit[]; unitId: string }) {
  const { seed } = useServices();
  const outline = campaign.outlines.find((o) => o.level === 'commune');
  const template = outline && seed.checklists.find((t) => t.id === outline.templateId);
  const answers = answersOf((records?.answers ?? {}) as Record<string, FieldValue>);
  return (
    <section class="card insp-team" data-testid={`unit-${unitId}`} data-stage={st ? (st.stage ?? 'none') : 'loading'}>
      <h3>
        {m.yourUnit}: <span lang="vi">{unitName(units, unitId)}</span>
      </h3>
      <p>
        {m.teamOfUnit} <span lang="vi">{team.name}</span> — {m.lead} <span lang="vi">{team.lead}</span>
      </p>
      {st && <StateLines st={st} scheduledOn={records?.state.scheduledOn ?? null} />}
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
      {st?.steps.concluded && records && (
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
