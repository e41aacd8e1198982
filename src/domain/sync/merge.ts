// The merge rule, written once for the app and the server.
//
// Each field of each record is a small multi-value register. A change carries its stamp
// (`hlc`) and `base`: the stamp of the value its author saw when editing. A change
// *supersedes* another when its base is at or after the other's stamp (the author had
// seen it). The field keeps its "heads" — changes no other change supersedes:
//   · the head with the greatest stamp is the value everyone shows (last writer wins);
//   · the other heads are values that lost a concurrent edit (two people edited offline
//     without seeing each other's change). They are kept and shown, never dropped,
//     until someone edits the field again having seen them.
// Heads are a pure function of the set of changes received, so merging is commutative,
// associative and idempotent: every device converges whatever order changes arrive in.
import type { Hlc } from './hlc.ts';

export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [k: string]: FieldValue };

export interface FieldHead {
  value: FieldValue;
  hlc: Hlc;
  base: Hlc | null;
  /** Who wrote it (a user id); set by the server, empty on a change not yet pushed. */
  author: string;
}

/** Heads in descending stamp order: heads[0] is the winner. */
export type FieldState = readonly FieldHead[];

const supersedes = (a: FieldHead, b: FieldHead) => a.base !== null && a.base >= b.hlc;

export function mergeField(state: FieldState | undefined, incoming: FieldHead): FieldState {
  const heads = state ?? [];
  if (heads.some((h) => h.hlc === incoming.hlc)) return heads; // already have it: idempotent
  if (heads.some((h) => supersedes(h, incoming))) return heads; // someone saw it and wrote over it
  const kept = heads.filter((h) => !supersedes(incoming, h));
  return [...kept, incoming].sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
}

export function mergeFieldStates(a: FieldState | undefined, b: FieldState | undefined): FieldState {
  let out = a ?? [];
  for (const h of b ?? []) out = mergeField(out, h);
  return out;
}

export const winner = (state: FieldState | undefined): FieldHead | undefined => state?.[0];

/** Values that lost a concurrent edit and differ from what is shown. */
export function conflicts(state: FieldState | undefined): FieldHead[] {
  const [top, ...rest] = state ?? [];
  if (!top) return [];
  const shown = JSON.stringify(top.value);
  return rest.filter((h) => JSON.stringify(h.value) !== shown);
}

/** The base for a new local edit: the newest stamp the author can see for the field. */
export const baseFor = (state: FieldState | undefined): Hlc | null => state?.[0]?.hlc ?? null;

/** A record: field name → state. */
export type DocState = Readonly<Record<string, FieldState>>;

export function mergeDocs(a: DocState, b: DocState): DocState {
  const out: Record<string, FieldState> = { ...a };
  for (const [field, state] of Object.entries(b)) out[field] = mergeFieldStates(out[field], state);
  return out;
}

/** The values everyone sees. */
export function docValues(doc: DocState): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [field, state] of Object.entries(doc)) {
    const w = winner(state);
    if (w) out[field] = w.value;
  }
  return out;
}

export function docConflicts(doc: DocState): { field: string; heads: FieldHead[] }[] {
  return Object.entries(doc)
    .map(([field, state]) => ({ field, heads: conflicts(state) }))
    .filter((c) => c.heads.length > 0);
}
