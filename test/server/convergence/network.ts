// The network between the phones and the server, as 2G and Background Sync really behave:
// per request, the fate the schedule chose. A request may be delivered and its answer lost
// (the server applied it, the phone does not know), never arrive, arrive twice, be held in
// flight and arrive later in any order the schedule picks (a pool, not a queue), or be
// replayed long after from the history, with the token it was sent with (the service
// worker's retry queue). Delivery is in process (app.request): no sockets, deterministic.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../sync-server/http/env.ts';

export type Fate =
  | 'deliver'
  /** Never reaches the server; the phone sees a network error. */
  | 'dropRequest'
  /** Applied by the server; the answer is lost, the phone sees a network error. */
  | 'dropResponse'
  /** Reaches the server twice in a row; the phone gets the second answer. */
  | 'duplicate'
  /** Held in flight (the phone times out); reaches the server when the schedule delivers it. */
  | 'delay'
  /** Delivered now, and a copy is held in flight to arrive again later. */
  | 'echo';

export const FATES: readonly Fate[] = ['deliver', 'dropRequest', 'dropResponse', 'duplicate', 'delay', 'echo'];

export interface SentRequest {
  /** Which person on which phone sent it. */
  seat: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

export interface Delivery {
  seat: string;
  how: 'direct' | 'late' | 'replay';
  status: number;
  code?: string;
}

const networkError = () => new TypeError('Failed to fetch');

export class Network {
  /** Copies in flight, delivered by `deliverPending` in the order the schedule picks. */
  readonly pending: SentRequest[] = [];
  /** Every request any phone ever sent, for replays. */
  readonly history: SentRequest[] = [];
  readonly deliveries: Delivery[] = [];
  /** Fates for the next requests, per seat; empty = deliver. */
  private readonly fates = new Map<string, Fate[]>();

  constructor(private readonly app: Hono<AppEnv>) {}

  /** The fates the next requests of this seat meet, in order (then plain delivery). */
  plan(seat: string, fates: readonly Fate[]): void {
    this.fates.set(seat, [...fates]);
  }

  /** A `fetch` for one person's engine. */
  fetchFor(seat: string): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const sent = capture(seat, input, init);
      this.history.push(sent);
      const fate = this.fates.get(seat)?.shift() ?? 'deliver';
      switch (fate) {
        case 'dropRequest':
          throw networkError();
        case 'delay':
          this.pending.push(sent);
          throw networkError();
        case 'dropResponse':
          await this.send(sent, 'direct');
          throw networkError();
        case 'duplicate':
          await this.send(sent, 'direct');
          return this.send(sent, 'direct');
        case 'echo':
          this.pending.push(sent);
          return this.send(sent, 'direct');
        case 'deliver':
          return this.send(sent, 'direct');
      }
    }) as typeof fetch;
  }

  /** Delivers the in-flight copy at `pick` (mod the pool size); its answer goes nowhere. */
  async deliverPending(pick: number): Promise<void> {
    if (this.pending.length === 0) return;
    const [sent] = this.pending.splice(pick % this.pending.length, 1);
    await this.send(sent!, 'late');
  }

  async deliverAllPending(): Promise<void> {
    while (this.pending.length) await this.deliverPending(0);
  }

  /** Sends an old request again, as the service worker's retry queue would. */
  async replay(pick: number): Promise<void> {
    if (this.history.length === 0) return;
    await this.send(this.history[pick % this.history.length]!, 'replay');
  }

  /** Requests the server answered with 5xx: never acceptable. */
  serverErrors(): Delivery[] {
    return this.deliveries.filter((d) => d.status >= 500);
  }

  private async send(sent: SentRequest, how: Delivery['how']): Promise<Response> {
    const res = await this.app.request(sent.path, { method: 'POST', headers: sent.headers, body: sent.body as BodyInit | null });
    const text = await res.text();
    let code: string | undefined;
    if (!res.ok) {
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        code = 'not-json';
      }
    }
    this.deliveries.push({ seat: sent.seat, how, status: res.status, ...(code ? { code } : {}) });
    // A fresh Response: the caller reads the body we already consumed.
    return new Response(text, { status: res.status, headers: res.headers });
  }
}

function capture(seat: string, input: RequestInfo | URL, init: RequestInit | undefined): SentRequest {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if ((init?.method ?? 'GET') !== 'POST') throw new Error(`unexpected ${init?.method} ${url.pathname}`);
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  const body = init?.body ?? null;
  if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error('unexpected body type');
  // The signal is left behind: a copy delivered later must not be aborted by the first attempt's timeout.
  return { seat, path: url.pathname, headers, body: body instanceof Uint8Array ? body.slice() : body };
}
