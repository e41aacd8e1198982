// A form over one synced record that saves against what the person SAW.
//
// Each field of a record is a multi-value register (src/domain/sync/merge.ts): a change
// overwrites exactly the stamps it names as seen. So a form must remember, per field, the
// state it rendered — the value shown and the stamps of the heads shown — and save each
// edited field against those stamps, never against whatever IndexedDB holds at save time:
//   · a field nobody touched here follows the record live (Dexie liveQuery): a change
//     pulled while the form is open is shown at once, with a note naming its author, and
//     its new stamps become what this form has seen;
//   · a field the person is editing keeps the stamps it showed when typing began, so a
//     change that arrives meanwhile is shown beside what they typed (a conflict in place)
//     and a save leaves it as a concurrent value, visible everywhere, not overwritten;
//   · "Lưu" sends only the fields whose value differs from what was shown;
//   · "Giữ bản này" writes the chosen value naming every head shown: it resolves.
// Drafts (kept on every keystroke) carry those stamps, so a draft restored after a reload
// still saves against what was seen when typing began.
// Shared by the status form, the checklist form and the indicators sheet.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { useServices } from './services.ts';
import { useLiveQuery } from './hooks.ts';
import { useSyncState } from './Layout.tsx';
import { StorageFullError } from '../db/errors.ts';
import { m } from './messages.ts';
import { m as common } from '../i18n/common.ts';
import { hlcTime, type LocalStore, type RecordEdit } from '../db/store.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { baseFor, mergeFieldStates, predecessors, winner, type Base, type DocState, type FieldHead, type FieldState, type FieldValue } from '../domain/sync/merge.ts';

export type Notice = { kind: 'ok' | 'error'; text: string };
export type Fields = Record<string, FieldValue>;

/** What a field showed when the person began editing it. */
export interface Rendered {
  /** The value shown (undefined: the record had none). */
  value?: FieldValue;
  /** `baseFor` of the field state shown: the stamps of its heads. */
  seen: Base | null;
}

/** Someone else's change that arrived in a field nobody is editing here. */
export interface FieldNote {
  author: string;
  at: number;
}

/** The versions of a field to choose between. */
export interface FieldConflict {
  field: string;
  /** The person is editing this field: their unsaved value is one of the versions. */
  mine: boolean;
  /** Stored versions, newest first, one per distinct value (never the one equal to `mine`). */
  heads: (FieldHead & { arrived: boolean })[];
}

export interface SeenFields {
  /** False until both the record and its draft are loaded. */
  ready: boolean;
  /**
   * Per field, the value the form rendered: for an edited field, the value shown when
   * editing began; for the others, the record as it is now. Compare edits against this.
   */
  stored: Fields;
  /** Raw text of the fields edited and not yet saved, by field name. */
  dirty: Record<string, string>;
  /** Other things the form keeps in its draft (the status form's photos). */
  extra: Record<string, unknown>;
  /** The form opened on a draft left by an earlier visit. */
  restored: boolean;
  draftSaved: boolean;
  busy: boolean;
  notice: Notice | null;
  /** Fields that someone else changed while the form was open (and that nobody edits here). */
  notes: Readonly<Record<string, FieldNote>>;
  setNotice(notice: Notice | null): void;
  setField(field: string, raw: string): void;
  setExtra(patch: Record<string, unknown>): void;
  /** The versions to choose between in `field`, or null; `mine` is the parsed value being typed. */
  conflict(field: string, mine?: FieldValue): FieldConflict | null;
  /** The edit of this record for `values`, each field named with the stamps it rendered. */
  edit(values: Fields): RecordEdit;
  /** Writes `edits` (one transaction) and forgets the edits and extras it covered. */
  commit(edits: readonly RecordEdit[]): Promise<boolean>;
  /** "Giữ bản này": writes `value` naming every head shown, and drops the edit of that field. */
  keep(field: string, value: FieldValue): Promise<boolean>;
  /** Drops the draft: the form shows the stored values again. */
  discard(): Promise<void>;
}

/** Key of the draft kept for a record while it is being edited. */
export const draftKeyOf = (coll: Collection, recordId: string): string => `${coll}:${recordId}`;

// Read when this chunk loads, which is after the interface language is installed.
export const SAVED_TEXT = m.saved;
export const KEPT_TEXT = m.kept;
/** The chosen version was already the only one stored: only the unsaved typing was dropped. */
export const DROPPED_TEXT = m.dropped;

