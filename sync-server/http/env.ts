// The Hono environment every route shares: the signed-in session, once checked.
import type { User } from '../../src/domain/people.ts';
import type { TokenRecord } from '../store/types.ts';

export interface Session {
  user: User;
  token: TokenRecord;
}

export interface AppEnv {
  /** `session` once requireSession passed; `requestId` on every /api request (hono/request-id). */
  Variables: { session: Session; requestId: string };
}
