// A team's report of its results to the standing body (003 §V.2(4): "trước ngày 30/8/2023"),
// written by the team's people on their phones, offline: its text and the day it was sent. It is
// the record "<campaign>@<campaign's unit>~<team>" of the inspection collection.
import { SaveBar } from '../app/SaveBar.tsx';
import { useSeenFields } from '../app/use-seen-fields.ts';
import { writeRefusal } from '../domain/access.ts';
import { TEAM_REPORT_FIELDS, campaignScopeOf, teamReportState, type Campaign, type CampaignTeam } from '../domain/campaign.ts';
import { campaignPartIdOf } from '../domain/sync/ids.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { useToday } from './data.ts';
import { Page, campaignHref, useCampaign, useTree, useWriter } from './shared.tsx';
import { TeamReportLine } from './TeamReportLine.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

export function TeamReportScreen({ campaignId, teamId }: { campaignId: string; teamId: string }) {
  const campaign = useCampaign(campaignId);
  const back = { href: campaignHref(campaignId), label: m.backToCampaign };
  if (campaign === undefined) return <Page title={m.teamReportTitle}>{c.loading}</Page>;
  const team = campaign?.teams.find((t) => t.id === teamId);
  if (campaign === null || !team)
    return (
      <Page title={m.teamReportTitle} back={back}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  return <TeamReportForm campaign={campaign} team={team} back={back} />;
}

function TeamReportForm({ campaign, team, back }: { campaign: Campaign; team: CampaignTeam; back: { href: string; label: string } }) {
  const writer = useWriter();
  const tree = useTree();
  const unit = campaign.unitId;
  const draft = useSeenFields('inspection', campaignPartIdOf(campaign.id, unit, team.id), unit);
  const today = useToday();
  if (!draft.ready) return <Page title={m.teamReportTitle}>{c.loading}</Page>;
  const mayWrite = writeRefusal(writer, { coll: 'inspection', unit, campaign: campaignScopeOf(campaign), part: team.id }, tree) === null;
  const raw = (f: 'report' | 'reportSentOn') => draft.dirty[f] ?? (typeof draft.stored[f] === 'string' ? (draft.stored[f] as string) : '');
  const st = teamReportState(campaign, { reportSentOn: raw('reportSentOn') || null }, today);

  async function save(e: Event) {
    e.preventDefault();
    if (draft.busy) return;
    const values: Record<string, FieldValue> = {};
    const next = { report: raw('report'), reportSentOn: raw('reportSentOn') || null };
    for (const f of ['report', 'reportSentOn'] as const) {
      if (!(f in draft.dirty)) continue;
      const r = TEAM_REPORT_FIELDS[f].safeParse(next[f]);
      if (!r.success) return draft.setNotice({ kind: 'error', text: m.invalid(r.error.issues[0]?.message ?? f) });
      if ((draft.stored[f] ?? (f === 'report' ? '' : null)) !== next[f]) values[f] = next[f];
    }
    // A sent day with nothing sent would count the report as in.
    if (next.reportSentOn && next.report.trim() === '') return draft.setNotice({ kind: 'error', text: m.reportNeedsText });
    await draft.commit([draft.edit(values)]);
  }

  return (
    <Page title={m.teamReportTitle} back={back}>
      <h2 class="subtitle" lang="vi">
        {team.name}
      </h2>
      <p class="muted" lang="vi">
        {campaign.title}
      </p>
      <p class="muted">{m.teamReportNote}</p>
      <TeamReportLine st={st} />
      {!mayWrite && <p class="notice">{m.notTeamMember}</p>}
      <form class="form insp-form" noValidate onSubmit={(e) => void save(e)}>
        <label>
          {m.fieldReport}
          <textarea name="report" rows={8} value={raw('report')} disabled={!mayWrite} lang="vi" onInput={(e) => draft.setField('report', e.currentTarget.value)} />
        </label>
        <label>
          {m.fieldReportSent}
          <input type="date" name="reportSentOn" value={raw('reportSentOn')} disabled={!mayWrite} onInput={(e) => draft.setField('reportSentOn', e.currentTarget.value)} />
        </label>
        {mayWrite && <SaveBar draft={draft} />}
      </form>
    </Page>
  );
}
