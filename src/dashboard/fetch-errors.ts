// A failed roll-up fetch in the interface's own words, told apart as no answer (offline), a
// refusal of this account or phone (401/403), or a failure of the server; chosen by the server's
// error code and, for a code this screen does not know, by the HTTP status. The server's text is
// never shown: it is Vietnamese only, and some of it names internal unit ids ("Không có đơn vị qx-…").
import * as z from 'zod/mini';
import { m } from './messages.ts';

export class RollupFetchError extends Error {}

const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

/** The codes GET /api/rollups answers with (sync-server/rollups/routes.ts, auth/session.ts); read when
 * called, since the English dictionary is copied over `m` after this module loads. */
const BY_CODE: Record<string, () => string> = {
  'auth/missing-token': () => m.sessionExpired,
  'auth/invalid-token': () => m.sessionExpired,
  'auth/token-expired': () => m.sessionExpired,
  'auth/device-revoked': () => m.deviceRevoked,
  'auth/deactivated': () => m.accountLocked,
  'auth/forbidden-unit': () => m.forbiddenUnit,
  'rollup/unknown-unit': () => m.unknownUnit,
};

/** The error for an answer that is not 2xx: `body` is whatever JSON it carried (or null). */
export function answerError(status: number, body: unknown): RollupFetchError {
  const parsed = ErrorBody.safeParse(body);
  const known = parsed.success && Object.hasOwn(BY_CODE, parsed.data.error.code) ? BY_CODE[parsed.data.error.code]! : null;
  if (known) return new RollupFetchError(known());
  if (status === 401) return new RollupFetchError(m.sessionExpired);
  if (status === 403) return new RollupFetchError(m.forbiddenUnit);
  return new RollupFetchError(m.serverError(status));
}

/** No answer: no network, the server is down, or the request timed out. */
export const noAnswer = () => new RollupFetchError(m.noConnection);

/** An answer that is not the roll-ups' shape. */
export const badAnswer = () => new RollupFetchError(m.badAnswer);
