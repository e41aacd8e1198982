import { useOnline } from './online.ts';
import { m } from './messages.ts';

export function OnlineBadge() {
  const online = useOnline();
  return (
    <span class={`badge ${online ? 'badge-online' : 'badge-offline'}`} role="status" aria-live="polite" data-testid="online-indicator">
      {online ? m.online : m.offline}
    </span>
  );
}

