// Pushes the outbox and pulls the server's changes in one request per round trip.
// Runtime-neutral (fetch, clock, random and sleep are injected) so Node tests can
// drive it through a faulty proxy exactly as a phone would.
import { SYNC_FORMAT_VERSION, SyncResponseSchema, pulledToChange, pushedToTuple, type SyncResponse } from '../domain/sync/wire.ts';
import type { LocalStore } from '../db/store.ts';
import type { OutboxRow } from '../db/schema.ts';
import type { HandoffStore } from '../db/handoff.ts';
import * as z from 'zod/mini';
import { bootstrapFromSnapshot } from './snapshot.ts';
import { saveProgress } from './save-progress.ts';
import { m } from './messages.ts';
import { m as app } from '../app/messages.ts';

export interface SyncDeps {
  store: LocalStore;
  /** The id the server issued to this person on this phone (it can change: renewDevice). */
  deviceId: () => string;
  /**
   * Asks the server for a new identity when the old one's numbering no longer matches (a
   * phone restored from a backup, or cloned): resolves to the new id, or null when offline.
   * The engine then re-stamps and re-sends the queue under it.
   */
  renewDevice?: () => Promise<string | null>;
  /** Bundles received from other phones (hand-off), handed to the server before this phone's own push. */
  handoff?: HandoffStore;
  /** Runs before each push (photo bytes go up before the records that name them). A failure
   * does not stop the sync: a photo record may arrive before its bytes. */
  beforePush?: () => Promise<void>;
  /** Milliseconds before a request with no answer is given up (a stalled 2G link). */
  timeoutMs?: number;
  baseUrl: string;
  token: () => string | null;
  fetch: typeof fetch;
  /** Uncorrected device clock. */
  deviceNow: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Largest push batch, in bytes of JSON before gzip (≈ 5 KB on the wire): on 2G a dropped
   * connection loses at most one batch. */
  batchBytes?: number;
  onClockOffset?: (offsetMs: number) => void;
  /** After each acknowledged batch of a sync: saves sent whole so far, of the queue at its start
   * (plus any saved meanwhile), the unit of the pending count. Lets a long sync on 2G show "đã gửi n/m". */
  onProgress?: (sent: number, total: number) => void;
  /** Start from a snapshot of the current state when the cursor is 0 (default true); a server
   * without the endpoint (404) is replayed from its log instead. */
  snapshot?: boolean;
  /** Records per snapshot page (default: the server's). */
  snapshotPage?: number;
}

export type SyncOutcome =
  | { ok: true; pushed: number; pulled: number; roundTrips: number; at: number; /** What this person reads changed (a move, a merge): the session's unit may have too. */ resubscribed?: boolean }
  | { ok: false; reason: 'offline' | 'unauthorized' | 'rejected' | 'server'; message: string; retryInMs: number; roundTrips: number };

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

const MAX_ROUNDS = 200;
/** The server's answer to a relayed bundle (sync-server/handoff/routes.ts): its refused changes are the author's to hear. */
const RelayAnswer = z.object({ a: z.int(), x: z.array(z.tuple([z.int(), z.string(), z.string()])) });
/** The JSON of a batch gzips about 10:1 (repeated ids, units and stamps): ≈ 5 KB on the wire. */
const DEFAULT_BATCH_BYTES = 48_000;

/** gzip with the platform's CompressionStream (browsers, Node ≥ 18); null where missing. */
async function gzip(text: string): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
/** Refusals handled in one sync before giving up (each removes one change or renumbers). */
const MAX_RECOVERIES = 20;
/** Snapshot bootstraps in one sync (a fresh phone; a subscription change; a cursor behind the compacted log). */
const MAX_SNAPSHOTS = 3;

interface ErrorBody {
  error?: { code?: string; message?: string; expected?: number; issues?: { path?: string }[] };
}

export class SyncEngine {
  private failures = 0;
  /** False once the server answered that it has no snapshot endpoint. */
  private snapshots = true;
  private running: Promise<SyncOutcome> | null = null;
  constructor(private readonly deps: SyncDeps) {}

  /** One full sync: push every queued change, pull until the server has no more. */
  sync(): Promise<SyncOutcome> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  /** Resolves when no sync is running (logout waits, so nothing is sent after it). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Exponential back-off with jitter, so a village of phones coming online does not stampede. */
  backoffMs(): number {
    const random = this.deps.random ?? Math.random;
    const cap = Math.min(5 * 60_000, 2_000 * 2 ** Math.min(this.failures, 10));
    return Math.round(cap * (0.5 + random() / 2));
  }

