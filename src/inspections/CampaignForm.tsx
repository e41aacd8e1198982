// A district (or province) officer creating a campaign from the seeded plan (003), or editing
// one: teams and their people, the units each inspects, the window, the working-day rules, the
// outlines and the accounts that answer for each district department. An edit writes only the
// fields it changed.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { navigate } from '../app/hooks.ts';
import { writeRefusal } from '../domain/access.ts';
import { campaignRecordProblems, campaignScopeOf, type Campaign } from '../domain/campaign.ts';
import { isWithin } from '../domain/org.ts';
import { campaignIdOf } from '../domain/sync/ids.ts';
import { campaignFromPlan } from '../seed/campaign-schema.ts';
import { useCampaigns } from './data.ts';
import { changedFields, draftOf, valuesOf, type CampaignDraft, type TeamDraft } from './campaign-draft.ts';
import { OutlineFields } from './OutlineFields.tsx';
import { HOME, PLAN, Page, campaignHref, useCampaign, useTree, useWriter } from './shared.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

/** The edit route: the campaign as this phone holds it, in the form. */
export function CampaignEdit({ campaignId }: { campaignId: string }) {
  const campaign = useCampaign(campaignId);
  if (campaign === undefined) return <Page title={m.editTitle}>{c.loading}</Page>;
  if (campaign === null)
    return (
      <Page title={m.editTitle} back={{ href: HOME, label: m.back }}>
        <p class="error">{m.notFound}</p>
      </Page>
    );
  return <CampaignForm campaign={campaign} />;
}

export function CampaignForm({ campaign }: { campaign?: Campaign }) {
  const { store, seed, session } = useServices();
  const writer = useWriter();
  const tree = useTree();
  const campaigns = useCampaigns();
  const unit = campaign?.unitId ?? writer.unitId;
  // The communes that lie under the campaign's unit (an officer of another district starts
  // from the plan's teams and rules with no communes assigned).
  const below = useMemo(() => seed.units.filter((u) => u.level === 'commune' && isWithin(u.id, unit, tree)), [seed, unit, tree]);
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    campaign ? draftOf(campaign, () => true, PLAN.outlines) : draftOf(campaignFromPlan(PLAN, ''), (u) => below.some((b) => b.id === u)),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = campaign ? m.editTitle : m.createTitle;
  const back = campaign ? { href: campaignHref(campaign.id), label: m.backToCampaign } : { href: HOME, label: m.back };

  // Creating: any officer of the unit; editing: its working group, as the server has the campaign.
  const refusal = writeRefusal(writer, { coll: 'campaign', unit, campaign: campaign ? campaignScopeOf(campaign) : null }, tree);
  if (refusal !== null)
    return (
      <Page title={title} back={back}>
        <p class="error" lang="vi">
          {refusal}
        </p>
      </Page>
    );

  const set = (patch: Partial<CampaignDraft>) => setDraft({ ...draft, ...patch });
  const setTeam = (i: number, patch: Partial<TeamDraft>) => set({ teams: draft.teams.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const { teams, assigned } = draft;

  async function save(e: Event) {
    e.preventDefault();
    const parsed = valuesOf(draft);
    if (!parsed.ok) return setError(parsed.message);
    let id: string;
    let values = parsed.values;
    if (campaign) {
      id = campaign.id;
      values = changedFields(campaign, values);
      if (Object.keys(values).length === 0) return setError(m.noChanges);
    } else {
      // The plan's own id when this is the plan's unit and it is not taken yet; else a new one.
      const taken = new Set(campaigns?.map((x) => x.id));
      const planId = campaignIdOf(writer.unitId, PLAN.slug);
      id = writer.unitId === PLAN.unitId && !taken.has(planId) ? planId : campaignIdOf(writer.unitId, `kt-${draft.from.replaceAll('-', '')}-${Date.now().toString(36)}`);
    }
    // What only the id and the seeded templates tell: every part's record id fits, every section is the outline's.
    const sectionsOf = (templateId: string) => seed.checklists.find((t) => t.id === templateId)?.sections.map((s) => s.id) ?? null;
    const problem = campaignRecordProblems(id, parsed.values, sectionsOf)[0];
    if (problem) return setError(m.invalid(problem.message));
    setBusy(true);
    try {
      await store.write('campaign', id, unit, values, session.user.id);
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
    <Page title={title} back={back}>
      {campaign ? (
        <p class="muted">{m.editNote}</p>
      ) : (
        <>
          <p class="muted">
            {m.fromPlan} <span lang="vi">{PLAN.basis}</span>
          </p>
          <p class="muted">{m.planNote}</p>
        </>
      )}
      <form class="form insp-form" noValidate onSubmit={(e) => void save(e)}>
        <label>
          {m.fieldTitle}
          <input value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} lang="vi" />
        </label>
        <label>
          {m.fieldBasis}
          <textarea rows={3} value={draft.basis} onInput={(e) => set({ basis: e.currentTarget.value })} lang="vi" />
        </label>
        <fieldset class="card">
          <legend>{m.rulesHeading}</legend>
          {date(m.windowFrom, draft.from, (v) => set({ from: v }), 'window-from')}
          {date(m.windowBefore, draft.before, (v) => set({ before: v }), 'window-before')}
          {date(m.registerBefore, draft.registerBefore, (v) => set({ registerBefore: v }), 'register-before')}
          <label>
            {m.noticeDays}
            <input inputMode="numeric" value={draft.noticeDays} onInput={(e) => set({ noticeDays: e.currentTarget.value })} />
          </label>
          <label>
            {m.conclusionDays}
            <input inputMode="numeric" value={draft.conclusionDays} onInput={(e) => set({ conclusionDays: e.currentTarget.value })} />
          </label>
          {date(m.reportBefore, draft.reportBefore, (v) => set({ reportBefore: v }), 'report-before')}
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
              <select value={assigned[u.id] ?? ''} onChange={(e) => set({ assigned: { ...assigned, [u.id]: e.currentTarget.value } })}>
                <option value="">{m.notInspected}</option>
                {teams.map((t) => (
                  <option value={t.id}>{t.name}</option>
                ))}
              </select>
            </label>
          ))}
        </details>
        <OutlineFields outlines={draft.outlines} onChange={(outlines) => set({ outlines })} date={date} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          {busy ? m.saving : campaign ? m.saveEdit : m.save}
        </button>
      </form>
    </Page>
  );
}
