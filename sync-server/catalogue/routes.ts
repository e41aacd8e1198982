// GET /api/catalogue: the current model catalogue (seeded, or imported with
// `npm run admin -- import-catalogue`). Public documents, so no login needed; the ETag
// is the version, so a phone re-downloads it only when it changes.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import type { SyncStore } from '../store/types.ts';

export function catalogueRoutes(deps: { store: SyncStore }) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const current = await deps.store.latestCatalogue();
    if (!current) throw new ApiError(404, 'catalogue/none', 'Chưa có danh mục mô hình');
    const etag = `"cat-${encodeURIComponent(current.version)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    // Compression weakens the ETag ("W/…"); both forms name the same version.
    if (c.req.header('if-none-match')?.replace(/^W\//, '') === etag) return c.body(null, 304);
    return c.json({ version: current.version, importedAt: current.importedAt, catalogue: current.catalogue });
  });
  return app;
}