const DraftV2 = z.object({
  v: z.literal(2),
  edits: z.record(z.string(), z.string()),
  rendered: z.record(z.string(), z.object({ value: z.optional(z.unknown()), seen: z.nullable(z.string()) })),
  extra: z.record(z.string(), z.unknown()),
});

interface Draft {
  edits: Record<string, string>;
  /** For each edited field (missing only for a draft written before stamps were kept). */
  rendered: Record<string, Rendered>;
  extra: Record<string, unknown>;
}

const EMPTY_DRAFT: Draft = { edits: {}, rendered: {}, extra: {} };

/** A draft as stored: this format, or the older one (raw text, and the status form's photos, at the top level). */
export function readDraft(raw: Record<string, unknown> | undefined): Draft {
  if (!raw) return EMPTY_DRAFT;
  const v2 = DraftV2.safeParse(raw);
  if (v2.success) return { edits: v2.data.edits, rendered: v2.data.rendered as Record<string, Rendered>, extra: v2.data.extra };
  // Older drafts kept no stamps: what they were typed against is unknown, so they are
  // taken as typed against the record as it is when restored (the old behaviour).
  const edits: Record<string, string> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') edits[k] = v;
    else extra[k] = v;
  }
  return { edits, rendered: {}, extra };
}

const hasExtra = (extra: Record<string, unknown>) => Object.values(extra).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));

