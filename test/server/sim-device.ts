// A pure in-memory client for property tests: it edits offline with the domain core
// (tick, baseFor, mergeField), queues changes in an outbox with contiguous seqs, and syncs
// through the real app. It follows the protocol a client needs to converge:
//   · drop outbox rows up to the acknowledgement `a`;
//   · apply re-stamps `r` before merging pulled changes: the device's far-future stamp H
//     becomes the server's S, in heads and in bases that named H (queued changes keep
//     theirs: the server maps a re-stamped base itself);
//   · a pulled change whose stamp it already holds replaces its copy (author, server base);
//   · advance its HLC past every stamp it pulls.
import { receive, tick, encodeHlc, type Hlc, type HlcState } from '../../src/domain/sync/hlc.ts';
import { baseFor, mergeField, restamp, type FieldHead, type FieldState, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { PushedChange, SyncResponse } from '../../src/domain/sync/wire.ts';

export type Docs = Map<string, FieldState>; // "coll/id/field" → heads

export const fieldKey = (coll: string, id: string, field: string) => `${coll}/${id}/${field}`;

/** Merges a pulled head; a head with the same stamp is replaced by the server's copy. */
export function acceptPulled(state: FieldState | undefined, head: FieldHead): FieldState {
  if (state?.heads.some((h) => h.hlc === head.hlc)) return { ...state, heads: state.heads.map((h) => (h.hlc === head.hlc ? head : h)) };
  return mergeField(state, head);
}

export class SimDevice {
  clock: HlcState;
  nextSeq = 1;
  outbox: PushedChange[] = [];
  /** Every change this device made, by seq, as first queued. */
  readonly made = new Map<number, PushedChange>();
  docs: Docs = new Map();
  cursor = 0;
  acked = 0;

  constructor(
    readonly id: string,
    readonly token: string,
    /** How far the phone's clock is off the server's (ms). */
    readonly skew: number,
    /** The signed-in user: the app stamps its own edits with it, as the server does. */
    readonly author: string,
  ) {
    this.clock = { wall: 0, counter: 0, device: id };
  }

  edit(serverNow: number, coll: Collection, id: string, field: string, value: FieldValue, unit: string): PushedChange {
    this.clock = tick(this.clock, serverNow + this.skew);
    const hlc = encodeHlc(this.clock);
    const key = fieldKey(coll, id, field);
    const state = this.docs.get(key);
    const base = baseFor(state);
    this.docs.set(key, mergeField(state, { value, hlc, base, author: this.author }));
    const c: PushedChange = [this.nextSeq++, coll, id, field, value, hlc, base, unit];
    this.outbox.push(c);
    this.made.set(c[0], c);
    return c;
  }

  /** Replaces the device's stamp `from` by the server's `to` everywhere it appears. */
  private restamp(from: Hlc, to: Hlc): void {
    for (const [key, state] of this.docs) this.docs.set(key, restamp(state, from, to));
  }

  receive(serverNow: number, res: SyncResponse): void {
    this.acked = Math.max(this.acked, res.a);
    this.outbox = this.outbox.filter((c) => c[0] > res.a);
    for (const [seq, to] of res.r) {
      const original = this.made.get(seq);
      if (original && original[5] !== to) this.restamp(original[5], to);
    }
    for (const [, coll, id, field, value, hlc, base, , author] of res.c) {
      const key = fieldKey(coll, id, field);
      this.docs.set(key, acceptPulled(this.docs.get(key), { value, hlc, base, author }));
      this.clock = receive(this.clock, hlc, serverNow + this.skew);
    }
    this.cursor = res.p;
  }
}
