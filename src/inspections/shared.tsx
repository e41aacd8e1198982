// What every campaign screen shares: the signed-in writer, the org tree, the page frame, links,
// the seeded plan and the one campaign a route names.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import type { Writer } from '../domain/access.ts';
import { teamOf, type Campaign } from '../domain/campaign.ts';
import { indexUnits, type OrgUnit } from '../domain/org.ts';
import { CampaignPlanSeed } from '../seed/campaign-schema.ts';
import planJson from '../../seeds/plans/campaign-qx-2023.json';
import { useCampaigns } from './data.ts';

export const PLAN = CampaignPlanSeed.parse(planJson);
export const HOME = '#/inspections';
export const campaignHref = (id: string) => `#/inspections/${encodeURIComponent(id)}`;

export function useWriter(): Writer {
  const { session } = useServices();
  return { role: session.user.role, unitId: session.user.unitId, username: session.user.username };
}

export function useTree() {
  const { seed } = useServices();
  return useMemo(() => indexUnits(seed.units), [seed]);
}

export const unitName = (units: readonly OrgUnit[], id: string) => units.find((u) => u.id === id)?.name ?? id;

export const isCommuneWriter = (writer: Writer) => writer.role === 'communeStanding' || writer.role === 'communeLeader';

/** The campaigns that concern this person: an officer's own and those above; a unit's where it is inspected. */
export function concerns(campaign: Campaign, writer: Writer): boolean {
  if (isCommuneWriter(writer)) return teamOf(campaign, writer.unitId) !== null;
  return true;
}

export function Page({ title, back, children }: { title: ComponentChildren; back?: { href: string; label: ComponentChildren }; children: ComponentChildren }) {
  return (
    <Layout title={title} active="checklists" back={back}>
      {children}
    </Layout>
  );
}

/** The campaign a route names: undefined while loading, null when this phone does not hold it. */
export function useCampaign(campaignId: string): Campaign | null | undefined {
  const campaigns = useCampaigns();
  return campaigns && (campaigns.find((x) => x.id === campaignId) ?? null);
}
