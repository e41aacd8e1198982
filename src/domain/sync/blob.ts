// Photo bytes travel apart from their records. A photo record names its bytes by their
// sha-256 (content addressing): the record stays a few hundred bytes in every pull, the
// bytes are fetched only by whoever opens the photo, and a hash names the same bytes
// forever, so any cache may keep them without asking again. Shared by the app (capture,
// upload, view) and the server (PUT/GET /api/blobs/:hash).

/** sha-256 of the bytes, 64 lowercase hex digits. */
export const BLOB_HASH = /^[0-9a-f]{64}$/;
export const BLOB_TYPES = ['image/jpeg', 'image/webp'] as const;
export type BlobType = (typeof BLOB_TYPES)[number];
/** The server's cap (the phone resizes to ≤ 200 KB; the margin leaves room for other encoders). */
export const MAX_BLOB_BYTES = 300_000;

export const isBlobHash = (s: string): boolean => BLOB_HASH.test(s);
export const isBlobType = (s: string): s is BlobType => (BLOB_TYPES as readonly string[]).includes(s);

/** Where the bytes of a photo are read and written. */
export const blobPath = (hash: string): string => `/api/blobs/${hash}`;

/**
 * The image type the bytes actually are, by their signature; null when neither JPEG nor
 * WebP. The declared content type is not enough: the bytes are served back with it.
 */
export function sniffImageType(head: Uint8Array): BlobType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
