// The way into the hand-off screens from Home: for a phone with changes waiting and no network
// (send them through another phone), and for the commune's officers (receive them).
import { useServices } from '../app/services.ts';
import { useLiveQuery, useOnline } from '../app/hooks.ts';
import type { Role } from '../domain/people.ts';
import { m } from './messages.ts';

/** Who meets the village teams in person and has the data signal they lack. */
const RECEIVERS: readonly Role[] = ['communeStanding', 'communeLeader'];

export function HandoffEntry({ pending }: { pending: number }) {
  const { session, sync } = useServices();
  const online = useOnline();
  const receiver = RECEIVERS.includes(session.user.role);
  // (A screen rendered without the sync controller's hand-off store — component tests — shows no count.)
  const waiting = useLiveQuery(() => (receiver && sync.handoff ? sync.handoff.relayQueue().then((rows) => rows.length) : 0), [sync, receiver]) ?? 0;
  const send = pending > 0 && !online;
  if (!send && !receiver) return null;
  return (
    <section class="card" data-testid="handoff-entry">
      <h2>{m.entryTitle}</h2>
      <ul class="list">
        {send && (
          <li>
            <a href="#/handoff/send">{m.entrySend(pending)}</a>
          </li>
        )}
        {receiver && (
          <li>
            <a href="#/handoff/receive">{m.entryReceive}</a>
            {waiting > 0 && <span class="muted">{m.entryWaiting(waiting)}</span>}
          </li>
        )}
      </ul>
    </section>
  );
}