  private async run(): Promise<SyncOutcome> {
    const { store } = this.deps;
    let pushed = 0;
    let pulled = 0;
    let resubscribed = false;
    let roundTrips = 0;
    let recoveries = 0;
    let bootstraps = 0;
    /** Current state instead of the log: a fresh phone, or one whose cursor the log no longer reaches. */
    const bootstrap = async (): Promise<boolean> => {
      if (!this.snapshots || this.deps.snapshot === false || bootstraps >= MAX_SNAPSHOTS) return false;
      bootstraps++;
      try {
        const got = await bootstrapFromSnapshot({
          store,
          post: (path, body) => this.postJson(path, body),
          badResponse: (json) => new SyncHttpError(200, 'sync/bad-response', m.badResponse, json),
          ...(this.deps.snapshotPage ? { pageRecords: this.deps.snapshotPage } : {}),
          onPage: () => void roundTrips++,
        });
        pulled += got.rows;
        return true;
      } catch (e) {
        // An older server: replay its log as before.
        if (e instanceof SyncHttpError && e.status === 404) {
          this.snapshots = false;
          return false;
        }
        throw e;
      }
    };
    try {
      await this.deps.beforePush?.().catch(() => undefined);
      if (this.deps.handoff) roundTrips += await this.relay(this.deps.handoff);
      const { onProgress } = this.deps;
      // Counted in saves, as the pending count the person read before the sync (save-progress.ts).
      const acked: OutboxRow[] = [];
      const progress = async () => saveProgress(acked, await store.db.outbox.toArray());
      let total = onProgress ? (await progress()).total : 0;
      if (onProgress && total > 0) onProgress(0, total);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if ((await store.cursor()) === 0) await bootstrap();
        const batch = await store.outboxBatch(this.deps.batchBytes ?? DEFAULT_BATCH_BYTES);
        const cursor = await store.cursor();
        const epoch = await store.serverEpoch();
        const body = {
          v: SYNC_FORMAT_VERSION,
          d: this.deps.deviceId(),
          c: batch.map(pushedToTuple),
          p: cursor,
          n: 500,
          ...(epoch ? { e: epoch } : {}),
        };
        const sentAt = this.deps.deviceNow();
        let res: SyncResponse;
        try {
          res = await this.post(body);
        } catch (e) {
          // Nothing of this request was applied; after the snapshot the same batch goes again.
          if (e instanceof SyncHttpError && e.code === 'sync/snapshot-required' && (await bootstrap())) continue;
          // The server went back to a backup: send again what it may have lost, and pull afresh.
          if (e instanceof SyncHttpError && e.code === 'sync/server-restored' && recoveries < MAX_RECOVERIES) {
            const err = (e.body as ErrorBody).error as { expected?: unknown; epoch?: unknown } | undefined;
            if (typeof err?.expected === 'number' && typeof err.epoch === 'string') {
              await store.recoverFromRestore(err.expected, err.epoch);
              recoveries++;
              roundTrips++;
              continue;
            }
          }
          if (!(e instanceof SyncHttpError) || recoveries >= MAX_RECOVERIES || !(await this.recover(e, batch))) throw e;
          recoveries++;
          roundTrips++;
          continue;
        }
        roundTrips++;
        const receivedAt = this.deps.deviceNow();
        this.deps.onClockOffset?.(res.t - (sentAt + receivedAt) / 2);
        // The server's mark can be past this batch (another phone relayed our changes: hand-off).
        // The answer only speaks of the seqs we sent — their refusals, their re-stamps — so only
        // those leave the queue; the rest go next, as retries, and we hear what became of them.
        const settled = batch.length > 0 ? Math.min(res.a, batch[batch.length - 1]!.seq) : res.a;
        await store.acknowledge(settled, res.r, res.x, res.t);
        if (res.e) await store.setServerEpoch(res.e);
        if (await store.subscriptionChanged(res.s)) {
          // What this person may read changed (a village newly assigned a model, a move):
          // pull again from the start; merging what we already have is a no-op.
          resubscribed = true;
          continue;
        }
        await store.applyPulled(res.c.map(pulledToChange), res.p);
        const sent = batch.filter((r) => r.seq <= settled);
        pushed += sent.length;
        pulled += res.c.length;
        if (onProgress && total > 0) {
          acked.push(...sent);
          const now = await progress();
          total = Math.max(total, now.total);
          onProgress(Math.min(now.sent, total), total);
        }
        // Done when nothing is left to pull and nothing is queued (no extra empty round trip).
        if (!res.m && (batch.length === 0 || (await store.outboxCount()) === 0)) break;
      }
      this.failures = 0;
      return { ok: true, pushed, pulled, roundTrips, at: this.deps.deviceNow(), ...(resubscribed ? { resubscribed } : {}) };
    } catch (e) {
      this.failures++;
      const retryInMs = this.backoffMs();
      if (e instanceof SyncHttpError) {
        // The server's text in Vietnamese; in English its code's message (the raw text stays in the error).
        const message = app.serverError(e.code, e.message);
        if (e.status === 401) return { ok: false, reason: 'unauthorized', message, retryInMs, roundTrips };
        if (e.status >= 400 && e.status < 500 && e.status !== 429)
          return { ok: false, reason: 'rejected', message, retryInMs, roundTrips };
        return { ok: false, reason: 'server', message, retryInMs, roundTrips };
      }
      return { ok: false, reason: 'offline', message: m.noConnection, retryInMs, roundTrips };
    }
  }

  /** Handles a refusal that one change or a renumbering can fix; false when it cannot. */
  private async recover(e: SyncHttpError, batch: readonly { seq: number }[]): Promise<boolean> {
    const err = (e.body as ErrorBody).error;
    if (e.status === 409 && err?.code === 'sync/seq-gap' && typeof err.expected === 'number') {
      await this.deps.store.renumberOutbox(err.expected);
      return true;
    }
    // Our numbering no longer matches what the server logged under this id: this phone was
    // restored or cloned. Take a new identity and send the queue again under it.
    if (err?.code === 'sync/stale-batch' || err?.code === 'auth/device-renew') {
      const fresh = await this.deps.renewDevice?.();
      if (!fresh) return false;
      await this.deps.store.reidentify(fresh);
      return true;
    }
    const index = /^c\.(\d+)/.exec(err?.issues?.[0]?.path ?? '')?.[1];
    const row = index === undefined ? undefined : batch[Number(index)];
    if ((e.status === 400 || e.status === 403 || e.status === 409) && row) {
      await this.deps.store.rejectOutboxRow(row.seq, e.code, e.message);
      return true;
    }
    return false;
  }

  /**
   * Hands each received bundle to the server (POST /api/sync/relay), which applies it under its
   * author's device and seqs, once. A refusal for good (changed on the way, unknown key…) is
   * kept with its reason; one that can pass (the author's earlier changes have not arrived:
   * sync/seq-gap) is tried again next time; no answer stops the sync as for a push.
   */
  private async relay(handoff: HandoffStore): Promise<number> {
    let trips = 0;
    for (const row of await handoff.relayQueue()) {
      try {
        const answer = RelayAnswer.safeParse(await this.postJson('/api/sync/relay', { b: row.text }));
        trips++;
        if (!answer.success) throw new SyncHttpError(200, 'sync/bad-response', m.badResponse, null);
        await handoff.relayDelivered(row.id, this.deps.deviceNow(), answer.data.x.length);
      } catch (e) {
        if (!(e instanceof SyncHttpError) || e.status === 401 || e.status === 429 || e.status >= 500 || e.status === 200) throw e;
        trips++;
        if (e.code === 'sync/seq-gap') await handoff.relayDeferred(row.id, e.code, e.message);
        else await handoff.relayRefused(row.id, e.code, e.message, this.deps.deviceNow());
      }
    }
    return trips;
  }

  private async post(body: unknown): Promise<SyncResponse> {
    const json = await this.postJson('/api/sync', body);
    const parsed = SyncResponseSchema.safeParse(json);
    if (!parsed.success) throw new SyncHttpError(200, 'sync/bad-response', m.badResponse, json);
    return parsed.data;
  }

  /** POSTs JSON (gzipped when worth it); the answer's JSON, or SyncHttpError for a refusal. */
  private async postJson(path: string, body: unknown): Promise<unknown> {
    const token = this.deps.token();
    const payload = JSON.stringify(body);
    const gzipped = payload.length > 512 ? await gzip(payload) : null;
    const res = await this.deps.fetch(`${this.deps.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: (gzipped as BodyInit | null) ?? payload,
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncHttpError(res.status, 'http/not-json', m.notJson(res.status), text);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } }).error;
      throw new SyncHttpError(res.status, err?.code ?? 'http/error', err?.message ?? m.serverError(res.status), json);
    }
    return json;
  }

  /** Exposed for the scheduler. */
  get consecutiveFailures(): number {
    return this.failures;
  }
}
