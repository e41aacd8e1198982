// Reads a JSON request body with a hard size cap. Content-Length is checked first (cheap
// refusal), then the bytes actually received are counted, because a client may lie or
// stream without a length.
import type { Context } from 'hono';
import { gunzipSync } from 'node:zlib';
import { ApiError } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new ApiError(413, 'http/too-large', `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(limit / 1024)} KB); hãy gửi thành nhiều lần`);

export async function readJson(c: Context, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) throw new ApiError(400, 'http/bad-json', 'Thiếu nội dung yêu cầu (JSON)');
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  let raw = Buffer.concat(chunks);
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
    throw new ApiError(415, 'http/unsupported-encoding', `Không hỗ trợ mã hóa nội dung "${encoding}"`);
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'http/bad-json', 'Nội dung yêu cầu không phải JSON hợp lệ');
  }
}
