import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LocalStore } from '../db/store.ts';
import type { SeedBundle } from '../seed/schema.ts';
import type { Session } from '../auth/session.ts';
import type { SyncController } from '../sync/controller.ts';
import type { Adoption } from '../domain/status.ts';
import { parseAdoptionId } from '../domain/sync/ids.ts';

export interface Services {
  store: LocalStore;
  seed: SeedBundle;
  session: Session;
  sync: SyncController;
  logout: () => Promise<void>;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}

/** Seed adoptions, overridden and extended by adoption records synced from the server. */
export function mergeAdoptions(seed: readonly Adoption[], synced: readonly { id: string; unit: string; values: Record<string, unknown> }[]): Adoption[] {
  const byId = new Map(seed.map((a) => [a.id, a]));
  for (const d of synced) {
    const v = d.values;
    if (v.active === false) {
      byId.delete(d.id);
      continue;
    }
    const prev = byId.get(d.id);
    byId.set(d.id, {
      id: d.id,
      unitId: d.unit,
      modelId: typeof v.modelId === 'string' ? v.modelId : (prev?.modelId ?? parseAdoptionId(d.id)?.model ?? ''),
      adoptedOn: typeof v.adoptedOn === 'string' ? v.adoptedOn : (prev?.adoptedOn ?? null),
      villageIds: Array.isArray(v.villageIds) ? (v.villageIds as string[]) : (prev?.villageIds ?? []),
    });
  }
  return [...byId.values()];
}
