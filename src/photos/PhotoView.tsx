// One evidence photo on screen. The bytes come from this phone when it has them, else from
// the server once (then kept, so the photo opens offline), with a placeholder meanwhile that
// says why nothing shows yet. Old records that still carry the picture inline (`data`) are
// shown as they are.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { isBlobHash } from '../domain/sync/blob.ts';
import { loadPhoto, type PhotoBytes } from './fetch.ts';
import { m } from './messages.ts';

/** What a placeholder says, by state (read from the dictionary when rendered). */
export const PHOTO_TEXT = m;

type State = { kind: 'local' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: Exclude<PhotoBytes['kind'], 'ok'> };

export interface PhotoViewProps {
  /** The photo record's values (docValues), or a draft photo: `blob` (hash) or legacy `data`. */
  photo: { blob?: unknown; data?: unknown };
  alt: string;
  /** Square, in CSS pixels. */
  size: number;
}

export function PhotoView({ photo, alt, size }: PhotoViewProps) {
  const { store, session } = useServices();
  const hash = typeof photo.blob === 'string' && isBlobHash(photo.blob) ? photo.blob : null;
  const legacy = typeof photo.data === 'string' && photo.data.startsWith('data:image/') ? photo.data : null;
  const [state, setState] = useState<State>({ kind: 'local' });

  useEffect(() => {
    if (!hash) return;
    let url: string | null = null;
    let cancelled = false;
    let inFlight = false;
    const load = async () => {
      if (inFlight) return;
      inFlight = true;
      const slow = setTimeout(() => !cancelled && setState({ kind: 'loading' }), 150);
      try {
        const got = await loadPhoto({ db: store.db, fetch: (input, init) => globalThis.fetch(input, init), token: session.token, baseUrl: '' }, hash);
        if (cancelled) return;
        if (got.kind === 'ok') {
          url = URL.createObjectURL(got.bytes);
          setState({ kind: 'ready', url });
        } else {
          setState({ kind: got.kind });
        }
      } catch {
        if (!cancelled) setState({ kind: 'offline' });
      } finally {
        clearTimeout(slow);
        inFlight = false;
      }
    };
    // Back online, or the photographer's phone has synced since: try again.
    const retry = () => {
      if (url === null) void load();
    };
    setState({ kind: 'local' });
    void load();
    window.addEventListener('online', retry);
    return () => {
      cancelled = true;
      window.removeEventListener('online', retry);
      if (url) URL.revokeObjectURL(url);
    };
  }, [hash, store, session.token]);

  const box = { width: `${size}px`, height: `${size}px` };
  if (!hash) {
    if (legacy) return <img src={legacy} alt={alt} width={size} height={size} loading="lazy" />;
    return (
      <span class="photo-placeholder" style={box} data-testid="photo-placeholder">
        {PHOTO_TEXT.unknown}
      </span>
    );
  }
  if (state.kind === 'ready') return <img src={state.url} alt={alt} width={size} height={size} />;
  return (
    <span class="photo-placeholder" style={box} data-testid="photo-placeholder" aria-live="polite">
      {state.kind === 'local' ? '' : PHOTO_TEXT[state.kind]}
    </span>
  );
}
