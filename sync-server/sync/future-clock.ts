// Phones with clocks far in the future would win every edit until real time caught up.
// The server keeps their change but gives it a stamp of its own ("server" device) that
// sorts after everything the field holds, and reports the swap in the response's `r`.
import { encodeHlc, hlcWall, receive, tick, type Hlc, type HlcState } from '../../src/domain/sync/hlc.ts';
import { joinBase, predecessors, type Base, type FieldState } from '../../src/domain/sync/merge.ts';

/** A phone clock further ahead than this is not trusted. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
export const SERVER_DEVICE = 'server';

/** The server's own HLC, kept between requests so its stamps only grow. */
export interface ServerClock {
  state: HlcState;
}
export const newServerClock = (): ServerClock => ({ state: { wall: 0, counter: 0, device: SERVER_DEVICE } });

export interface Stamped {
  hlc: Hlc;
  base: Base | null;
}

/**
 * The stamp and predecessors a change is stored with. `restampedAs` finds what an earlier
 * re-stamped change of the same field became, by its original stamp.
 */
export async function storedStamp(
  change: Stamped,
  state: FieldState | undefined,
  clock: ServerClock,
  now: number,
  restampedAs: (orig: Hlc) => Promise<Hlc | null>,
): Promise<Stamped> {
  let hlc = change.hlc;
  if (hlcWall(hlc) > now + MAX_CLOCK_AHEAD_MS) {
    let s = clock.state;
    for (const head of state?.heads ?? []) s = receive(s, head.hlc, now);
    for (const p of predecessors(change.base)) if (hlcWall(p) <= now + MAX_CLOCK_AHEAD_MS) s = receive(s, p, now);
    clock.state = tick(s, now);
    hlc = encodeHlc(clock.state);
  }
  // The author may name far-future stamps (usually its own, re-stamped earlier): point each
  // at what that change became. One we cannot map and that would not precede us is dropped.
  const preds: Hlc[] = [];
  for (const p of predecessors(change.base)) {
    const mapped = p < hlc ? p : await restampedAs(p);
    if (mapped !== null && mapped < hlc) preds.push(mapped);
  }
  return { hlc, base: joinBase(preds) };
}
