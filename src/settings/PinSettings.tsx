import { useEffect, useState } from 'preact/hooks';
import { PIN_PATTERN, clearPin, hasPin, setPin } from '../auth/pin.ts';
import { m as auth } from '../auth/messages.ts';
import { m } from './messages.ts';

/** A new PIN typed twice; also the last step of a QR enrolment (src/enrol/EnrolScreen.tsx). */
export function PinForm({ submitLabel, onSaved, class: className = 'btn-secondary' }: { submitLabel: string; onSaved: () => void; class?: string }) {
  const [pin, setPinText] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save(e: Event) {
    e.preventDefault();
    if (!PIN_PATTERN.test(pin)) return setError(auth.pinPattern);
    if (pin !== again) return setError(m.pinMismatch);
    await setPin(pin);
    setPinText('');
    setAgain('');
    setError(null);
    onSaved();
  }

  return (
    <form onSubmit={save} noValidate>
      <label>
        {m.newPin}
        <input type="password" inputMode="numeric" autocomplete="new-password" value={pin} onInput={(e) => setPinText(e.currentTarget.value)} />
      </label>
      <label>
        {m.pinAgain}
        <input type="password" inputMode="numeric" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class={className}>
        {submitLabel}
      </button>
    </form>
  );
}

export function PinSettings() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void hasPin().then(setEnabled);
  }, []);

  return (
    <section class="card">
      <h2>{m.pinTitle}</h2>
      <p class="muted">{m.pinHelp}</p>
      <PinForm
        submitLabel={enabled ? m.changePin : m.setPin}
        onSaved={() => {
          setEnabled(true);
          setMessage(m.pinSet);
        }}
      />
      {message && (
        <p class="ok" role="status">
          {message}
        </p>
      )}
      {enabled && (
        <button
          type="button"
          class="btn-small"
          onClick={() =>
            void clearPin().then(() => {
              setEnabled(false);
              setMessage(m.pinRemoved);
            })
          }
        >
          {m.removePin}
        </button>
      )}
    </section>
  );
}
