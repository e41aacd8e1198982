// A GET answer kept on the phone so screens read it offline, revalidated by its ETag: the
// imported plans (src/tasks/plans.ts) and the server's catalogue (src/catalogue/server-catalogue.ts).
import { del, get, set } from 'idb-keyval';
import * as z from 'zod/mini';

/** Drops what is kept under `key` (a caller for whom 404 means "no longer there"). */
export const forgetKept = (key: string): Promise<void> => del(key).catch(() => undefined);

/** What the phone keeps: the answer and its ETag. */
const Kept = z.object({ etag: z.optional(z.string()), answer: z.unknown() });

/** The answer last kept under `key`, if any. */
export async function keptAnswer(key: string): Promise<{ answer: unknown } | undefined> {
  const kept = Kept.safeParse(await get(key).catch(() => undefined));
  return kept.success ? { answer: kept.data.answer } : undefined;
}

/**
 * Asks `path` again with the kept ETag: `unchanged` (304: the kept answer stands), `new` (kept
 * now), `gone` (404: the caller decides what that means), or null when the server could not be asked
 * or its answer was not acceptable.
 */
export async function revalidateKept(
  key: string,
  path: string,
  headers: Record<string, string> = {},
  fetcher: typeof fetch = fetch,
  /** An answer that fails this is not kept (what was kept stays) and counts as not asked. */
  accept: (answer: unknown) => boolean = () => true,
): Promise<{ state: 'unchanged' | 'new' | 'gone'; answer: unknown; before: unknown } | null> {
  try {
    const kept = Kept.safeParse(await get(key).catch(() => undefined));
    const before = kept.success ? kept.data.answer : undefined;
    const etag = kept.success ? kept.data.etag : undefined;
    const res = await fetcher(path, { headers: { ...headers, ...(etag ? { 'if-none-match': etag } : {}) } });
    if (res.status === 304 && kept.success) return { state: 'unchanged', answer: before, before };
    if (res.status === 404) return { state: 'gone', answer: undefined, before };
    if (!res.ok) return null;
    const answer: unknown = await res.json();
    if (!accept(answer)) return null;
    // A full disk must not hide the answer just fetched.
    await set(key, { etag: res.headers.get('etag') ?? undefined, answer }).catch(() => undefined);
    return { state: 'new', answer, before };
  } catch {
    return null;
  }
}
