// "Xã … đã sáp nhập vào …": shown once after a reorganisation moved this person's commune
// (the sync learnt it: src/sync/controller.ts), until they tap "Đã hiểu" — then the app starts
// again as the new unit, so every screen reads and writes it.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from './services.ts';
import { m } from '../sync/messages.ts';

export function ReorgNotice() {
  const { sync } = useServices();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => sync.subscribe((s) => setNotice(s.notice ?? null)), [sync]);
  if (!notice) return null;
  return (
    <div class="banner banner-warn reorg-notice" role="alert" data-testid="reorg-notice">
      <strong>{m.reorgTitle}</strong>
      {/* Built from the units' names (data), in Vietnamese. */}
      <p lang="vi">{notice}</p>
      <button
        type="button"
        class="btn-small"
        onClick={() => {
          void sync.dismissNotice().then(() => location.reload());
        }}
      >
        {m.reorgOk}
      </button>
    </div>
  );
}
