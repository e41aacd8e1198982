// When to sync: on app start, on the `online` event, every few minutes while open, and
// by the button; after a failure, back off (with jitter) before trying again.
import { del, get, set } from 'idb-keyval';
import type { LocalStore } from '../db/store.ts';
import * as z from 'zod/mini';
import { SyncEngine, type SyncOutcome } from './engine.ts';
import { renewDevice, saveSession, type Session } from '../auth/session.ts';
import { User } from '../domain/people.ts';
import { OrgUnit } from '../domain/org.ts';
import { reorgNotice } from '../domain/reorg.ts';
import { uploadPendingBlobs } from '../photos/upload.ts';
import { liveQuery } from '../db/live.ts';
import { HandoffStore } from '../db/handoff.ts';
import { ensureDeviceKey } from './device-key.ts';

/** `username`: only for the people of the person's own unit (the server names no one else's). */
const People = z.object({ people: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.optional(z.string()) })) });
const Me = z.object({ user: User, units: z.array(OrgUnit) });

export interface SyncState {
  running: boolean;
  lastSuccessAt: number | null;
  lastError: string | null;
  needsLogin: boolean;
  /** While a sync runs and has changes to send: how many of them the server acknowledged. */
  progress?: { sent: number; total: number } | null;
  /** When the next attempt is scheduled after a failure (device ms), so the bar can say when. */
  retryAt?: number | null;
  /** A scheduled attempt after a failure is running: the bar keeps the failure (and its
   * retry button) on screen instead of a 30 s "Đang đồng bộ…" on a stalled link. */
  retrying?: boolean;
  /** Said once after the person's commune was merged into another (src/domain/reorg.ts), until they tap "Đã hiểu". */
  notice?: string | null;
}

const EVERY_MS = 3 * 60_000;
/** Saves come in bursts (a form writes several records): wait for the burst to end. */
const AFTER_SAVE_MS = 1_500;

export class SyncController {
  private engine: SyncEngine;
  private listeners = new Set<(s: SyncState) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  state: SyncState = { running: false, lastSuccessAt: null, lastError: null, needsLogin: false };
  /** This person's hand-off key and the bundles received from other phones (relayed at each sync). */
  readonly handoff: HandoffStore;
  clockOffset = 0;

  /** The session in force: a device renewal replaces its token and device id. */
  session: Session;
  private token = () => this.session.token;
  /** Per-person settings: the names a person may read and their last sync are theirs alone. */
  private key = (name: string) => `${name}:${this.session.user.id}`;

