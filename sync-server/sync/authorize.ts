// The server's side of the write rules (src/domain/access.ts, shared with the app): looks up
// the adoption a village member's status or photo belongs to, or the units a task makes
// responsible (task progress), then asks the shared rule.
// Returns null when allowed, else the Vietnamese reason the refusal carries. Reading is the
// subscription's business (OrgTree.readableRoot).
import { needsAdoption, needsCampaign, needsTask, writeRefusal, type AdoptionScope, type CampaignScope, type TaskScope, type WriteTarget as Target } from '../../src/domain/access.ts';
import type { User } from '../../src/domain/people.ts';
import type { OrgTree } from '../org/tree.ts';

export type AdoptionInfo = AdoptionScope;

export type WriteTarget = Omit<Target, 'adoption' | 'campaign' | 'task'> & {
  adoptionId: string | null;
  /** For inspections and campaign answers (ids.ts parseCampaignUnitId). */
  campaignId?: string | null;
  /** For task progress (ids.ts parseTaskProgressId). */
  taskId?: string | null;
};

export interface AuthorizeContext {
  user: Pick<User, 'role' | 'unitId'> & Partial<Pick<User, 'username'>>;
  tree: OrgTree;
  adoption: (adoptionId: string) => Promise<AdoptionInfo | null>;
  /** The campaign as stored (its teams decide who records inspections); absent: none known. */
  campaign?: (campaignId: string) => Promise<CampaignScope | null>;
  /** The units a task makes responsible (plans/task-scope.ts); absent: no task known. */
  task?: (taskId: string) => Promise<TaskScope | null>;
}

export async function authorizeWrite(ctx: AuthorizeContext, t: WriteTarget): Promise<string | null> {
  const adoption = t.adoptionId && needsAdoption(ctx.user, t.coll) ? await ctx.adoption(t.adoptionId) : null;
  const campaign = t.campaignId && needsCampaign(t.coll) && ctx.campaign ? await ctx.campaign(t.campaignId) : null;
  const task = t.taskId && needsTask(t.coll) && ctx.task ? await ctx.task(t.taskId) : null;
  return writeRefusal(ctx.user, { ...t, adoption, campaign, task }, ctx.tree.byId);
}
