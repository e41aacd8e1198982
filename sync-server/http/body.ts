// Reads a JSON request body with a hard size cap. Content-Length is checked first (cheap
// refusal), then the bytes actually received are counted, because a client may lie or
// stream without a length.
import type { Context } from 'hono';
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
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'http/bad-json', 'Nội dung yêu cầu không phải JSON hợp lệ');
  }
}
