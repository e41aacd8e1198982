// A form over one synced record, the StatusForm way: what is typed is kept as raw text
// per field and saved as a draft on every input (a reload or a crash loses nothing);
// "Lưu" commits the changed fields with store.write — one Dexie transaction with the
// outbox — and drops the draft. Only edited fields live in the draft, so a value that
// arrives from another device for a field nobody touched here is shown, never reverted.
// Shared by the checklist form and the indicators sheet.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { StorageFullError } from '../db/errors.ts';
import type { Collection } from '../domain/sync/collections.ts';
import type { FieldValue } from '../domain/sync/merge.ts';

export type Notice = { kind: 'ok' | 'error'; text: string };
type Fields = Record<string, FieldValue>;

export interface RecordDraft {
  /** False until both the stored record and the draft of this record id are loaded. */
  ready: boolean;
  stored: Fields;
  /** Raw text of the fields edited and not yet saved, by field name. */
  dirty: Record<string, string>;
  /** The form opened on a draft left by an earlier visit. */
  restored: boolean;
  draftSaved: boolean;
  busy: boolean;
  notice: Notice | null;
  setNotice(notice: Notice | null): void;
  setField(field: string, raw: string): void;
  /** Writes `values` (already validated) and forgets the edits it covered. */
  commit(values: Fields): Promise<boolean>;
  /** Drops the draft: the form shows the stored values again. */
  discard(): Promise<void>;
}

/** Key of the draft kept for a record while it is being edited. */
export const draftKeyOf = (coll: Collection, recordId: string): string => `${coll}:${recordId}`;

export const SAVED_TEXT = 'Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng.';

export function useRecordDraft(coll: Collection, recordId: string, unit: string): RecordDraft {
  const { store, session } = useServices();
  const draftKey = draftKeyOf(coll, recordId);
  const live = useLiveQuery(async () => ({ id: recordId, values: await store.values(coll, recordId) }), [store, coll, recordId]);
  // Set right after a save so the form does not flash the old values until liveQuery catches up.
  const [justSaved, setJustSaved] = useState<{ id: string; values: Fields } | null>(null);
  const [loaded, setLoaded] = useState<{ key: string; dirty: Record<string, string>; restored: boolean } | null>(null);
  const dirtyRef = useRef<{ key: string; dirty: Record<string, string> }>({ key: '', dirty: {} });
  const [draftSaved, setDraftSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => setJustSaved(null), [live]);

  useEffect(() => {
    let cancelled = false;
    setDraftSaved(false);
    setNotice(null);
    void store.draft(draftKey).then(
      (draft) => {
        if (cancelled) return;
        const dirty = Object.fromEntries(Object.entries(draft ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
        dirtyRef.current = { key: draftKey, dirty };
        setLoaded({ key: draftKey, dirty, restored: Object.keys(dirty).length > 0 });
      },
      () => {
        if (cancelled) return;
        dirtyRef.current = { key: draftKey, dirty: {} };
        setLoaded({ key: draftKey, dirty: {}, restored: false });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [store, draftKey]);

  const ready = loaded?.key === draftKey && (live?.id === recordId || justSaved?.id === recordId);
  const stored = (justSaved?.id === recordId ? justSaved.values : live?.id === recordId ? live.values : undefined) ?? {};
  const dirty = ready ? loaded.dirty : {};

  function replaceDirty(key: string, next: Record<string, string>, restored = false) {
    dirtyRef.current = { key, dirty: next };
    setLoaded({ key, dirty: next, restored });
  }

  function setField(field: string, raw: string) {
    if (!ready || dirtyRef.current.key !== draftKey) return;
    const next = { ...dirtyRef.current.dirty, [field]: raw };
    replaceDirty(draftKey, next, loaded.restored);
    setDraftSaved(false);
    store.saveDraft(draftKey, next).then(
      () => {
        if (dirtyRef.current.key === draftKey) setDraftSaved(true);
      },
      (e: unknown) => setNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : 'Không lưu được bản nháp trên máy.' }),
    );
  }

  async function commit(values: Fields): Promise<boolean> {
    const key = draftKey;
    const snapshot = dirtyRef.current.dirty;
    setBusy(true);
    setNotice(null);
    try {
      const written = Object.keys(values).length > 0 ? await store.write(coll, recordId, unit, values, session.user.id) : 0;
      const fresh = await store.values(coll, recordId);
      if (dirtyRef.current.key !== key) return true; // the user moved to another record meanwhile
      // Keep anything typed while the save was running (in memory first, synchronously,
      // so a keystroke landing during the draft write below builds on it).
      const rest = Object.fromEntries(Object.entries(dirtyRef.current.dirty).filter(([f, raw]) => snapshot[f] !== raw));
      replaceDirty(key, rest);
      setJustSaved({ id: recordId, values: fresh });
      if (Object.keys(rest).length > 0) await store.saveDraft(key, rest);
      else await store.clearDraft(key);
      setDraftSaved(false);
      setNotice({ kind: 'ok', text: written > 0 ? SAVED_TEXT : 'Không có thay đổi nào cần lưu.' });
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : `Không lưu được: ${err instanceof Error ? err.message : String(err)}` });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    await store.clearDraft(draftKey);
    if (dirtyRef.current.key === draftKey) replaceDirty(draftKey, {});
    setDraftSaved(false);
    setNotice(null);
  }

  return { ready, stored, dirty, restored: ready && loaded.restored, draftSaved, busy, notice, setNotice, setField, commit, discard };
}
