// On a model's page, while offline with a status save still queued: the save as one SMS to the
// commune's gateway number (the phone's own SMS app sends it), marked "đã gửi qua SMS" here.
// The queue is untouched: the same changes still sync normally later and the server settles
// them once (sync-server/sms/).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { useOnline } from '../app/online.ts';
import { formatDateTime } from '../domain/text.ts';
import { smsDrafts, smsLink, type SmsDraft } from './compose.ts';
import { markSmsSent, smsSent, storedSmsKey, type SmsKey } from './key.ts';
import { m } from './messages.ts';

export function SmsCard({ adoptionId }: { adoptionId: string }) {
  const { store, sync, session: signedIn } = useServices();
  const online = useOnline();
  // The controller's session carries the device id the server issued (older saved sessions lack it).
  const session = sync.session ?? signedIn;
  const userId = session.user.id;
  const deviceId = session.deviceId ?? '';
  const [key, setKey] = useState<SmsKey | null | undefined>(undefined);
  const [sent, setSent] = useState<Record<number, number>>({});
  useEffect(() => {
    // Fetched by the shell once per phone (src/sms/key.ts prepareSmsKey): offline is when it is needed.
    void storedSmsKey(userId, deviceId).then(setKey);
    void smsSent(userId, deviceId).then(setSent);
  }, [userId, deviceId]);
  const drafts = useLiveQuery(async (): Promise<SmsDraft[]> => (key ? smsDrafts(await store.db.outbox.toArray(), adoptionId, deviceId, key.secret) : []), [store, key, adoptionId]);
  const queued = useLiveQuery(async () => (await store.db.outbox.toArray()).some((r) => r.coll === 'status' && r.id === adoptionId), [store, adoptionId]);

  // Online, the save goes out by itself; nothing queued, nothing to send.
  if (online || !queued || key === undefined || !deviceId) return null;
  const problem = !key ? m.noKey : !key.gateway ? m.noGateway : !key.phone ? m.noPhone : null;
  const list = drafts ?? [];
  return (
    <section class="card" data-testid="sms-card">
      <h2>{m.title}</h2>
      <p class="muted">{m.intro}</p>
      {problem ? (
        <p class="muted" role="status">
          {problem}
        </p>
      ) : (
        <ul class="list">
          {list.map((d, i) => {
            const at = d.seqs.map((s) => sent[s]).find((t) => t !== undefined);
            return (
              <li data-testid="sms-draft">
                <strong>{m.message(i + 1, list.length)}</strong>
                <code class="sms-text" lang="vi">
                  {d.text}
                </code>
                <a
                  class="btn-secondary"
                  href={smsLink(key!.gateway!, d.text)}
                  onClick={() => {
                    const now = Date.now();
                    void markSmsSent(userId, deviceId, d.seqs, now).then(() => smsSent(userId, deviceId).then(setSent));
                  }}
                >
                  {m.send}
                </a>
                {at !== undefined && <p class="ok" data-testid="sms-sent">{m.sentAt(formatDateTime(at))}</p>}
              </li>
            );
          })}
          {list.length > 1 && <li class="muted">{m.inOrder}</li>}
        </ul>
      )}
    </section>
  );
}
