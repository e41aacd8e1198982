// Hybrid logical clock (wall time, counter, device id) encoded as a fixed-width string,
// so comparing two stamps is a plain string comparison and the wire stays short:
//   "lb4x2k9c0" (ms, base36, 9 chars) + "003" (counter, base36, 3) + "-" + device id.
// Ordering survives phones with bad clocks: a device never stamps below what it has seen.

export type Hlc = string & { readonly __brand: 'Hlc' };

export interface HlcState {
  wall: number;
  counter: number;
  device: string;
}

const WALL_WIDTH = 9;
const COUNTER_WIDTH = 3;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
export const DEVICE_ID = /^[A-Za-z0-9_]{4,32}$/;

export function encodeHlc(s: HlcState): Hlc {
  return `${s.wall.toString(36).padStart(WALL_WIDTH, '0')}${s.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${s.device}` as Hlc;
}

export function decodeHlc(h: string): HlcState {
  const wall = parseInt(h.slice(0, WALL_WIDTH), 36);
  const counter = parseInt(h.slice(WALL_WIDTH, WALL_WIDTH + COUNTER_WIDTH), 36);
  const device = h.slice(WALL_WIDTH + COUNTER_WIDTH + 1);
  if (!Number.isFinite(wall) || !Number.isFinite(counter) || h[WALL_WIDTH + COUNTER_WIDTH] !== '-' || !DEVICE_ID.test(device)) {
    throw new Error(`Dấu thời gian HLC không hợp lệ: ${h}`);
  }
  return { wall, counter, device };
}

export const HLC_PATTERN = /^[0-9a-z]{12}-[A-Za-z0-9_]{4,32}$/;
/** The next stamp for a local event at wall time `now`. */
export function tick(state: HlcState, now: number): HlcState {
  const wall = Math.max(state.wall, Math.floor(now));
  const counter = wall === state.wall ? state.counter + 1 : 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, device: state.device };
  return { wall, counter, device: state.device };
}

/** Advances our clock past a stamp we received, so our next stamp sorts after it. */
export function receive(state: HlcState, remote: Hlc, now: number): HlcState {
  const r = decodeHlc(remote);
  const wall = Math.max(state.wall, r.wall, Math.floor(now));
  let counter: number;
  if (wall === state.wall && wall === r.wall) counter = Math.max(state.counter, r.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === r.wall) counter = r.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, device: state.device };
  return { wall, counter, device: state.device };
}

export const hlcWall = (h: Hlc): number => decodeHlc(h).wall;
