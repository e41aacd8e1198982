// Snapshot bootstrap, the phone's side (server: sync-server/sync/snapshot.ts). A phone with
// nothing yet — or whose cursor fell behind the compacted log — fetches the current state of
// what it subscribes to, page by page, then pulls from the snapshot's cursor as usual. Each
// page is merged (LocalStore.applySnapshot) and where to resume is kept with it, so a dropped
// 2G link costs one page, not the whole download; the cursor moves only with the last page.
import { SYNC_FORMAT_VERSION, SnapshotResponseSchema, snapshotFields, type SnapshotRequest, type SnapshotResponse } from '../domain/sync/wire.ts';
import type { LocalStore } from '../db/store.ts';

export const SNAPSHOT_PATH = '/api/sync/snapshot';
/** Starting again (the subscription changed mid-way, or compaction passed the snapshot's cursor) at most this often. */
const MAX_RESTARTS = 3;
const MAX_PAGES = 100_000;

export interface SnapshotClient {
  store: LocalStore;
  /** POSTs JSON to the path and returns the parsed JSON answer; throws on a refusal (an error carrying `code`). */
  post: (path: string, body: SnapshotRequest) => Promise<unknown>;
  /** Thrown for an answer that is not a snapshot page. */
  badResponse: (json: unknown) => Error;
  pageRecords?: number;
  /** After each page applied (a round trip). */
  onPage?: () => void;
}

export interface SnapshotOutcome {
  pages: number;
  /** Logged rows merged (heads and first receipts). */
  rows: number;
  restarts: number;
  /** The cursor the phone now pulls after. */
  cursor: number;
}

const codeOf = (e: unknown): string | undefined => (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined);

export async function bootstrapFromSnapshot(client: SnapshotClient): Promise<SnapshotOutcome> {
  const { store } = client;
  let progress = await store.snapshotProgress();
  let pages = 0;
  let rows = 0;
  let restarts = 0;
  const restart = async () => {
    if (++restarts > MAX_RESTARTS) return false;
    await store.dropSnapshotProgress();
    progress = null;
    return true;
  };
  while (pages < MAX_PAGES) {
    const body: SnapshotRequest = progress
      ? { v: SYNC_FORMAT_VERSION, k: progress.key, p: progress.cursor, ...(client.pageRecords ? { n: client.pageRecords } : {}) }
      : { v: SYNC_FORMAT_VERSION, ...(client.pageRecords ? { n: client.pageRecords } : {}) };
    let json: unknown;
    try {
      json = await client.post(SNAPSHOT_PATH, body);
    } catch (e) {
      // The log was compacted past this snapshot's cursor while it was being fetched: its pulls
      // could not continue from there. Start it again.
      if (progress && codeOf(e) === 'sync/snapshot-required' && (await restart())) continue;
      throw e;
    }
    const parsed = SnapshotResponseSchema.safeParse(json);
    if (!parsed.success) throw client.badResponse(json);
    const page: SnapshotResponse = parsed.data;
    if (progress && page.s !== progress.subscription) {
      // What this person reads changed between two pages: the pages so far are merged (and stay
      // correct), but the new subscription needs every record it covers.
      if (await restart()) continue;
      throw client.badResponse(json);
    }
    // Records the fingerprint the cursor is built under, so the next pull does not start again.
    if (!progress) await store.subscriptionChanged(page.s);
    const next = page.k ? { cursor: page.p, key: page.k, subscription: page.s } : null;
    const fields = snapshotFields(page.c);
    await store.applySnapshot(fields, page.p, next);
    pages++;
    client.onPage?.();
    rows += fields.reduce((n, f) => n + f.rows.length, 0);
    if (!next) return { pages, rows, restarts, cursor: page.p };
    progress = next;
  }
  throw client.badResponse(null);
}
