// Reads raw upload bytes with a hard cap, hashing them as they arrive. Content-Length is only
// a first, cheap refusal: the bytes actually received are counted, since a client may lie
// about the length or send none.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors.ts';

export const tooLargeBlob = (limit: number) =>
  new ApiError(413, 'http/too-large', `Ảnh quá lớn (tối đa ${Math.round(limit / 1000)} KB); hãy chụp lại hoặc chọn ảnh nhỏ hơn`);

const aborted = () => new ApiError(400, 'http/aborted', 'Yêu cầu bị ngắt giữa chừng; hãy gửi lại');

export interface ReadBlob {
  bytes: Buffer;
  /** sha-256 of `bytes`, hex. */
  hash: string;
}

export async function readBlobBody(c: Context, limit: number): Promise<ReadBlob> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLargeBlob(limit);
  const body = c.req.raw.body;
  if (!body) throw new ApiError(400, 'http/invalid-body', 'Thiếu nội dung ảnh');
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    throw aborted();
  }
  const digest = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      // The client went away mid-upload: its fault, not ours (answer 400, log nothing).
      throw aborted();
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      // Stop reading at once: a 2G phone should not push the rest of a picture we refuse.
      await reader.cancel().catch(() => undefined);
      throw tooLargeBlob(limit);
    }
    digest.update(step.value);
    chunks.push(step.value);
  }
  return { bytes: Buffer.concat(chunks), hash: digest.digest('hex') };
}
