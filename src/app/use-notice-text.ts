// "Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng." is true when said and false a minute later,
// once the sync has sent it: a form's save notice turns into "đã gửi" when a sync finished after
// the save and nothing is left in this person's outbox (so the save was acknowledged).
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ServicesContext } from './services.ts';
import { useLiveQuery } from './hooks.ts';
import { m } from './messages.ts';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

const WAITING = new Set<string>([m.saved, m.kept]);

/** The text to show for a form's notice, or null when there is none. */
export function useNoticeText(notice: Notice | null | undefined): string | null {
  const services = useContext(ServicesContext);
  const since = useRef(0);
  const [syncedAt, setSyncedAt] = useState<number | null>(null);
  useEffect(() => {
    since.current = Date.now();
  }, [notice]);
  useEffect(() => services?.sync.subscribe((s) => setSyncedAt(s.lastSuccessAt)), [services]);
  const pending = useLiveQuery(async () => (services ? services.store.outboxCount() : null), [services]);
  if (!notice) return null;
  const sent = WAITING.has(notice.text) && pending === 0 && syncedAt !== null && syncedAt >= since.current;
  return sent ? m.savedSent : notice.text;
}
