import { useEffect, useState } from 'preact/hooks';
import { LoginError, login, revokePending, type Session } from './session.ts';
import { othersPending, type Account } from '../db/accounts.ts';
import { OnlineBadge } from '../app/OnlineBadge.tsx';

export function LoginScreen({ onLoggedIn, baseUrl = '' }: { onLoggedIn: (s: Session) => void; baseUrl?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<Account[]>([]);
  useEffect(() => void othersPending(null).then(setWaiting), []);
  // A logout made offline left its token to revoke: do it as soon as there is a network.
  useEffect(() => {
    const revoke = () => void revokePending(baseUrl);
    revoke();
    addEventListener('online', revoke);
    return () => removeEventListener('online', revoke);
  }, [baseUrl]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Hãy nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(baseUrl, username.trim(), password));
    } catch (err) {
      setError(err instanceof LoginError ? err.message : 'Đăng nhập không thành công.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <div class="login-head">
        <h1>Sổ tay Đề án 06</h1>
        <OnlineBadge />
      </div>
      <p class="muted">Theo dõi, báo cáo các mô hình Đề án 06 ở xã, thôn — dùng được cả khi không có mạng.</p>
      {waiting.length > 0 && (
        <p class="notice" data-testid="others-pending">
          Máy này còn thay đổi chưa gửi của {waiting.map((a) => `${a.displayName} (${a.pending.toLocaleString('vi-VN')} thay đổi)`).join(', ')}. Chúng được giữ riêng và sẽ
          gửi đi khi người đó đăng nhập lại.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label>
          Tên đăng nhập
          <input name="username" autocomplete="username" autocapitalize="none" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
