// Getting the bytes of a photo to show it: from this phone's `blobs` table when it has them
// (taken here, or opened before), else from GET /api/blobs/:hash, kept afterwards so the photo
// opens offline. Runtime-neutral (fetch injected).
import type { AppDb } from '../db/schema.ts';
import { guardQuota } from '../db/errors.ts';
import { blobPath, isBlobType } from '../domain/sync/blob.ts';
import { sha256Hex } from './capture.ts';

export interface FetchDeps {
  db: AppDb;
  fetch: typeof fetch;
  token: string | null;
  baseUrl: string;
}

export type PhotoBytes =
  | { kind: 'ok'; bytes: Blob }
  /** No network (or the server could not answer now): try again when online. */
  | { kind: 'offline' }
  /** The server does not have them (their phone has not synced yet) or may not show them. */
  | { kind: 'missing' }
  /** The answer was not these bytes (a broken cache or proxy): nothing is kept. */
  | { kind: 'corrupt' };

export async function localPhoto(db: AppDb, hash: string): Promise<Blob | null> {
  return (await db.blobs.get(hash))?.bytes ?? null;
}

export async function loadPhoto(deps: FetchDeps, hash: string): Promise<PhotoBytes> {
  const local = await localPhoto(deps.db, hash);
  if (local) return { kind: 'ok', bytes: local };
  let res: Response;
  try {
    res = await deps.fetch(`${deps.baseUrl}${blobPath(hash)}`, { headers: deps.token ? { authorization: `Bearer ${deps.token}` } : {} });
  } catch {
    return { kind: 'offline' };
  }
  if (res.status === 404 || res.status === 401 || res.status === 403) return { kind: 'missing' };
  if (!res.ok) return { kind: 'offline' };
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  let buffer: ArrayBuffer;
  try {
    buffer = await res.arrayBuffer();
  } catch {
    return { kind: 'offline' }; // the connection dropped mid-photo
  }
  // The hash names the bytes: check them, so a wrong answer is never kept as this photo.
  if (!isBlobType(type) || (await sha256Hex(buffer)) !== hash) return { kind: 'corrupt' };
  const bytes = new Blob([buffer], { type });
  try {
    await guardQuota(() =>
      deps.db.transaction('rw', deps.db.blobs, async () => {
        if (!(await deps.db.blobs.get(hash))) await deps.db.blobs.add({ hash, type, bytes, uploaded: 1 });
      }),
    );
  } catch {
    // A full disk only costs the offline copy: the photo is still shown now.
  }
  return { kind: 'ok', bytes };
}
