// The phones signed in to this account: a lost or handed-on phone is cut off here in one tap
// (its sessions end on the server; what it had not sent stays on it, unsendable).
import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { useServices } from '../app/services.ts';
import { formatDateTime } from '../domain/text.ts';
import { m } from './messages.ts';

const Devices = z.object({
  devices: z.array(z.object({ id: z.string(), createdAt: z.nullable(z.number()), lastSeenAt: z.nullable(z.number()), current: z.boolean(), revoked: z.boolean() })),
});
type Device = z.infer<typeof Devices>['devices'][number];

export function DevicesSettings() {
  const { sync } = useServices();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const auth = () => ({ authorization: `Bearer ${sync.session.token}` });

  async function load() {
    try {
      const res = await fetch('/api/devices', { headers: auth(), signal: AbortSignal.timeout(20_000) });
      const parsed = Devices.safeParse(await res.json());
      if (!res.ok || !parsed.success) throw new Error();
      setDevices(parsed.data.devices);
      setError(null);
    } catch {
      setError(m.devicesOffline);
    }
  }
  useEffect(() => void load(), []);

  async function revoke(id: string) {
    try {
      const res = await fetch(`/api/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST', headers: auth(), signal: AbortSignal.timeout(20_000) });
      if (!res.ok) throw new Error();
      await load();
    } catch {
      setError(m.revokeFailed);
    }
  }

  const live = devices?.filter((d) => !d.revoked) ?? [];
  return (
    <section class="card" data-testid="devices">
      <h2>{m.devices}</h2>
      {error && <p class="muted">{error}</p>}
      <ul class="list">
        {live.map((d, i) => (
          <li>
            <span>
              {d.current ? m.thisPhone : m.otherPhone(i + 1)}
              {d.createdAt ? m.since(formatDateTime(d.createdAt)) : ''}
              {d.lastSeenAt ? m.lastSeen(formatDateTime(d.lastSeenAt)) : ''}
            </span>
            {!d.current && (
              <button type="button" class="btn-secondary" onClick={() => void revoke(d.id)}>
                {m.revoke}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
