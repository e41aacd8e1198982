import { useEffect, useState } from 'preact/hooks';
import { applyUpdate, onUpdateAvailable } from '../sw-bridge.ts';
import { m } from './messages.ts';

/**
 * "Có phiên bản mới — Cập nhật". Drafts are already in IndexedDB on every keystroke,
 * so reloading into the new version loses nothing the user was typing.
 */
export function UpdatePrompt() {
  const [available, setAvailable] = useState(false);
  useEffect(() => onUpdateAvailable(setAvailable), []);
  // The shell keeps a focused field clear of this bar too (Layout listens; the name is
  // repeated here so the first-load chunk does not import the shell's Layout).
  useEffect(() => void dispatchEvent(new Event('fixedbarschange')), [available]);
  if (!available) return null;
  return (
    <div class="update-prompt" role="alertdialog" aria-label={m.updateAvailable}>
      <span>{m.updateAvailable}</span>
      <button type="button" class="btn-primary" onClick={applyUpdate}>
        {m.update}
      </button>
    </div>
  );
}
