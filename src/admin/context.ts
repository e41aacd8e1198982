// What every admin screen shares: the API bound to the session's token, what the server says
// this person may do, and the units within their scope (loaded once, reloaded after a change).
// The reorganisation screen (src/admin/ReorgScreen.tsx, the reorg engineer's) reads it too.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminApi, AdminMe, AdminUnit } from './api.ts';

export interface AdminContextValue {
  api: AdminApi;
  me: AdminMe;
  units: AdminUnit[];
  byId: ReadonlyMap<string, AdminUnit>;
  reloadUnits: () => Promise<void>;
}

export const AdminContext = createContext<AdminContextValue | null>(null);

export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext);
  if (!value) throw new Error('AdminContext missing');
  return value;
}
