import { useState } from 'preact/hooks';
import { checkPin } from './pin.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { m as app } from '../app/messages.ts';
import { m } from './messages.ts';

/** Shown on opening the app when the device has a PIN. Works offline. */
export function PinLockScreen({ onUnlocked, onForgot }: { onUnlocked: () => void; onForgot: () => void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const ok = await checkPin(pin);
    setBusy(false);
    if (ok) onUnlocked();
    else {
      setError(m.wrongPin);
      setPin('');
    }
  }

  return (
    <div class="login">
      <h1>{app.appName}</h1>
      <LanguageSwitch />
      <form onSubmit={submit} noValidate>
        <label>
          {m.pinLabel}
          <input type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy || pin.length < 4}>
          {m.unlock}
        </button>
      </form>
      <p class="muted">
        {m.forgotPin}{' '}
        <button type="button" class="btn-small" onClick={onForgot}>
          {m.loginWithPassword}
        </button>
      </p>
    </div>
  );
}
