import { useEffect, useState } from 'preact/hooks';
import { PIN_PATTERN, clearPin, hasPin, setPin } from '../auth/pin.ts';

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
    if (!PIN_PATTERN.test(pin)) return setMessage({ ok: false, text: 'Mã PIN gồm 4–8 chữ số.' });
    if (pin !== again) return setMessage({ ok: false, text: 'Hai lần nhập mã PIN không khớp.' });
    await setPin(pin);
    setEnabled(true);
    setPinText('');
    setAgain('');
    setMessage({ ok: true, text: 'Đã đặt mã PIN. Lần sau mở ứng dụng sẽ hỏi mã này.' });
  }

  return (
    <section class="card">
      <h2>Khóa bằng mã PIN</h2>
      <p class="muted">Dùng khi nhiều người chung một máy. Mã PIN chỉ lưu trên máy này (đã mã hóa), không cần mạng.</p>
      <form onSubmit={save} noValidate>
        <label>
          Mã PIN mới
          <input type="password" inputMode="numeric" autocomplete="new-password" value={pin} onInput={(e) => setPinText(e.currentTarget.value)} />
        </label>
        <label>
          Nhập lại mã PIN
          <input type="password" inputMode="numeric" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        </label>
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" class="btn-secondary">
          {enabled ? 'Đổi mã PIN' : 'Đặt mã PIN'}
        </button>
        {enabled && (
          <button
            type="button"
            class="btn-small"
            onClick={() =>
              void clearPin().then(() => {
                setEnabled(false);
                setMessage({ ok: true, text: 'Đã bỏ khóa PIN.' });
              })
            }
          >
            Bỏ khóa PIN
          </button>
        )}
      </form>
    </section>
  );
}
