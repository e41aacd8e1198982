// Capturing a photo: the resized JPEG goes into the phone's `blobs` table under its sha-256
// (waiting there for upload, uploaded = 0), and the photo record that is synced carries only
// that hash, type and size. So a commune's pull stays small, and the bytes cross 2G once, to
// the server, and then only to whoever opens the photo.
import type { AppDb } from '../db/schema.ts';
import { guardQuota } from '../db/errors.ts';
import type { RecordEdit } from '../db/store.ts';
import { isBlobType, type BlobType } from '../domain/sync/blob.ts';
import { photoIdOf } from '../domain/sync/ids.ts';
import { resizePhoto } from '../models/photo.ts';
import { m } from './messages.ts';

/** What a photo record says about its bytes (the `blob`, `type`, `size` fields). */
export interface PhotoRef {
  blob: string;
  type: BlobType;
  size: number;
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps the bytes on the phone under their hash until uploaded. The same bytes saved twice
 * are one row, and a row already uploaded stays marked so.
 */
export async function storePhotoBytes(db: AppDb, bytes: Blob): Promise<PhotoRef> {
  const type = bytes.type;
  if (!isBlobType(type)) throw new Error(m.wrongType(type));
  const buffer = await bytes.arrayBuffer();
  const hash = await sha256Hex(buffer);
  // A Blob made from the bytes read, so what is stored is exactly what was hashed.
  const row = { hash, type, bytes: new Blob([buffer], { type }), uploaded: 0 as const };
  await guardQuota(() =>
    db.transaction('rw', db.blobs, async () => {
      if (!(await db.blobs.get(hash))) await db.blobs.add(row);
    }),
  );
  return { blob: hash, type, size: buffer.byteLength };
}

/** A camera picture (or a chosen file): resized (PhotoError when unreadable), then kept. */
export async function capturePhoto(db: AppDb, file: Blob): Promise<PhotoRef> {
  return storePhotoBytes(db, await resizePhoto(file));
}

/** A photo as a data URL (drafts made before photos were blobs): kept as bytes like a new one. */
export async function storeDataUrlPhoto(db: AppDb, dataUrl: string): Promise<PhotoRef> {
  const match = /^data:(image\/(?:jpeg|webp));base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) throw new Error(m.draftUnreadable);
  const binary = atob(match[2]!);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return storePhotoBytes(db, new Blob([bytes], { type: match[1] }));
}

/** The photo record of a captured photo: id "<adoptionId>~<suffix>", no picture inside. */
export function photoEdit(adoption: { id: string; unitId: string }, ref: PhotoRef, o: { suffix: string; takenAt: number; caption?: string }): RecordEdit {
  return {
    coll: 'photo',
    id: photoIdOf(adoption.id, o.suffix),
    unit: adoption.unitId,
    values: { adoptionId: adoption.id, blob: ref.blob, type: ref.type, size: ref.size, caption: o.caption ?? '', takenAt: o.takenAt },
  };
}
