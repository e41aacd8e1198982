// Serves the built PWA from dist/. Hashed assets never change under their name, so they
// are cached for a year; index.html, the service worker and the manifest must be checked
// on every load, or a phone could keep an old app forever. Navigations to app routes
// (/bao-cao/…) get index.html: the app routes on the client.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Vite puts content-hashed files in assets/ ("index-B2x9_aQf.js"). */
const isHashed = (path: string) => path.startsWith('/assets/') || /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2?|png|svg|webp|jpe?g)$/.test(path);
const cacheControl = (path: string) => (isHashed(path) ? IMMUTABLE : REVALIDATE);

async function fileAt(root: string, urlPath: string): Promise<{ file: string; size: number; mtimeMs: number } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null; // "../" must not leave dist/
  try {
    const s = await stat(file);
    return s.isFile() ? { file, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

export function serveApp(distDir: string): MiddlewareHandler<AppEnv> {
  const root = resolve(distDir);
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || path === '/api' || path.startsWith('/api/')) return next();

    let servedPath = path.endsWith('/') ? `${path}index.html` : path;
    let found = await fileAt(root, servedPath);
    if (!found) {
      const navigation = extname(path) === '' || (c.req.header('accept') ?? '').includes('text/html');
      if (!navigation) return c.text('Không tìm thấy tệp', 404);
      servedPath = '/index.html';
      found = await fileAt(root, servedPath);
      if (!found) throw new ApiError(503, 'http/no-app', 'Chưa có bản dựng ứng dụng: hãy chạy "npm run build" rồi khởi động lại máy chủ');
    }

    const etag = `W/"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}"`;
    c.header('Content-Type', TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream');
    c.header('Cache-Control', cacheControl(servedPath));
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    if (method === 'HEAD') return c.body(null, 200);
    let bytes: Buffer;
    try {
      bytes = await readFile(found.file);
    } catch {
      // Gone or unreadable since stat (a deploy replacing dist/): the client did nothing wrong,
      // and there is nothing to log either; it will ask again.
      c.header('Cache-Control', 'no-store');
      c.header('ETag', undefined);
      return c.text('Không tìm thấy tệp', 404);
    }
    return c.body(new Uint8Array(bytes), 200);
  };
}
