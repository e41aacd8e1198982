// Uploading the bytes of captured photos (PUT /api/blobs/:hash). The sync engine calls
// uploadPendingBlobs before each push; runtime-neutral (fetch injected) so Node tests drive
// it against the real server in process.
//
// Only bytes that a photo record on this phone names are sent: the record says which unit
// and adoption the photo belongs to (the server's write rule needs both), and a picture
// taken into a draft that was never saved stays on the phone. One upload at a time (2G); the
// order does not matter, since the server accepts a record before or after its bytes.
import type { AppDb, BlobRow } from '../db/schema.ts';
import { winner } from '../domain/sync/merge.ts';
import { blobPath } from '../domain/sync/blob.ts';
import { parsePhotoId } from '../domain/sync/ids.ts';
import { m } from './messages.ts';
import { m as app } from '../app/messages.ts';

export interface UploadDeps {
  db: AppDb;
  fetch: typeof fetch;
  /** The bearer token; null uploads nothing (signed out). */
  token: string | null;
  /** '' for the same origin. */
  baseUrl: string;
  signal?: AbortSignal;
}

export interface RefusedUpload {
  hash: string;
  status: number;
  code: string;
  message: string;
}

export interface UploadResult {
  /** Bytes the server now has (stored now, or already had). */
  uploaded: number;
  /** Still waiting (not tried, or the run stopped, or refused). */
  pending: number;
  /** Refused for a reason retrying will not fix now (4xx); the bytes stay on the phone. */
  refused: RefusedUpload[];
  /** Why the run stopped before the end: no network (or a 5xx), or the session is no longer valid. */
  stopped: 'offline' | 'unauthorized' | null;
}

interface Target {
  unit: string;
  adoptionId: string | null;
}

/** hash → the unit and adoption of a photo record on this phone that names it. */
async function targets(db: AppDb, wanted: ReadonlySet<string>): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  await db.docs
    .where('coll')
    .equals('photo')
    .each((doc) => {
      const hash = winner(doc.fields['blob'])?.value;
      if (typeof hash !== 'string' || !wanted.has(hash) || out.has(hash)) return;
      const adoption = winner(doc.fields['adoptionId'])?.value;
      const fromId = parsePhotoId(doc.id)?.adoptionId ?? null;
      out.set(hash, { unit: doc.unit, adoptionId: typeof adoption === 'string' ? adoption : fromId });
    });
  return out;
}

export async function uploadPendingBlobs(deps: UploadDeps): Promise<UploadResult> {
  const { db, token } = deps;
  const pending: BlobRow[] = await db.blobs.where('uploaded').equals(0).toArray();
  const result: UploadResult = { uploaded: 0, pending: pending.length, refused: [], stopped: null };
  if (pending.length === 0 || !token) return result;
  const named = await targets(db, new Set(pending.map((b) => b.hash)));

  for (const row of pending) {
    const target = named.get(row.hash);
    if (!target) continue;
    const query = new URLSearchParams({ unit: target.unit });
    if (target.adoptionId) query.set('adoption', target.adoptionId);
    let res: Response;
    try {
      res = await deps.fetch(`${deps.baseUrl}${blobPath(row.hash)}?${query}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': row.type },
        body: row.bytes,
        signal: deps.signal,
      });
    } catch {
      result.stopped = 'offline';
      break;
    }
    if (res.ok) {
      await res.body?.cancel();
      await db.blobs.update(row.hash, { uploaded: 1 });
      result.uploaded += 1;
      result.pending -= 1;
      continue;
    }
    const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
    if (res.status === 401) {
      result.stopped = 'unauthorized';
      break;
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      result.stopped = 'offline';
      break;
    }
    result.refused.push({
      hash: row.hash,
      status: res.status,
      code: typeof body?.error?.code === 'string' ? body.error.code : `http/${res.status}`,
      message: typeof body?.error?.message === 'string' ? app.serverError(typeof body.error.code === 'string' ? body.error.code : '', body.error.message) : m.refused(res.status),
    });
  }
  return result;
}
