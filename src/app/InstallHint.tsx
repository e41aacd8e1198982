// Two one-line helps that belong to the app rather than to a screen: "install me" (a button
// where the browser offers it, the steps where it does not) and the single moment the app
// says it now works without network.
import { useEffect, useState } from 'preact/hooks';
import { isInstalled, onInstallOffer, onOfflineReady, promptInstall } from '../sw-bridge.ts';
import { m } from './messages.ts';

const INSTALL_DISMISSED = 'so-tay:install-hint-dismissed';
const OFFLINE_READY_SHOWN = 'so-tay:offline-ready-shown';

function stored(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
function remember(key: string): void {
  try {
    localStorage.setItem(key, '1');
  } catch {
    /* private mode: the hint may show again, nothing worse */
  }
}

/** iPhone and iPad browsers never offer an install dialog: the user adds the app from Share. */
function isIos(): boolean {
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

export function InstallHint() {
  const [offer, setOffer] = useState(false);
  const [hidden, setHidden] = useState(() => isInstalled() || stored(INSTALL_DISMISSED));
  useEffect(() => onInstallOffer(setOffer), []);
  if (hidden) return null;
  const dismiss = () => {
    remember(INSTALL_DISMISSED);
    setHidden(true);
  };
  return (
    <div class="card hint" data-testid="install-hint">
      <p>
        <strong>{m.installTitle}</strong>
        {m.installBody}
      </p>
      {!offer && <p class="muted">{isIos() ? m.installIos : m.installOther}</p>}
      <div class="hint-actions">
        {offer && (
          <button type="button" class="btn-primary" onClick={() => void promptInstall().then((r) => r === 'accepted' && dismiss())}>
            {m.install}
          </button>
        )}
        <button type="button" class="btn-small" onClick={dismiss}>
          {offer ? m.later : m.gotIt}
        </button>
      </div>
    </div>
  );
}

// Shown this session (kept across screens until closed), and never again on this phone.
let showingOfflineReady = false;

export function OfflineReadyNote() {
  const [show, setShow] = useState(showingOfflineReady);
  useEffect(
    () =>
      onOfflineReady((ready) => {
        if (!ready || showingOfflineReady || stored(OFFLINE_READY_SHOWN)) return;
        remember(OFFLINE_READY_SHOWN);
        showingOfflineReady = true;
        setShow(true);
      }),
    [],
  );
  if (!show) return null;
  return (
    <p class="banner banner-ok" role="status" data-testid="offline-ready">
      <span>{m.offlineReady}</span>
      <button
        type="button"
        class="btn-small"
        onClick={() => {
          showingOfflineReady = false;
          setShow(false);
        }}
      >
        {m.close}
      </button>
    </p>
  );
}
