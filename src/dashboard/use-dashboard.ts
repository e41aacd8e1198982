// The dashboard's data on screen: the copy kept on the device first (readable offline,
// with its "as of" time), refreshed from the server when online.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { knownUnits, rulesFor } from '../reports/scope.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { DashboardSnapshot } from './matrix.ts';
import { cachedDashboard, fetchDashboard, localDashboard } from './rollups.ts';
import { RollupFetchError } from './fetch-errors.ts';
import { m } from './messages.ts';

export interface DashboardState {
  snapshot: DashboardSnapshot | null;
  loading: boolean;
  /** Why the numbers shown are not fresh from the server. */
  problem: string | null;
  refresh: () => Promise<void>;
}

export function useKnownUnits(): OrgUnit[] {
  const { session, seed } = useServices();
  return knownUnits(session.units, seed.units);
}

export function useDashboard(unitId: string, now: () => number = Date.now): DashboardState {
  const { store, session, seed } = useServices();
  const units = useKnownUnits();
  const [snapshot, setSnapshot] = useState<DashboardSnapshot | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  async function refresh(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      setProblem(m.offline);
      return;
    }
    setLoading(true);
    try {
      setSnapshot(await fetchDashboard(unitId, session.token));
      setProblem(null);
    } catch (e) {
      // Our own words only (fetch-errors.ts): a browser's or the server's text says nothing useful here.
      const why = e instanceof RollupFetchError ? e.message : m.fetchFailed;
      setProblem(m.showingSaved(why));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    let live = true;
    setSnapshot(null);
    setLoading(true);
    void (async () => {
      const kept = await cachedDashboard(unitId);
      if (!live) return;
      if (kept) setSnapshot(kept);
      else {
        try {
          const local = await localDashboard(store, unitId, units, (c) => rulesFor(c, units, seed.reportingRules), now());
          if (live) setSnapshot((s) => s ?? local);
        } catch {
          /* unknown unit: the screen says so */
        }
      }
      if (live) await refresh();
      if (live) setLoading(false);
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId, store]);

  return { snapshot, loading, problem, refresh };
}
