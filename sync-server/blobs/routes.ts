// PUT /api/blobs/:hash?unit=<unitId>[&adoption=<adoptionId>] and GET /api/blobs/:hash: the
// bytes of evidence photos, by the sha-256 of their content (src/domain/sync/blob.ts).
//
// A photo record (synced like any other) names its bytes; the phone uploads them apart,
// before or after pushing the record, and whoever opens the photo fetches them once. The
// server recomputes the hash, so a stored hash always names exactly its bytes, and the
// phone's service worker may keep a fetched photo for good (its 'photo-blobs' cache, emptied at
// logout). The browser's own HTTP cache may not: on a shared phone it would hand one person's
// photo to the next without asking the server.
// Uploading the same bytes again is harmless and answered 200 (a retry after a lost answer).
import { Hono } from 'hono';
import { z } from 'zod';
import { BLOB_TYPES, MAX_BLOB_BYTES, isBlobHash, isBlobType, sniffImageType } from '../../src/domain/sync/blob.ts';
import { requireSession } from '../auth/session.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, zodIssues } from '../http/errors.ts';
import { loadTree } from '../org/load-tree.ts';
import type { SyncStore } from '../store/types.ts';
import { parseAdoptionId } from '../../src/domain/sync/ids.ts';
import { mayReadBlob, uploadRefusal } from './access.ts';
import { readBlobBody } from './body.ts';

const adoptionUnit = (adoptionId: string): string | null => parseAdoptionId(adoptionId)?.unit ?? null;

export interface BlobDeps {
  store: SyncStore;
  now: () => number;
}

const UploadQuery = z.object({
  unit: z.string().min(1, 'Thiếu đơn vị của ảnh (unit)').max(80),
  adoption: z.string().min(1).max(80).optional(),
});

const TYPES = BLOB_TYPES.join(', ');

/** Not in the browser's HTTP cache (shared by everyone on a phone); the worker's cache keeps it. */
export const BLOB_CACHE_CONTROL = 'private, no-store';

// no-store: a photo not uploaded yet is a 404 now and a 200 after its phone syncs.
const notFound = () =>
  new ApiError(404, 'blob/not-found', 'Không có ảnh này, hoặc tài khoản không được xem ảnh này', { headers: { 'cache-control': 'no-store' } });

export function blobRoutes(deps: BlobDeps) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();

  app.put('/:hash', requireSession(store, now), async (c) => {
    const { user } = c.get('session');
    const hash = c.req.param('hash');
    if (!isBlobHash(hash)) {
      throw new ApiError(400, 'blob/invalid-hash', 'Mã ảnh phải là sha-256 của nội dung (64 chữ số hex viết thường)', {
        issues: [{ path: 'hash', message: 'Không phải sha-256 dạng hex' }],
      });
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!isBlobType(type)) throw new ApiError(415, 'blob/unsupported-type', `Chỉ nhận ảnh ${TYPES}`);
    const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      // Pictures are compressed already; a gzip layer would only hide the real size.
      throw new ApiError(415, 'http/unsupported-encoding', `Không hỗ trợ mã hóa nội dung "${encoding.slice(0, 40)}" cho ảnh`);
    }
    const query = UploadQuery.safeParse(c.req.query());
    if (!query.success) throw new ApiError(400, 'http/invalid-query', 'Địa chỉ tải ảnh lên thiếu hoặc sai tham số', { issues: zodIssues(query.error) });
    const { unit, adoption = null } = query.data;

    const tree = await loadTree(store);
    if (!tree.has(unit)) {
      throw new ApiError(400, 'http/invalid-query', `Không có đơn vị ${unit}`, { issues: [{ path: 'unit', message: `Không có đơn vị ${unit}` }] });
    }
    if (adoption !== null && adoptionUnit(adoption) !== unit) {
      const message = `Ảnh của mô hình ${adoption} phải thuộc đơn vị ${adoptionUnit(adoption) ?? '?'}`;
      throw new ApiError(400, 'http/invalid-query', message, { issues: [{ path: 'adoption', message }] });
    }
    const refusal = await uploadRefusal(store, tree, user, unit, adoption);
    if (refusal) throw new ApiError(403, 'auth/forbidden-unit', refusal);

    // Read (and hash) every time, even when the hash is stored already: "200, have it" must
    // only ever be said to someone who holds the bytes.
    const { bytes, hash: actual } = await readBlobBody(c, MAX_BLOB_BYTES);
    if (actual !== hash) {
      throw new ApiError(400, 'blob/hash-mismatch', 'Nội dung ảnh không khớp với mã của nó (ảnh bị hỏng trên đường truyền?); hãy gửi lại', {
        fields: { actual },
      });
    }
    if (sniffImageType(bytes) !== type) throw new ApiError(415, 'blob/unsupported-type', `Nội dung không phải ảnh ${type} như đã khai`);
    const created = await store.putBlob({ hash, type, size: bytes.byteLength, data: bytes, unit, uploadedBy: user.id, createdAt: now() });
    return c.json({ hash, type, size: bytes.byteLength }, created ? 201 : 200);
  });

  app.get('/:hash', requireSession(store, now), async (c) => {
    const { user } = c.get('session');
    const hash = c.req.param('hash');
    const blob = isBlobHash(hash) ? await store.getBlob(hash) : null;
    if (!blob || !(await mayReadBlob(store, await loadTree(store), user, blob))) throw notFound();
    return c.body(new Uint8Array(blob.data), 200, {
      'content-type': blob.type,
      'content-length': String(blob.data.byteLength),
      'cache-control': BLOB_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      etag: `"${blob.hash}"`,
    });
  });

  return app;
}
