// The first thing a phone loads: find the session on the device, ask for the PIN if one is
// set, else show the login form. Everything else is in the Shell chunk (./Shell.tsx).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { clearSession, loadSession, revokeOnServer, type Session } from '../auth/session.ts';
import { LoginScreen } from '../auth/LoginScreen.tsx';
import { PinLockScreen } from '../auth/PinLockScreen.tsx';
import { clearPin, hasPin } from '../auth/pin.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { m } from './messages.ts';

type ShellModule = { default: ComponentType<{ session: Session; logout: () => Promise<void> }> };
const loadShell = () => import('./Shell.tsx') as Promise<ShellModule>;
// Opened from an enrolment QR code (src/enrol/): its own small chunk, never in the first load.
type EnrolModule = { default: ComponentType<{ code: string; onSignedIn: (s: Session) => void; onCancel: () => void }> };
const loadEnrol = () => import('../enrol/EnrolScreen.tsx') as Promise<EnrolModule>;
const enrolCode = () => /^#\/enrol\/([A-Za-z0-9_-]{16,64})$/.exec(location.hash)?.[1] ?? null;

type Boot =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'locked'; session: Session }
  | { kind: 'enrol'; code: string; Enrol: EnrolModule['default'] }
  | { kind: 'ready'; session: Session; Shell: ShellModule['default'] }
  | { kind: 'error'; message: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  async function open(session: Session) {
    try {
      const { default: Shell } = await loadShell();
      setBoot({ kind: 'ready', session, Shell });
    } catch {
      setBoot({ kind: 'error', message: m.shellFailed });
    }
  }

  async function logout() {
    // The PIN guarded this person's session; the next person sets their own.
    await clearPin();
    await clearSession();
    setBoot({ kind: 'login' });
  }

  async function start() {
    const code = enrolCode();
    if (code) {
      try {
        const { default: Enrol } = await loadEnrol();
        return setBoot({ kind: 'enrol', code, Enrol });
      } catch {
        return setBoot({ kind: 'error', message: m.shellFailed });
      }
    }
    const session = await loadSession();
    if (!session) return setBoot({ kind: 'login' });
    if (await hasPin()) return setBoot({ kind: 'locked', session });
    await open(session);
  }

  // No prefetch of the shell here: the service worker precaches it right after the first
  // load, so it is on the phone by the time the person has typed their password.
  useEffect(() => void start(), []);

  let screen;
  switch (boot.kind) {
    case 'loading':
      screen = <p class="boot">{m.booting}</p>;
      break;
    case 'error':
      screen = (
        <p class="boot error" role="alert">
          {boot.message}
        </p>
      );
      break;
    case 'login':
      screen = <LoginScreen onLoggedIn={(s) => void open(s)} />;
      break;
    case 'locked': {
      const { session } = boot;
      // Forgetting the PIN costs a password login (online); what is queued stays on the device.
      screen = (
        <PinLockScreen
          onUnlocked={() => void open(session)}
          // The session ends on the server too; the person's queue stays in their database.
          onForgot={() => void revokeOnServer('', session.token).then(logout)}
        />
      );
      break;
    }
    case 'enrol': {
      // The code leaves the address bar once used: a reload must not try it again.
      const leave = () => history.replaceState(null, '', '#/');
      screen = (
        <boot.Enrol
          code={boot.code}
          onSignedIn={(s) => {
            leave();
            void open(s);
          }}
          onCancel={() => {
            leave();
            void start();
          }}
        />
      );
      break;
    }
    case 'ready':
      screen = <boot.Shell session={boot.session} logout={logout} />;
      break;
  }
  return (
    <>
      {screen}
      <UpdatePrompt />
    </>
  );
}
