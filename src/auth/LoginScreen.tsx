import { useEffect, useState } from 'preact/hooks';
import { LoginError, login, revokePending, type Session } from './session.ts';
import { othersPending, type Account } from '../db/accounts.ts';
import { OnlineBadge } from '../app/OnlineBadge.tsx';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { m as app } from '../app/messages.ts';
import { m } from './messages.ts';
import { RedeemForm } from './RedeemForm.tsx';

export function LoginScreen({ onLoggedIn, baseUrl = '' }: { onLoggedIn: (s: Session) => void; baseUrl?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<Account[]>([]);
  const [redeeming, setRedeeming] = useState(false);
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
      setError(m.missingFields);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(baseUrl, username.trim(), password));
    } catch (err) {
      setError(err instanceof LoginError ? err.message : m.loginFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <div class="login-head">
        <h1>{app.appName}</h1>
        <OnlineBadge />
      </div>
      <LanguageSwitch />
      <p class="muted">{m.tagline}</p>
      {waiting.length > 0 && (
        <p class="notice" data-testid="others-pending">
          {m.othersPendingBefore}
          {waiting.map((a, i) => (
            <>
              {i > 0 && ', '}
              <span lang="vi">{a.displayName}</span> ({m.changes(a.pending)})
            </>
          ))}
          {m.othersPendingAfter}
        </p>
      )}
      {redeeming ? (
        <RedeemForm username={username} onLoggedIn={onLoggedIn} onBack={() => setRedeeming(false)} baseUrl={baseUrl} />
      ) : (
        <form onSubmit={submit} noValidate>
          <label>
            {m.username}
            <input name="username" autocomplete="username" autocapitalize="none" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </label>
          <label>
            {m.password}
            <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn-primary" disabled={busy}>
            {busy ? m.loggingIn : m.logIn}
          </button>
          <button type="button" class="btn-secondary login-alt" onClick={() => setRedeeming(true)}>
            {m.haveCode}
          </button>
        </form>
      )}
    </main>
  );
}