  constructor(
    private readonly store: LocalStore,
    session: Session & { deviceId: string },
    private readonly onSession: (s: Session) => void = () => {},
  ) {
    this.session = session;
    this.handoff = new HandoffStore(store.db);
    this.engine = new SyncEngine({
      store,
      deviceId: () => this.session.deviceId!,
      renewDevice: async () => {
        const next = await renewDevice('', this.session);
        if (!next) return null;
        this.session = next;
        this.onSession(next);
        return next.deviceId ?? null;
      },
      baseUrl: '',
      handoff: this.handoff,
      token: this.token,
      // Photo bytes go up before (or soon after) the records that name them.
      beforePush: async () => {
        // The hand-off key goes up while there is a network: the day there is none it is too late.
        const post = (path: string, body: unknown) =>
          fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token()}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
        await ensureDeviceKey(this.handoff, this.session.deviceId!, post).catch(() => undefined);
        // Each upload gives up after a minute, or a stalled link would hold the sync forever.
        const upload: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(60_000) });
        await uploadPendingBlobs({ db: store.db, fetch: upload, token: this.token(), baseUrl: '' });
      },
      fetch: (...args) => fetch(...args),
      deviceNow: () => Date.now(),
      onClockOffset: (offset) => {
        this.clockOffset = offset;
        void set('clockOffset', offset);
      },
      onProgress: (sent, total) => this.update({ progress: { sent, total } }),
    });
  }

  /** Sync shortly after each save while online, so "Lưu" reaches colleagues in seconds, not minutes. */
  private watchOutbox(store: LocalStore): void {
    let last: number | null = null; // the first count is what start() syncs anyway
    this.outboxWatch = liveQuery(() => store.outboxCount()).subscribe({
      next: (n) => {
        const grew = last !== null && n > last;
        last = n;
        if (!grew || (typeof navigator !== 'undefined' && navigator.onLine === false)) return;
        clearTimeout(this.soonTimer);
        this.soonTimer = setTimeout(() => void this.syncNow({ quiet: true }), AFTER_SAVE_MS);
      },
    });
  }
  private outboxWatch: { unsubscribe(): void } | undefined;
  private soonTimer: ReturnType<typeof setTimeout> | undefined;

  async start(): Promise<void> {
    this.clockOffset = (await get<number>('clockOffset')) ?? 0;
    const cached = People.shape.people.safeParse(await get(this.key('people')));
    if (cached.success) this.setPeople(cached.data);
    const notice = await get<string>(this.key('reorgNotice'));
    if (typeof notice === 'string') this.update({ notice });
    this.update({ lastSuccessAt: (await get<number>(this.key('lastSyncAt'))) ?? null });
    addEventListener('online', this.onOnline);
    this.watchOutbox(this.store);
    void this.syncNow();
  }

  /** Stops scheduling and waits for a sync in flight to end. */
  async stopAndWait(): Promise<void> {
    this.stop();
    await this.engine.idle();
  }

  stop(): void {
    removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    clearTimeout(this.soonTimer);
    this.outboxWatch?.unsubscribe();
  }

  private onOnline = () => void this.syncNow({ quiet: true });

  /** `quiet`: started by a timer or an event, not by the person (see SyncState.retrying). */
  async syncNow(opts: { quiet?: boolean } = {}): Promise<SyncOutcome | null> {
    clearTimeout(this.timer);
    if (!this.token()) return null;
    this.update({ running: true, retrying: opts.quiet === true && this.state.lastError !== null, progress: null });
    const outcome = await this.engine.sync();
    if (outcome.ok) {
      await set(this.key('lastSyncAt'), outcome.at);
      void this.refreshPeople();
      if (outcome.resubscribed) void this.refreshSession();
      this.update({ running: false, retrying: false, progress: null, retryAt: null, lastSuccessAt: outcome.at, lastError: null, needsLogin: false });
      clearTimeout(this.timer); // a second caller of the same sync may have scheduled one
      this.timer = setTimeout(() => void this.syncNow({ quiet: true }), EVERY_MS);
    } else {
      const retry = outcome.reason !== 'unauthorized';
      this.update({ running: false, retrying: false, progress: null, retryAt: retry ? Date.now() + outcome.retryInMs : null, lastError: outcome.message, needsLogin: !retry });
      clearTimeout(this.timer);
      if (retry) this.timer = setTimeout(() => void this.syncNow({ quiet: true }), outcome.retryInMs);
      // A push queued while offline is also handed to the service worker's Background Sync.
    }
    return outcome;
  }

  /** Names for user ids in histories and conflicts, kept on the device for offline use. */
  private async refreshPeople(): Promise<void> {
    try {
      const res = await fetch('/api/people', { headers: { authorization: `Bearer ${this.token()}` }, signal: AbortSignal.timeout(30_000) });
      if (!res.ok) return;
      const parsed = People.safeParse(await res.json());
      if (parsed.success) {
        this.setPeople(parsed.data.people);
        await set(this.key('people'), parsed.data.people);
        this.update({});
      }
    } catch {
      /* offline again: keep what we have */
    }
  }

  /**
   * What this person reads changed: ask the server who they are now. A reorganisation moves
   * people of a merged commune to the new one without signing them out (their queued changes
   * still land); the phone keeps the new unit and says once what happened.
   */
  private async refreshSession(): Promise<void> {
    try {
      const res = await fetch('/api/me', { headers: { authorization: `Bearer ${this.token()}` }, signal: AbortSignal.timeout(30_000) });
      if (!res.ok) return;
      const me = Me.safeParse(await res.json());
      if (!me.success) return;
      const before = this.session;
      const notice = reorgNotice({ unitId: before.user.unitId, units: before.units }, { unitId: me.data.user.unitId, units: me.data.units });
      this.session = { ...before, user: me.data.user, units: me.data.units };
      await saveSession(this.session);
      this.onSession(this.session);
      if (notice) {
        await set(this.key('reorgNotice'), notice);
        this.update({ notice });
      }
    } catch {
      /* offline again: the next subscription change asks again */
    }
  }

  /** The person read the notice: the app starts again as their new unit. */
  async dismissNotice(): Promise<void> {
    await del(this.key('reorgNotice'));
    this.update({ notice: null });
  }

  people = new Map<string, string>();
  /** Display names by username, for the colleagues of the person's own unit (a campaign lists people by username). */
  usernames = new Map<string, string>();

  private setPeople(list: readonly { id: string; displayName: string; username?: string | undefined }[]): void {
    this.people = new Map(list.map((p) => [p.id, p.displayName]));
    this.usernames = new Map(list.flatMap((p) => (p.username ? [[p.username, p.displayName] as const] : [])));
  }

  subscribe(fn: (s: SyncState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private update(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }
}
