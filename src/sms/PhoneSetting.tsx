// Settings → the person's mobile number: the sender the SMS gateway reports, which the server
// must know before it accepts a status sent by SMS (sync-server/sms/routes.ts, PUT /api/sms/phone).
import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { useServices } from '../app/services.ts';
import { fetchSmsKey, storedSmsKey } from './key.ts';
import { m } from './messages.ts';

const Answer = z.object({ phone: z.nullable(z.string()) });
const ErrorAnswer = z.object({ error: z.object({ code: z.string() }) });

export function PhoneSetting() {
  const { sync, session: signedIn } = useServices();
  const session = sync.session ?? signedIn;
  const { token, user } = session;
  const deviceId = session.deviceId ?? '';
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void storedSmsKey(user.id, deviceId).then((k) => k?.phone && setPhone(k.phone));
  }, [user.id, deviceId]);

  async function save(e: Event) {
    e.preventDefault();
    try {
      const res = await fetch('/api/sms/phone', {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phone: phone.trim() || null }),
        signal: AbortSignal.timeout(20_000),
      });
      const body: unknown = await res.json();
      const ok = Answer.safeParse(body);
      if (res.ok && ok.success) {
        setPhone(ok.data.phone ?? '');
        setNote({ ok: true, text: m.phoneSaved });
        // The stored key carries the number the phone checks before offering an SMS.
        await fetchSmsKey(token, user.id, deviceId);
        return;
      }
      const code = ErrorAnswer.safeParse(body).data?.error.code;
      setNote({ ok: false, text: code === 'sms/phone-taken' ? m.phoneTaken : m.phoneInvalid });
    } catch {
      setNote({ ok: false, text: m.phoneOffline });
    }
  }

  return (
    <section class="card" data-testid="sms-phone">
      <h2>{m.phoneTitle}</h2>
      <p class="muted">{m.phoneHelp}</p>
      <form onSubmit={(e) => void save(e)}>
        <label>
          {m.phoneLabel}
          <input type="tel" name="phone" inputMode="tel" autocomplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn-secondary">
          {m.phoneSave}
        </button>
        {note && (
          <p class={note.ok ? 'ok' : 'error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </p>
        )}
      </form>
    </section>
  );
}
