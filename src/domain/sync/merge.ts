// The merge rule, written once for the app and the server.
//
// Each field of each record is a multi-value register. A change carries its stamp (`hlc`)
// and `base`: the stamps of the values its author saw for the field when editing (its
// predecessors, comma-joined; null for a first write). A change *overwrites* exactly the
// predecessors it names — values its author had on screen. The field keeps:
//   · heads — received changes nobody has overwritten: the one with the greatest stamp is
//     the value everyone shows (last writer wins); the others lost a concurrent edit (two
//     people edited offline without seeing each other's change) and are kept and shown,
//     never dropped, until someone edits the field having seen them;
//   · dead — every stamp some received change names as a predecessor, so a late or
//     repeated delivery of an overwritten change cannot come back.
// heads = received \ dead and dead = ∪ predecessors: both depend only on the SET of
// changes received, so merging is commutative, associative and idempotent, and every
// device converges whatever order, duplication or retries the network produced. Unlike a
// "stamp ≤ base" rule, a concurrent edit is never hidden because some third edit happened
// to carry a later stamp.
import type { Hlc } from './hlc.ts';

export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [k: string]: FieldValue };

/** Comma-joined predecessor stamps, sorted; null when the author saw no value. */
export type Base = string & { readonly __brand: 'Base' };

export interface FieldHead {
  value: FieldValue;
  hlc: Hlc;
  base: Base | null;
  /** Who wrote it (a user id); set by the server, the local user before the first push. */
  author: string;
}

export interface FieldState {
  /** Descending stamp order: heads[0] is the winner. */
  readonly heads: readonly FieldHead[];
  /** Overwritten stamps, ascending. */
  readonly dead: readonly Hlc[];
}

export const EMPTY_FIELD: FieldState = { heads: [], dead: [] };

export const predecessors = (base: Base | null): Hlc[] => (base ? (base.split(',') as Hlc[]) : []);
export const joinBase = (stamps: Iterable<Hlc>): Base | null => {
  const list = [...new Set(stamps)].sort();
  return list.length ? (list.join(',') as Base) : null;
};
/** The newest predecessor: a new stamp must sort after it. */
export const latestPredecessor = (base: Base | null): Hlc | null => predecessors(base).at(-1) ?? null;

const desc = (a: FieldHead, b: FieldHead) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0);

export function mergeField(state: FieldState | undefined, incoming: FieldHead): FieldState {
  const s = state ?? EMPTY_FIELD;
  if (s.heads.some((h) => h.hlc === incoming.hlc)) return s; // already have it
  const preds = predecessors(incoming.base);
  const deadSet = new Set(s.dead);
  const newlyDead = preds.filter((p) => !deadSet.has(p));
  for (const p of newlyDead) deadSet.add(p);
  const dead = newlyDead.length ? [...deadSet].sort() : s.dead;
  const heads = s.heads.filter((h) => !deadSet.has(h.hlc));
  if (!deadSet.has(incoming.hlc)) heads.push(incoming);
  if (heads.length === s.heads.length && dead === s.dead && heads.every((h, i) => h === s.heads[i])) return s;
  return { heads: heads.sort(desc), dead };
}

export function mergeFieldStates(a: FieldState | undefined, b: FieldState | undefined): FieldState {
  let out = a ?? EMPTY_FIELD;
  // Dead stamps travel too: a state may know of an overwrite whose change it no longer holds.
  if (b && b.dead.length) out = mergeDead(out, b.dead);
  for (const h of b?.heads ?? []) out = mergeField(out, h);
  return out;
}

function mergeDead(s: FieldState, extra: readonly Hlc[]): FieldState {
  const deadSet = new Set([...s.dead, ...extra]);
  return { heads: s.heads.filter((h) => !deadSet.has(h.hlc)), dead: [...deadSet].sort() };
}

export const winner = (state: FieldState | undefined): FieldHead | undefined => state?.heads[0];

/** Values that lost a concurrent edit and differ from what is shown. */
export function conflicts(state: FieldState | undefined): FieldHead[] {
  const [top, ...rest] = state?.heads ?? [];
  if (!top) return [];
  const shown = JSON.stringify(top.value);
  return rest.filter((h) => JSON.stringify(h.value) !== shown);
}

/** The base for a new local edit: every value the author can see for the field. */
export const baseFor = (state: FieldState | undefined): Base | null => joinBase((state?.heads ?? []).map((h) => h.hlc));

/** Replaces a stamp everywhere in a field (the server re-stamped a change from a clock far ahead). */
export function restamp(state: FieldState, from: Hlc, to: Hlc): FieldState {
  const swap = (h: Hlc) => (h === from ? to : h);
  const heads = state.heads.map((h) => ({
    ...h,
    hlc: swap(h.hlc),
    base: h.base && predecessors(h.base).includes(from) ? joinBase(predecessors(h.base).map(swap)) : h.base,
  }));
  return { heads: heads.sort(desc), dead: state.dead.includes(from) ? [...new Set(state.dead.map(swap))].sort() : state.dead };
}

/** A record: field name → state. */
export type DocState = Readonly<Record<string, FieldState>>;

/** The values everyone sees. */
export function docValues(doc: DocState): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [field, state] of Object.entries(doc)) {
    const w = winner(state);
    if (w) out[field] = w.value;
  }
  return out;
}
