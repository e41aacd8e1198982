// Campaign read models for the screens: the campaign records on this phone and, per inspected
// unit, what its team and the unit itself have recorded (src/domain/campaign.ts).
import { useLiveQuery } from '../app/hooks.ts';
import { useSyncState } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { campaignOf, districtDepartments, unitRecordState, type Campaign, type UnitRecordState } from '../domain/campaign.ts';
import { docValues, type FieldValue } from '../domain/sync/merge.ts';
import { campaignPartIdOf, campaignUnitIdOf } from '../domain/sync/ids.ts';
import { vnDateOf } from '../domain/working-days.ts';

/** Today in Vietnam, the day due dates are compared with: by the server's clock when this phone knows its offset. */
export function useToday(): string {
  const { sync } = useServices();
  return vnDateOf(Date.now() + (sync.clockOffset ?? 0));
}

export function useCampaigns(): Campaign[] | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    const docs = await store.docsOf('campaign');
    return docs
      .map((d) => campaignOf(d.id, d.unit, docValues(d.fields)))
      .filter((c): c is Campaign => c !== null)
      .sort((a, b) => b.window.from.localeCompare(a.window.from));
  }, [store]);
}

export interface UnitRecords {
  state: UnitRecordState;
  /** The unit's answers (fields "a.<item>"), as stored. */
  answers: Record<string, unknown>;
}

/** Per inspected unit of the campaign: its inspection and its answers, as this phone holds them. */
export function useUnitRecords(campaign: Campaign | undefined): Map<string, UnitRecords> | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    const out = new Map<string, UnitRecords>();
    if (!campaign) return out;
    const units = [...campaign.teams.flatMap((t) => t.units), campaign.unitId];
    for (const unit of units) {
      const id = campaignUnitIdOf(campaign.id, unit);
      const inspection = await store.values('inspection', id);
      const answers = await store.values('campaignAnswer', id);
      out.set(unit, { state: unitRecordState(inspection, answers), answers });
    }
    return out;
  }, [store, campaign]);
}

/** The records filed under the campaign's own unit by part: each department's response, each team's report. */
export interface PartRecords {
  departments: Map<string, Record<string, FieldValue>>;
  teams: Map<string, Record<string, FieldValue>>;
}

export function usePartRecords(campaign: Campaign | undefined): PartRecords | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    const out: PartRecords = { departments: new Map(), teams: new Map() };
    if (!campaign) return out;
    for (const d of districtDepartments(campaign)) out.departments.set(d.id, await store.values('campaignAnswer', campaignPartIdOf(campaign.id, campaign.unitId, d.id)));
    for (const t of campaign.teams) out.teams.set(t.id, await store.values('inspection', campaignPartIdOf(campaign.id, campaign.unitId, t.id)));
    return out;
  }, [store, campaign]);
}

/**
 * Whether this phone has pulled what the server holds at least once: a sync has completed for
 * this person (the controller's lastSuccessAt, kept across launches), or the store's cursor has
 * moved (a first pull's snapshot moves it only with its last page). Until then an empty step
 * means "not arrived yet", not "not done": nothing is called late. Undefined while loading.
 */
export function usePulledOnce(): boolean | undefined {
  const { store } = useServices();
  const state = useSyncState();
  const cursor = useLiveQuery(() => store.cursor(), [store]);
  if (state.lastSuccessAt !== null) return true;
  return cursor === undefined ? undefined : cursor > 0;
}

/** Whether a saved change of `field` of the record still waits in this phone's outbox (undefined while loading). */
export function useQueued(coll: Collection, id: string, field: string): boolean | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => (await store.db.outbox.filter((r) => r.coll === coll && r.id === id && r.field === field).count()) > 0, [store, coll, id, field]);
}

/**
 * A person the campaign lists, by username, as people know them: their display name where
 * this phone knows it (the signed-in person; the colleagues of their unit that /api/people
 * names, src/sync/controller.ts), else the username.
 */
export function usePersonName(): (username: string) => string {
  const { session, sync } = useServices();
  useSyncState(); // re-render when the names arrive (the controller announces them as a state change)
  return (username) => (username === session.user.username ? session.user.displayName : (sync.usernames?.get(username) ?? username));
}
