import { useState } from 'preact/hooks';
import { checkPin } from './pin.ts';

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
      setError('Mã PIN không đúng.');
      setPin('');
    }
  }

  return (
    <div class="login">
      <h1>Sổ tay Đề án 06</h1>
      <form onSubmit={submit} noValidate>
        <label>
          Mã PIN của máy
          <input type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy || pin.length < 4}>
          Mở khóa
        </button>
      </form>
      <p class="muted">
        Quên mã PIN? <button type="button" class="btn-small" onClick={onForgot}>Đăng nhập lại bằng mật khẩu</button>
      </p>
    </div>
  );
}
