// What each person's phone pulls: rules by unit AND collection (and, for a village member,
// by the adoptions assigned to its village). Written once; the server cuts every pull with
// it. Reading more than this is not a matter of screens: a phone holds only what it pulled.
//
//   · village member — its village's own records (checklists, indicators, reports, comments
//     on them); of its commune only the adoptions (which models, which villages) and the
//     status and photos of the models assigned to its village. Not the commune's drafts,
//     inspection answers, indicators, other villages' data or unassigned models.
//   · commune standing body / leader — the commune's whole subtree.
//   · district / province officer, admin — everything of their own unit; below it what the
//     dashboards and the review need: adoptions, statuses, indicator sheets, submitted report
//     versions, comments, photo records (a few hundred bytes: the picture itself is a
//     content-addressed blob fetched only when someone opens it) and task progress (who
//     reported what on the plans' tasks). Not the communes' own checklist answers or drafts.
//   · campaigns (campaign.ts): everyone above village level also pulls the campaigns of the
//     units above it — a commune sees the plans it may be inspected under (003 is sent to
//     every commune: "Đảng uỷ, UBND các xã, thị trấn (để t/h)"); an officer's subtree pull
//     carries the inspections and the inspected units' answers, so the teams (officers of
//     the district) see them.
import type { Role } from './people.ts';
import type { Collection } from './sync/collections.ts';

export interface PullRule {
  units: readonly string[];
  /** Omitted: every collection. */
  colls?: readonly Collection[];
  /** Only records of these adoptions (status and photo records carry their adoption). */
  adoptions?: readonly string[];
}

export interface SubscriptionInput {
  role: Role;
  unitId: string;
  /** The person's commune (null above commune level). */
  communeId: string | null;
  /** Every unit of the readable subtree (OrgTree.subtreeIds of the readable root). */
  subtree: readonly string[];
  /** For a village member: the commune's adoptions that list its village. */
  assignedAdoptions: readonly string[];
  /** For a village member: the communes merged into its commune (src/domain/reorg.ts) — their
   * adoptions that list the village are its too, so a status queued before the merge lands. */
  mergedCommunes?: readonly string[];
  /** The units above the person's unit, nearest first (for the campaigns they run). */
  ancestors?: readonly string[];
}

const OFFICER_BELOW: readonly Collection[] = ['adoption', 'status', 'indicators', 'reportVersion', 'comment', 'photo', 'taskProgress', 'inspection', 'campaignAnswer'];
const CAMPAIGNS: readonly Collection[] = ['campaign'];
/** The campaigns of the units above: empty when there are none. */
const campaignsAbove = (p: SubscriptionInput): PullRule[] => (p.ancestors?.length ? [{ units: [...p.ancestors].sort(), colls: CAMPAIGNS }] : []);

export function subscriptionFor(p: SubscriptionInput): PullRule[] {
  switch (p.role) {
    case 'villageMember': {
      const rules: PullRule[] = [{ units: [p.unitId] }];
      if (p.communeId && p.communeId !== p.unitId) {
        const communes = [p.communeId, ...(p.mergedCommunes ?? [])].sort();
        rules.push({ units: communes, colls: ['adoption'] });
        if (p.assignedAdoptions.length) rules.push({ units: communes, colls: ['status', 'photo'], adoptions: [...p.assignedAdoptions].sort() });
      }
      return rules;
    }
    case 'communeStanding':
    case 'communeLeader':
      return [{ units: [...p.subtree].sort() }, ...campaignsAbove(p)];
    case 'districtOfficer':
    case 'provinceOfficer':
    case 'admin': {
      const below = p.subtree.filter((u) => u !== p.unitId).sort();
      return [{ units: [p.unitId] }, ...(below.length ? [{ units: below, colls: OFFICER_BELOW }] : []), ...campaignsAbove(p)];
    }
  }
}

/** Does a change of (coll, unit, adoption) fall under the rules? (The store runs the same test in SQL.) */
export function pullMatches(rules: readonly PullRule[], coll: Collection, unit: string, adoption: string | null): boolean {
  return rules.some(
    (r) => r.units.includes(unit) && (!r.colls || r.colls.includes(coll)) && (!r.adoptions || (adoption !== null && r.adoptions.includes(adoption))),
  );
}

/** The adoption a status or photo record belongs to, from its id (the id grammar: sync/ids.ts). */
export { adoptionOfRecord } from './sync/ids.ts';
