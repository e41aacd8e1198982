// Reads raw upload bytes with a hard cap (http/body.ts readCapped), hashing them as they arrive.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors.ts';
import { readCapped } from '../http/body.ts';

export const tooLargeBlob = (limit: number) =>
  new ApiError(413, 'http/too-large', `Ảnh quá lớn (tối đa ${Math.round(limit / 1000)} KB); hãy chụp lại hoặc chọn ảnh nhỏ hơn`);


export interface ReadBlob {
  bytes: Buffer;
  /** sha-256 of `bytes`, hex. */
  hash: string;
}

export async function readBlobBody(c: Context, limit: number): Promise<ReadBlob> {
  const digest = createHash('sha256');
  const bytes = await readCapped(c, limit, {
    tooLarge: tooLargeBlob,
    missing: new ApiError(400, 'http/invalid-body', 'Thiếu nội dung ảnh'),
    onChunk: (chunk) => digest.update(chunk),
  });
  return { bytes, hash: digest.digest('hex') };
}
