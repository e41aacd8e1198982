// 1. First load weight: what dist/index.html makes the browser fetch before any user
// action — module scripts, modulepreload links, stylesheets, and the static imports of
// those modules (Vite lists them as modulepreload; followed here too, in case) — each
// gzipped (level 9) and summed. The service worker's precache (fetched in the background
// after the first load) is reported beside it for information.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  files: { path: string; kind: 'js' | 'css'; rawBytes: number; gzipBytes: number }[];
  /** Everything the service worker precaches (gzip level 9), for information. */
  precacheGzipBytes: number;
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

/** Static `import … from "./x.js"` / `import "./x.js"` / `export … from` in a built module (not dynamic import()). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*${}\s,]*?\s*from\s*)?["']([^"']+)["']/g)) out.push(m[1]!);
  return out;
}

export function measureBundle(distDir: string): BundleResult {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const a = attrs(m[0].slice(1 + m[1]!.length, -1));
    if (m[1]!.toLowerCase() === 'script' && a.type === 'module' && a.src) js.add(a.src);
    if (m[1]!.toLowerCase() === 'link') {
      const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('modulepreload') && a.href) js.add(a.href);
      if (rel.includes('stylesheet') && a.href) css.add(a.href);
    }
  }
  // Follow static imports of the initial modules (they load before the entry runs).
  const queue = [...js];
  while (queue.length) {
    const url = queue.shift()!;
    const file = join(distDir, url);
    if (!existsSync(file)) continue;
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      const resolved = spec.startsWith('/') ? spec : posix.join(posix.dirname(url), spec);
      if (!js.has(resolved)) {
        js.add(resolved);
        queue.push(resolved);
      }
    }
  }
  const files: BundleResult['files'] = [];
  for (const [kind, set] of [['js', js], ['css', css]] as const) {
    for (const url of set) {
      const file = join(distDir, url);
      if (!existsSync(file)) throw new Error(`index.html refers to ${url}, missing in ${distDir}`);
      const buf = readFileSync(file);
      files.push({ path: url, kind, rawBytes: buf.length, gzipBytes: gz(buf) });
    }
  }
  // The precache list is inlined in sw.js as [{url, revision}, …].
  let precacheGzipBytes = 0;
  const sw = join(distDir, 'sw.js');
  if (existsSync(sw)) {
    const urls = new Set([...readFileSync(sw, 'utf8').matchAll(/"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]!));
    for (const u of urls) {
      const file = join(distDir, u.replace(/^\//, ''));
      if (existsSync(file) && dirname(file).startsWith(distDir)) precacheGzipBytes += gz(readFileSync(file));
    }
  }
  return {
    initialJsGzipBytes: files.filter((f) => f.kind === 'js').reduce((s, f) => s + f.gzipBytes, 0),
    initialCssGzipBytes: files.filter((f) => f.kind === 'css').reduce((s, f) => s + f.gzipBytes, 0),
    files,
    precacheGzipBytes,
  };
}

// ── Where the initial JS comes from ───────────────────────────────────────────────
// A second build of the same config with source maps (into bench/.tmp), whose initial
// chunks are attributed byte by byte (minified) to the package or src/ folder each
// segment of code came from. Gzipped size is shared out in the same proportions.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) break;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Minified bytes per source file, from a v3 source map and the generated code. */
export function bytesPerSource(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const out = new Map<string, number>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, li) => {
    const text = lines[li] ?? '';
    let col = 0;
    const segs: { col: number; source: number | null }[] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) {
        source += v[1]!;
        segs.push({ col, source });
        // (original line/column/name fields are not needed)
      } else segs.push({ col, source: null });
    }
    // Original line/column are relative across segments but we only need sources; the
    // relative source index must still be accumulated (done above).
    segs.forEach((s, i) => {
      const end = i + 1 < segs.length ? segs[i + 1]!.col : text.length;
      const key = s.source === null ? '(generated)' : (map.sources[s.source] ?? '(unknown)');
      out.set(key, (out.get(key) ?? 0) + Math.max(0, Buffer.byteLength(text.slice(s.col, end))));
    });
  });
  return out;
}

export function groupOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkg === 'zod') {
    // zod ships a classic (method-chaining) and a mini (tree-shakable) API over one core.
    const part = /\/v4\/(classic|mini|core|locales)\//.exec(source)?.[1];
    return part ? `zod (${part})` : 'zod';
  }
  if (pkg) return pkg;
  const src = /(?:^|\/)src\/(.+)$/.exec(source)?.[1];
  if (src) return `src/${src.includes('/') ? src.split('/')[0] : src}`;
  return '(other)';
}

export interface Breakdown {
  group: string;
  minBytes: number;
  /** Estimated share of the gzipped initial JS. */
  gzipBytes: number;
}

export async function initialJsBreakdown(root: string, outDir: string): Promise<Breakdown[]> {
  const { build } = await import('vite');
  await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: true } });
  const initial = measureBundle(outDir).files.filter((f) => f.kind === 'js');
  const groups = new Map<string, number>();
  let gzipTotal = 0;
  let minTotal = 0;
  for (const f of initial) {
    const file = join(outDir, f.path);
    const code = readFileSync(file, 'utf8');
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
    for (const [source, bytes] of bytesPerSource(code, map)) groups.set(groupOf(source), (groups.get(groupOf(source)) ?? 0) + bytes);
    gzipTotal += f.gzipBytes;
    minTotal += f.rawBytes;
  }
  return [...groups]
    .map(([group, minBytes]) => ({ group, minBytes, gzipBytes: Math.round((minBytes / minTotal) * gzipTotal) }))
    .sort((a, b) => b.minBytes - a.minBytes);
}
