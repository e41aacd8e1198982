// The server's side of the write rules (src/domain/access.ts, shared with the app): looks up
// the adoption a village member's status or photo belongs to, then asks the shared rule.
// Returns null when allowed, else the Vietnamese reason the refusal carries. Reading is the
// subscription's business (OrgTree.readableRoot).
import { needsAdoption, writeRefusal, type AdoptionScope, type WriteTarget as Target } from '../../src/domain/access.ts';
import type { User } from '../../src/domain/people.ts';
import type { OrgTree } from '../org/tree.ts';

export type AdoptionInfo = AdoptionScope;

export type WriteTarget = Omit<Target, 'adoption'> & { adoptionId: string | null };

export interface AuthorizeContext {
  user: Pick<User, 'role' | 'unitId'>;
  tree: OrgTree;
  adoption: (adoptionId: string) => Promise<AdoptionInfo | null>;
}

export async function authorizeWrite(ctx: AuthorizeContext, t: WriteTarget): Promise<string | null> {
  const adoption = t.adoptionId && needsAdoption(ctx.user, t.coll) ? await ctx.adoption(t.adoptionId) : null;
  return writeRefusal(ctx.user, { ...t, adoption }, ctx.tree.byId);
}
