// The plans the task screens show: the seeded task tables (a lazy, precached chunk:
// plans-data.ts) and the plans an administrator imported (GET /api/plans), kept on the
// device when fetched so they read offline too. An imported plan replaces a seeded one of the
// same id (a corrected table).
import { keptAnswer, revalidateKept } from '../app/kept-answer.ts';
import * as z from 'zod/mini';
import { useEffect, useState } from 'preact/hooks';
import { Plan } from '../domain/plans.ts';
import { useServices } from '../app/services.ts';

const IMPORTED_KEY = 'plans:imported';

let seeded: Promise<readonly Plan[]> | undefined;
/** The seeded plans (loads their chunk once per page). */
export const loadSeededPlans = (): Promise<readonly Plan[]> => (seeded ??= import('./plans-data.ts').then((mod) => mod.SEEDED_PLANS));

// GET /api/plans answers {plans: [...]}, each a plan or a stored entry holding one; a plan
// that does not parse is left out rather than hiding the others.
const Answer = z.object({ plans: z.array(z.unknown()) });
function readPlans(raw: unknown): Plan[] {
  const answer = Answer.safeParse(raw);
  if (!answer.success) return [];
  return answer.data.plans.flatMap((item) => {
    const inner = typeof item === 'object' && item !== null && 'plan' in item ? (item as { plan: unknown }).plan : item;
    const parsed = Plan.safeParse(inner);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function cachedImportedPlans(): Promise<Plan[]> {
  const kept = await keptAnswer(IMPORTED_KEY);
  return kept ? readPlans(kept.answer) : [];
}

/**
 * Fetches the imported plans and keeps them (an unchanged list answers 304 to the ETag kept);
 * null when the server could not be asked.
 */
export async function refreshImportedPlans(token: string, fetcher: typeof fetch = fetch): Promise<Plan[] | null> {
  const r = await revalidateKept(IMPORTED_KEY, '/api/plans', { authorization: `Bearer ${token}` }, fetcher);
  // No answer, or no such route (404): what is kept stands.
  if (!r || r.state === 'gone') return null;
  return readPlans(r.answer);
}

/** Seeded plans with the imported ones over them, by id, in the seeds' order then the imports'. */
export function mergePlans(seededPlans: readonly Plan[], imported: readonly Plan[]): Plan[] {
  const byId = new Map<string, Plan>(seededPlans.map((p) => [p.id, p]));
  for (const p of imported) byId.set(p.id, p);
  return [...byId.values()];
}

/** Every plan the phone knows; refreshed from the server once per page when online. */
let refreshed = false;
export function usePlans(): readonly Plan[] | undefined {
  const { session } = useServices();
  const [plans, setPlans] = useState<readonly Plan[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void (async () => {
      const [base, kept] = await Promise.all([loadSeededPlans(), cachedImportedPlans()]);
      if (!live) return;
      setPlans(mergePlans(base, kept));
      if (refreshed || (typeof navigator !== 'undefined' && navigator.onLine === false)) return;
      refreshed = true;
      const fresh = await refreshImportedPlans(session.token);
      if (live && fresh) setPlans(mergePlans(base, fresh));
    })();
    return () => void (live = false);
  }, [session.token]);
  return plans;
}
