// Every error leaves the server as JSON with a string code and a Vietnamese message:
//   { error: { code: "sync/seq-gap", message: "…", issues?: [{ path: "c.3.4", message }], …extra } }
// Never a stack trace: unexpected errors are logged and answered as "server/internal".
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

export type ErrorCode =
  | 'auth/bad-credentials'
  | 'auth/missing-token'
  | 'auth/invalid-token'
  | 'auth/token-expired'
  | 'auth/too-many-attempts'
  | 'auth/forbidden-unit'
  | 'auth/device-mismatch'
  | 'auth/device-taken'
  | 'auth/device-reserved'
  | 'auth/device-revoked'
  | 'auth/forbidden'
  | 'auth/unknown-user'
  | 'auth/unknown-device'
  | 'auth/bad-code'
  | 'auth/deactivated'
  | 'admin/invalid'
  | 'admin/forbidden'
  | 'admin/not-found'
  | 'admin/conflict'
  | 'http/bad-json'
  | 'http/invalid-body'
  | 'http/too-large'
  | 'http/bad-encoding'
  | 'http/too-deep'
  | 'http/aborted'
  | 'sync/stale-batch'
  | 'sync/snapshot-required'
  | 'http/unsupported-encoding'
  | 'http/not-found'
  | 'http/no-app'
  | 'sync/seq-gap'
  | 'sync/server-restored'
  | 'sync/invalid-change'
  | 'sync/hlc-not-after-base'
  | 'sync/unknown-unit'
  | 'sync/unit-mismatch'
  | 'sync/immutable'
  | 'rollup/unknown-unit'
  | 'catalogue/none'
  | 'http/invalid-query'
  | 'blob/invalid-hash'
  | 'blob/unsupported-type'
  | 'blob/hash-mismatch'
  | 'blob/not-found'
  | 'handoff/malformed'
  | 'handoff/bad-signature'
  | 'handoff/too-large'
  | 'handoff/unknown-key'
  | 'handoff/key-taken'
  | 'handoff/author-mismatch'
  | 'handoff/device-revoked'
  | 'handoff/server-restored'
  | 'admin/forbidden'
  | 'admin/invalid'
  | 'admin/not-found'
  | 'admin/conflict'
  | 'sms/bad-signature'
  | 'sms/malformed'
  | 'sms/invalid-phone'
  | 'sms/phone-taken'
  | 'server/internal';

export interface ErrorIssue {
  /** Dotted path into the request body: "c.3.4" = value of the 4th change. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } & Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: ErrorIssue[]; headers?: Record<string, string>; fields?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra.fields, ...(this.extra.issues ? { issues: this.extra.issues } : {}) } };
  }
}

export const issuePath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

export function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ErrorIssue[] {
  return error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
}

/** Parses a request body at the boundary; 400 with every field path on failure. */
/** Takes classic or mini schemas (the shared domain core uses zod/mini to stay small on phones). */
export function parseBody<S extends z.core.$ZodType>(schema: S, value: unknown): z.core.output<S> {
  const r = z.safeParse(schema, value);
  if (r.success) return r.data;
  throw new ApiError(400, 'http/invalid-body', 'Dữ liệu gửi lên không hợp lệ', { issues: zodIssues(r.error) });
}

export function sendError(c: Context, err: ApiError): Response {
  for (const [k, v] of Object.entries(err.extra.headers ?? {})) c.header(k, v);
  return c.json(err.body(), err.status);
}

export const internalError = () => new ApiError(500, 'server/internal', 'Máy chủ gặp lỗi, vui lòng thử lại sau');
