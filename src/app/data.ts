// Read models the screens share, computed from IndexedDB (live) and the seed.
import { conflicts, docValues } from '../domain/sync/merge.ts';
import type { Status } from '../domain/status.ts';
import { visibleAdoptions } from '../auth/access.ts';
import { useLiveQuery } from './hooks.ts';
import { mergeAdoptions, useServices } from './services.ts';
import type { Adoption } from '../domain/status.ts';
import { countSaves } from '../models/history-groups.ts';

export interface CurrentStatus {
  status: Status;
  progress: number;
  asOf: string | null;
  touchedAt: number;
  conflicted: boolean;
}

export function useAdoptions(): Adoption[] | undefined {
  const { store, seed, session } = useServices();
  return useLiveQuery(async () => {
    const docs = await store.docsOf('adoption');
    const all = mergeAdoptions(seed.adoptions, docs.map((d) => ({ id: d.id, unit: d.unit, values: docValues(d.fields) })));
    return visibleAdoptions(session.user, all, seed.units);
  }, [store, seed, session]);
}

/** adoption id → its current status (from the `status` records). */
export function useStatuses(): Map<string, CurrentStatus> | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    const docs = await store.docsOf('status');
    return new Map(
      docs.map((d) => {
        const v = docValues(d.fields);
        const conflicted = Object.values(d.fields).some((state) => conflicts(state).length > 0);
        return [
          d.id,
          {
            status: (v.status as Status | undefined) ?? 'notStarted',
            progress: typeof v.progress === 'number' ? v.progress : 0,
            asOf: typeof v.asOf === 'string' ? v.asOf : null,
            touchedAt: d.touchedAt,
            conflicted,
          },
        ];
      }),
    );
  }, [store]);
}

/** Saves waiting to be sent: one "Lưu" of seven fields is one change to the person who made it. */
export function useOutboxCount(): number | undefined {
  const { store } = useServices();
  return useLiveQuery(async () => {
    // Nothing or a single field queued (the usual case): no need to read the rows.
    const fields = await store.outboxCount();
    return fields <= 1 ? fields : countSaves(await store.db.outbox.toArray());
  }, [store]);
}
