// Opened from the QR code the commune police showed (`#/enrol/<code>`, read by the phone's own
// camera app): signs this phone in with the one-time code, then asks the member for a PIN, so
// nobody types a password on the phone. A lazy chunk: it is not part of the first load.
import { useEffect, useState } from 'preact/hooks';
import { LoginError, loadSession, post, revokeOnServer, signedIn, type Session } from '../auth/session.ts';
import { clearPin } from '../auth/pin.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { PinForm } from '../settings/PinSettings.tsx';
import { m as app } from '../app/messages.ts';
import { m as auth } from '../auth/messages.ts';
import { m } from './messages.ts';

/** Redeems the code (POST /api/auth/enrol) and keeps the session, as a password login does. */
export async function enrolWithCode(baseUrl: string, code: string): Promise<Session> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new LoginError(m.offline);
  // Someone else signed in on this phone: their session ends, their unsent changes stay in their own database.
  const previous = await loadSession();
  let answer: { res: Response; body: unknown };
  try {
    answer = await post(baseUrl, '/api/auth/enrol', { code });
  } catch {
    throw new LoginError(auth.noServer);
  }
  const session = await signedIn(answer);
  if (previous && previous.user.id !== session.user.id) {
    await clearPin();
    void revokeOnServer(baseUrl, previous.token);
  }
  return session;
}

type State = { kind: 'signing' } | { kind: 'failed'; message: string } | { kind: 'pin'; session: Session };

export default function EnrolScreen({ code, onSignedIn, onCancel, baseUrl = '' }: { code: string; onSignedIn: (s: Session) => void; onCancel: () => void; baseUrl?: string }) {
  const [state, setState] = useState<State>({ kind: 'signing' });
  const attempt = () => {
    setState({ kind: 'signing' });
    enrolWithCode(baseUrl, code).then(
      (session) => {
        // Spent: a reload now opens the signed-in app instead of trying the code again.
        history.replaceState(null, '', '#/');
        setState({ kind: 'pin', session });
      },
      (e: unknown) => setState({ kind: 'failed', message: e instanceof LoginError ? e.message : auth.loginFailed }),
    );
  };
  // One attempt per opening: the code is single use, so a retry is the person's choice.
  useEffect(attempt, [code]);

  return (
    <main class="login" data-testid="enrol">
      <h1>{app.appName}</h1>
      <LanguageSwitch />
      {state.kind === 'signing' && <p class="boot">{m.signingIn}</p>}
      {state.kind === 'failed' && (
        <>
          <h2>{m.failed}</h2>
          <p class="error" role="alert">
            {state.message}
          </p>
          {/* Offline, the code was not sent: it is still good once the network is back. */}
          <button type="button" class="btn-secondary" onClick={attempt}>
            {m.retry}
          </button>{' '}
          <button type="button" class="btn-small" onClick={onCancel}>
            {m.usePassword}
          </button>
        </>
      )}
      {state.kind === 'pin' && (
        <>
          <p class="ok" role="status">
            {m.signedInAs}
            <strong lang="vi">{state.session.user.displayName}</strong> ({state.session.user.username})
          </p>
          <h2>{m.pinTitle}</h2>
          <p class="muted">{m.pinHelp}</p>
          <PinForm submitLabel={m.start} class="btn-primary" onSaved={() => onSignedIn(state.session)} />
        </>
      )}
    </main>
  );
}
