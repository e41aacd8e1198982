import { useOnline } from './online.ts';

export function OnlineBadge() {
  const online = useOnline();
  return (
    <span class={`badge ${online ? 'badge-online' : 'badge-offline'}`} role="status" aria-live="polite" data-testid="online-indicator">
      {online ? 'Trực tuyến' : 'Ngoại tuyến'}
    </span>
  );
}

