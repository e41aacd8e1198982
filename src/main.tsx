import { render } from 'preact';
import { App } from './app/App.tsx';
import { loadLanguage } from './i18n/load.ts';
import { m as app } from './app/messages.ts';
import { registerServiceWorker, requestPersistentStorage, watchInstallOffer } from './sw-bridge.ts';
import './app/app.css';

/** Resolves once the boot placeholder ("Đang mở…") has given way to a real screen. */
function firstScreenShown(root: HTMLElement): Promise<void> {
  const loading = () => root.querySelector('.boot:not(.error)') !== null;
  if (!loading()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(cap);
      resolve();
    };
    const observer = new MutationObserver(() => !loading() && done());
    observer.observe(root, { childList: true, subtree: true });
    // Precaching is what makes the next visit work offline: never put it off indefinitely.
    const cap = setTimeout(done, 20_000);
  });
}

const root = document.getElementById('app')!;
watchInstallOffer();
// The first render waits for the chosen language (at once for Vietnamese, one small chunk for English).
void loadLanguage().then(() => {
  document.title = app.appName;
  render(<App />, root);
});
registerServiceWorker(firstScreenShown(root));
void requestPersistentStorage();
