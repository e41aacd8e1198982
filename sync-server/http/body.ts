// Reads a JSON request body with hard caps. Content-Length is checked first (cheap
// refusal), then the bytes actually received are counted, because a client may lie or
// stream without a length. Every way a client can get a body wrong ends as an ApiError
// (a 4xx answer, never a logged stack trace): too big, bad gzip, not JSON, nested too deep,
// or cut off because the client went away.
import type { Context } from 'hono';
import { gunzipSync } from 'node:zlib';
import { ApiError } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Deepest nesting of [ and { a request body may have. Our bodies need a handful of levels
 * around a synced value (itself at most MAX_VALUE_DEPTH = 12, src/domain/sync/limits.ts);
 * far deeper text is refused before JSON.parse, so no later walk (a schema, JSON.stringify
 * when storing) can overflow the stack on it.
 */
export const MAX_JSON_DEPTH = 64;
/** How much of the path to the excess an error names: enough for "c.<index>.4.<field>". */
const PATH_SEGMENTS = 8;

const tooLarge = (limit: number) =>
  new ApiError(413, 'http/too-large', `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(limit / 1024)} KB); hãy gửi thành nhiều lần`);

const aborted = () => new ApiError(400, 'http/aborted', 'Yêu cầu bị ngắt giữa chừng; hãy gửi lại');

interface Frame {
  array: boolean;
  /** Position in an array; for an object, the last key seen. */
  index: number;
  key: string;
  expectKey: boolean;
}

/**
 * Where `text` first opens a container deeper than `max` levels, as a dotted path
 * ("c.3.4.snapshot.a.0"), or null when it does not. One linear pass; string contents
 * (and escaped quotes in them) are skipped, so "[[[" inside a string does not count.
 * Malformed text is not judged here: JSON.parse refuses it right after.
 */
export function depthExcess(text: string, max = MAX_JSON_DEPTH): string | null {
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      while (j < n) {
        const cj = text.charCodeAt(j);
        if (cj === 0x5c /* \ */) j += 2;
        else if (cj === 0x22) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.key = text.slice(i + 1, Math.min(j, i + 1 + 80));
        top.expectKey = false;
      }
      i = j;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (stack.length >= max) {
        const segments = stack.slice(0, PATH_SEGMENTS).map((f) => (f.array ? String(f.index) : f.key));
        return segments.join('.') + (stack.length > PATH_SEGMENTS ? '…' : '');
      }
      stack.push({ array: ch === 0x5b, index: 0, key: '', expectKey: ch === 0x7b });
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      stack.pop();
    } else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        top.index++;
        if (!top.array) top.expectKey = true;
      }
    }
  }
  return null;
}

/**
 * The raw bytes, at most `limit` of them (the JSON bodies here, photo uploads in blobs/body.ts).
 * Content-Length is a first, cheap refusal; the bytes actually received are counted too. A
 * client that goes away mid-body is a client error (400 http/aborted, nothing logged).
 */
export async function readCapped(
  c: Context,
  limit: number,
  options: { tooLarge?: (limit: number) => ApiError; missing?: ApiError; onChunk?: (chunk: Uint8Array) => void } = {},
): Promise<Buffer> {
  const tooBig = options.tooLarge ?? tooLarge;
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooBig(limit);
  const body = c.req.raw.body;
  if (!body) throw options.missing ?? new ApiError(400, 'http/bad-json', 'Thiếu nội dung yêu cầu (JSON)');
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    throw aborted(); // locked or already read: nothing usable arrived
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      // The socket closed (or reset) before the body ended. Nobody may be left to answer,
      // and it is not our fault: answer 400 if the connection still can, log nothing.
      throw aborted();
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      // Stop reading at once: a 2G phone should not push the rest of what we refuse.
      await reader.cancel().catch(() => undefined);
      throw tooBig(limit);
    }
    options.onChunk?.(step.value);
    chunks.push(step.value);
  }
  return Buffer.concat(chunks);
}

export async function readJson(c: Context, limit = MAX_BODY_BYTES): Promise<unknown> {
  let raw = await readCapped(c, limit);
  // Phones gzip their pushes (2G upload is the scarce direction). The limit applies to the
  // unpacked size too, so a small compressed body cannot expand without bound.
  const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: limit });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
      throw new ApiError(400, 'http/bad-encoding', 'Nội dung nén gzip không hợp lệ');
    }
  } else if (encoding !== '' && encoding !== 'identity') {
    throw new ApiError(415, 'http/unsupported-encoding', `Không hỗ trợ mã hóa nội dung "${encoding.slice(0, 40)}"`);
  }
  const text = raw.toString('utf8');
  const deep = depthExcess(text);
  if (deep !== null) {
    const message = `Dữ liệu lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp)`;
    throw new ApiError(400, 'http/too-deep', message, { issues: [{ path: deep, message }] });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'http/bad-json', 'Nội dung yêu cầu không phải JSON hợp lệ');
  }
}