/** True when a stored draft holds something typed. */
export function draftHasEdits(raw: Record<string, unknown> | undefined): boolean {
  const d = readDraft(raw);
  return Object.keys(d.edits).length > 0 || hasExtra(d.extra);
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Every stamp of `later` is known to `earlier` (as a head or overwritten). */
function covers(later: DocState, earlier: DocState): boolean {
  return Object.entries(earlier).every(([field, state]) => {
    const known = later[field];
    if (!known) return state.heads.length === 0;
    const stamps = new Set([...known.heads.map((h) => h.hlc), ...known.dead]);
    return state.heads.every((h) => stamps.has(h.hlc));
  });
}

function join(a: DocState, b: DocState): DocState {
  const out: Record<string, FieldState> = { ...a };
  for (const [field, state] of Object.entries(b)) out[field] = mergeFieldStates(out[field], state);
  return out;
}

/** Newest head per distinct value. */
function distinct(heads: readonly FieldHead[]): FieldHead[] {
  const seen = new Set<string>();
  return heads.filter((h) => {
    const k = JSON.stringify(h.value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * "Giữ bản này" outside a form: writes the chosen value of a field naming every head of
 * `shown` (the state on screen), which resolves the conflict — and only that one.
 */
export function keepVersion(store: LocalStore, target: { coll: Collection; id: string; unit: string }, field: string, value: FieldValue, shown: FieldState | undefined, author: string): Promise<number> {
  return store.writeMany([{ ...target, values: { [field]: value }, seen: { [field]: baseFor(shown) } }], author);
}

/**
 * The display name of an author: "Bạn" for the person signed in, else the name synced from the
 * server (data: show it inside lang="vi", see WhoName in ./FieldConflict.tsx, and `isName`).
 */
export function useWho(): ((author: string) => string) & { isName(author: string): boolean } {
  const { session, sync } = useServices();
  useSyncState(); // re-render when names arrive
  const isName = (author: string) => author !== session.user.id && !!(sync.people?.get(author) ?? author);
  return Object.assign((author: string) => (author === session.user.id ? m.you : (sync.people?.get(author) ?? (author || m.thisDevice))), { isName });
}

export function useSeenFields(coll: Collection, recordId: string, unit: string): SeenFields {
  const { store, session } = useServices();
  const me = session.user.id;
  const draftKey = draftKeyOf(coll, recordId);
  const live = useLiveQuery(async () => ({ id: recordId, fields: (await store.doc(coll, recordId))?.fields ?? {} }), [store, coll, recordId]);
  // Set right after a write so the form does not flash the old values until liveQuery catches up.
  const [justSaved, setJustSaved] = useState<{ id: string; fields: DocState } | null>(null);
  const [loaded, setLoaded] = useState<(Draft & { key: string; restored: boolean }) | null>(null);
  const cur = useRef<Draft & { key: string }>({ key: '', ...EMPTY_DRAFT });
  const [draftSaved, setDraftSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [notes, setNotes] = useState<{ id: string; notes: Record<string, FieldNote> }>({ id: recordId, notes: {} });

  const liveFields = live?.id === recordId ? live.fields : undefined;
  const savedFields = justSaved?.id === recordId ? justSaved.fields : undefined;
  const view: DocState | undefined = useMemo(
    () => (liveFields && savedFields ? join(liveFields, savedFields) : (liveFields ?? savedFields)),
    [liveFields, savedFields],
  );
  // The state as last rendered: what a keystroke or a tap was made against.
  const shown = useRef<DocState>({});
  shown.current = view ?? {};

  useEffect(() => {
    if (justSaved && liveFields && covers(liveFields, justSaved.fields)) setJustSaved(null);
  }, [liveFields, justSaved]);

  useEffect(() => {
    let cancelled = false;
    setDraftSaved(false);
    setNotice(null);
    const load = (d: Draft) => {
      if (cancelled) return;
      cur.current = { key: draftKey, ...d };
      setLoaded({ key: draftKey, ...d, restored: Object.keys(d.edits).length > 0 || hasExtra(d.extra) });
    };
    void store.draft(draftKey).then(
      (raw) => load(readDraft(raw)),
      () => load(EMPTY_DRAFT),
    );
    return () => {
      cancelled = true;
    };
  }, [store, draftKey]);

  const ready = loaded?.key === draftKey && view !== undefined;

  const renderedOf = (field: string, doc: DocState = shown.current): Rendered => {
    const kept = cur.current.key === draftKey ? cur.current.rendered[field] : undefined;
    if (kept) return kept;
    const state = doc[field];
    const w = winner(state);
    return w ? { value: w.value, seen: baseFor(state) } : { seen: baseFor(state) };
  };

  // A draft from before stamps were kept: fix what it is taken to have been typed against now.
  useEffect(() => {
    if (!ready) return;
    const missing = Object.keys(cur.current.edits).filter((f) => !cur.current.rendered[f]);
    if (missing.length === 0) return;
    cur.current = { ...cur.current, rendered: { ...cur.current.rendered, ...Object.fromEntries(missing.map((f) => [f, renderedOf(f)])) } };
  }, [ready]);

  // Notes: a change by someone else arriving in a field nobody edits here.
  const previous = useRef<{ id: string; fields: DocState } | null>(null);
  useEffect(() => {
    if (!view) return;
    const before = previous.current;
    previous.current = { id: recordId, fields: view };
    if (!before || before.id !== recordId) {
      setNotes({ id: recordId, notes: {} });
      return;
    }
    const fresh: Record<string, FieldNote> = {};
    for (const [field, state] of Object.entries(view)) {
      if (Object.hasOwn(cur.current.edits, field)) continue;
      const known = new Set(before.fields[field]?.heads.map((h) => h.hlc) ?? []);
      const arrived = state.heads.find((h) => !known.has(h.hlc) && h.author !== me);
      if (arrived) fresh[field] = { author: arrived.author, at: hlcTime(arrived.hlc) };
    }
    if (Object.keys(fresh).length) setNotes((n) => ({ id: recordId, notes: { ...(n.id === recordId ? n.notes : {}), ...fresh } }));
  }, [view, recordId]);

  const edits = ready ? loaded.edits : {};
  const stored: Fields = {};
  if (view) {
    for (const [field, state] of Object.entries(view)) {
      const w = winner(state);
      if (w) stored[field] = w.value;
    }
    for (const field of Object.keys(edits)) {
      const r = renderedOf(field, view);
      if (r.value === undefined) delete stored[field];
      else stored[field] = r.value;
    }
  }

  function replace(next: Draft, restored = loaded?.restored ?? false) {
    cur.current = { key: draftKey, ...next };
    setLoaded({ key: draftKey, ...next, restored });
  }

  function persist(key: string, d: Draft): Promise<void> {
    const empty = Object.keys(d.edits).length === 0 && !hasExtra(d.extra);
    return empty ? store.clearDraft(key) : store.saveDraft(key, { v: 2, edits: d.edits, rendered: d.rendered, extra: d.extra });
  }

  function persistNow(d: Draft) {
    setDraftSaved(false);
    persist(draftKey, d).then(
      () => {
        if (cur.current.key === draftKey) setDraftSaved(Object.keys(d.edits).length > 0 || hasExtra(d.extra));
      },
      (e: unknown) => setNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : common.draftFailed }),
    );
  }

  function setField(field: string, raw: string) {
    if (!ready || cur.current.key !== draftKey) return;
    const d = cur.current;
    // The first keystroke in a field fixes what it was typed against: the state on screen.
    const rendered = Object.hasOwn(d.edits, field) && d.rendered[field] ? d.rendered : { ...d.rendered, [field]: renderedOf(field) };
    const next = { ...d, edits: { ...d.edits, [field]: raw }, rendered };
    replace(next);
    if (notes.notes[field]) setNotes((n) => ({ ...n, notes: Object.fromEntries(Object.entries(n.notes).filter(([f]) => f !== field)) }));
    persistNow(next);
  }

  function setExtra(patch: Record<string, unknown>) {
    if (!ready || cur.current.key !== draftKey) return;
    const next = { ...cur.current, extra: { ...cur.current.extra, ...patch } };
    replace(next);
    persistNow(next);
  }

  function conflict(field: string, mine?: FieldValue): FieldConflict | null {
    const heads = view?.[field]?.heads ?? [];
    if (heads.length === 0) return null;
    const editing = Object.hasOwn(edits, field);
    if (!editing) {
      const versions = distinct(heads);
      return versions.length > 1 ? { field, mine: false, heads: versions.map((h) => ({ ...h, arrived: false })) } : null;
    }
    const seen = new Set(predecessors(renderedOf(field, view).seen));
    const versions = distinct(heads)
      .filter((h) => mine === undefined || !same(h.value, mine))
      .map((h) => ({ ...h, arrived: !seen.has(h.hlc) }));
    // Shown when a version arrived while typing, or when the record already held two.
    const show = versions.some((h) => h.arrived) || distinct(heads).length > 1;
    return show && versions.length > 0 ? { field, mine: true, heads: versions } : null;
  }

  function edit(values: Fields): RecordEdit {
    const seen: Record<string, Base | null> = {};
    for (const field of Object.keys(values)) seen[field] = renderedOf(field).seen;
    return { coll, id: recordId, unit, values, seen };
  }

  async function write(key: string, edits: readonly RecordEdit[]): Promise<number> {
    const written = edits.some((e) => Object.keys(e.values).length > 0) ? await store.writeMany(edits, me) : 0;
    const fresh = (await store.doc(coll, recordId))?.fields ?? {};
    if (cur.current.key === key) setJustSaved({ id: recordId, fields: fresh });
    return written;
  }

  async function commit(toWrite: readonly RecordEdit[]): Promise<boolean> {
    const key = draftKey;
    const snapshot = cur.current;
    setBusy(true);
    setNotice(null);
    try {
      const written = await write(key, toWrite);
      if (cur.current.key !== key) return true; // the person moved to another record meanwhile
      // Keep anything typed while the save was running (in memory first, synchronously,
      // so a keystroke landing during the draft write below builds on it).
      const now = cur.current;
      const keptEdits = Object.fromEntries(Object.entries(now.edits).filter(([f, raw]) => snapshot.edits[f] !== raw));
      const rest: Draft = {
        edits: keptEdits,
        rendered: Object.fromEntries(Object.keys(keptEdits).flatMap((f) => (now.rendered[f] ? [[f, now.rendered[f]]] : []))),
        extra: Object.fromEntries(Object.entries(now.extra).filter(([k, v]) => snapshot.extra[k] !== v)),
      };
      replace(rest, false);
      await persist(key, rest);
      setDraftSaved(false);
      setNotice({ kind: 'ok', text: written > 0 ? m.saved : m.nothingToSave });
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : common.saveFailed(err instanceof Error ? err.message : String(err)) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function keep(field: string, value: FieldValue): Promise<boolean> {
    const key = draftKey;
    const state = shown.current[field];
    setBusy(true);
    setNotice(null);
    try {
      const written = await keepVersion(store, { coll, id: recordId, unit }, field, value, state, me);
      const fresh = (await store.doc(coll, recordId))?.fields ?? {};
      if (cur.current.key !== key) return true;
      setJustSaved({ id: recordId, fields: fresh });
      const d = cur.current;
      const { [field]: _typed, ...editsLeft } = d.edits;
      const { [field]: _rendered, ...renderedLeft } = d.rendered;
      const next = { ...d, edits: editsLeft, rendered: renderedLeft };
      replace(next);
      await persist(key, next);
      setNotice({ kind: 'ok', text: written > 0 ? m.kept : m.dropped });
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : common.saveFailed(err instanceof Error ? err.message : String(err)) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    await store.clearDraft(draftKey);
    if (cur.current.key === draftKey) replace(EMPTY_DRAFT, false);
    setDraftSaved(false);
    setNotice(null);
  }

  return {
    ready,
    stored,
    dirty: edits,
    extra: ready ? loaded.extra : {},
    restored: ready && loaded.restored,
    draftSaved,
    busy,
    notice,
    notes: notes.id === recordId ? notes.notes : {},
    setNotice,
    setField,
    setExtra,
    conflict,
    edit,
    commit,
    keep,
    discard,
  };
}
