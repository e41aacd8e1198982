// "Quản trị" in Settings, only for those the server says may administer (GET /api/admin/me):
// the admin, officers with the admin right, the commune police for its village members.
// Asked each time Settings opens (administration needs the network anyway); no answer, no link.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { m } from './messages.ts';

export function AdminLink() {
  const { session } = useServices();
  const [may, setMay] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/admin/me', { headers: { authorization: `Bearer ${session.token}` }, signal: AbortSignal.timeout(20_000) })
      .then((res) => (res.ok ? (res.json() as Promise<{ canAdminUnits?: unknown; canEnrol?: unknown }>) : null))
      .then((me) => live && setMay(me?.canAdminUnits === true || me?.canEnrol === true))
      .catch(() => undefined);
    return () => void (live = false);
  }, [session.token]);
  if (!may) return null;
  return (
    <section class="card" data-testid="admin-link">
      <h2>{m.admin}</h2>
      <p class="muted">{m.adminHelp}</p>
      <a class="btn-secondary" href="#/admin">
        {m.openAdmin}
      </a>
    </section>
  );
}
