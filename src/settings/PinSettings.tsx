import { useEffect, useState } from 'preact/hooks';
import { PIN_PATTERN, clearPin, hasPin, setPin } from '../auth/pin.ts';
import { m as auth } from '../auth/messages.ts';
import { m } from './messages.ts';

export function PinSettings() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [pin, setPinText] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void hasPin().then(setEnabled);
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!PIN_PATTERN.test(pin)) return setMessage({ ok: false, text: auth.pinPattern });
    if (pin !== again) return setMessage({ ok: false, text: m.pinMismatch });
    await setPin(pin);
    setEnabled(true);
    setPinText('');
    setAgain('');
    setMessage({ ok: true, text: m.pinSet });
  }

  return (
    <section class="card">
      <h2>{m.pinTitle}</h2>
      <p class="muted">{m.pinHelp}</p>
      <form onSubmit={save} noValidate>
        <label>
          {m.newPin}
          <input type="password" inputMode="numeric" autocomplete="new-password" value={pin} onInput={(e) => setPinText(e.currentTarget.value)} />
        </label>
        <label>
          {m.pinAgain}
          <input type="password" inputMode="numeric" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        </label>
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" class="btn-secondary">
          {enabled ? m.changePin : m.setPin}
        </button>
        {enabled && (
          <button
            type="button"
            class="btn-small"
            onClick={() =>
              void clearPin().then(() => {
                setEnabled(false);
                setMessage({ ok: true, text: m.pinRemoved });
              })
            }
          >
            {m.removePin}
          </button>
        )}
      </form>
    </section>
  );
}
