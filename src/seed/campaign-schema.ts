// A campaign plan as seeded (seeds/plans/campaign-qx-2023.json): the values of a campaign
// record (src/domain/campaign.ts) plus, for each, the line of the source document that says
// it (`cite`: path → line and quote). A district officer creates a campaign from it.
import * as z from 'zod/mini';
import { CAMPAIGN_FIELDS, campaignProblems, type Campaign } from '../domain/campaign.ts';

const Cite = z.object({ line: z.int().check(z.positive()), quote: z.string() });

export const CampaignPlanSeed = z
  .object({
    file: z.string().check(z.minLength(1)),
    slug: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,80}$/)),
    unitId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,80}$/)),
    ...CAMPAIGN_FIELDS,
    cite: z.record(z.string(), Cite),
  })
  .check(
    z.superRefine((p, ctx) => {
      for (const problem of campaignProblems(p)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }),
  );
export type CampaignPlanSeed = z.infer<typeof CampaignPlanSeed>;

/** The campaign a plan describes, before anyone edits it. */
export function campaignFromPlan(plan: CampaignPlanSeed, id: string): Campaign {
  return { id, unitId: plan.unitId, title: plan.title, basis: plan.basis, window: plan.window, rules: plan.rules, teams: plan.teams, outlines: plan.outlines };
}
