// "Có mã dùng một lần?": the code an administrator handed over (a new account, a password
// reset), the username and a new password typed twice → POST /api/auth/redeem, which answers
// like a password login. Part of the first load (a lazy chunk of its own made the bundler split
// the login screen's modules into five more requests), so kept small.
import { useState } from 'preact/hooks';
import { LoginError, post, signedIn, type Session } from './session.ts';
import { m as app } from '../app/messages.ts';
import { m } from './messages.ts';

type Field = 'username' | 'code' | 'newPassword' | 'again';
type Problems = Partial<Record<Field | 'form', string>>;
type Refusal = { code?: string; message?: string };

export function RedeemForm({ username: initial, onLoggedIn, onBack, baseUrl }: { username: string; onLoggedIn: (s: Session) => void; onBack: () => void; baseUrl: string }) {
  const [v, setV] = useState<Record<Field, string>>({ username: initial, code: '', newPassword: '', again: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const p: Problems = {};
    if (!v.username.trim()) p.username = m.required;
    if (!v.code.trim()) p.code = m.required;
    // The server's rule (sync-server/auth/password.ts MIN_PASSWORD_LENGTH = 8).
    if (v.newPassword.length < 8) p.newPassword = m.tooShort;
    else if (v.newPassword !== v.again) p.again = m.mismatch;
    if (!p.username && !p.code && !p.newPassword && !p.again) {
      setBusy(true);
      try {
        // Codes are printed in capitals; typed in lower case or with spaces, it is the same code.
        const answer = await post(baseUrl, '/api/auth/redeem', { username: v.username.trim(), code: v.code.replace(/[\s-]/g, '').toUpperCase(), newPassword: v.newPassword });
        const r = answer.res.ok ? null : (answer.body as { error?: Refusal } | null)?.error;
        // A wrong, used or expired code is said next to the code; anything else under the form.
        if (r?.message) p[r.code === 'auth/bad-code' ? 'code' : 'form'] = app.serverError(r.code ?? '', r.message);
        else return onLoggedIn(await signedIn(answer));
      } catch (err) {
        p.form = err instanceof LoginError ? err.message : m.noServer;
      } finally {
        setBusy(false);
      }
    }
    setProblems(p);
  }

  const field = (name: Field, label: string, autocomplete: string) => {
    const a = {
      name,
      autocomplete,
      autocapitalize: 'none' as const,
      value: v[name],
      onInput: (e: { currentTarget: HTMLInputElement }) => setV({ ...v, [name]: e.currentTarget.value }),
      'aria-invalid': problems[name] ? ('true' as const) : undefined,
      'aria-describedby': problems[name] ? `rd-${name}` : undefined,
    };
    return (
      <>
        <label>
          {label}
          {name === 'newPassword' || name === 'again' ? <input type="password" {...a} /> : <input {...a} />}
        </label>
        {problems[name] && (
          <span class="field-error" id={`rd-${name}`} role="alert">
            {problems[name]}
          </span>
        )}
      </>
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={m.redeemTitle} data-testid="redeem-form">
      <h2>{m.redeemTitle}</h2>
      {field('username', m.username, 'username')}
      {field('code', m.code, 'one-time-code')}
      {field('newPassword', m.newPassword, 'new-password')}
      {field('again', m.again, 'new-password')}
      {problems.form && (
        <p class="error" role="alert">
          {problems.form}
        </p>
      )}
      <button type="submit" class="btn-primary" disabled={busy}>
        {busy ? m.loggingIn : m.redeem}
      </button>
      <button type="button" class="btn-secondary login-alt" onClick={onBack}>
        {m.loginWithPassword}
      </button>
    </form>
  );
}
