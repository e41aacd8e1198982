import { useRef, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { navigate } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { useSeenFields, type SeenFields } from '../app/use-seen-fields.ts';
import { fieldParts, focusFirstInvalid } from '../app/FieldConflict.tsx';
import { canEditStatus } from '../auth/access.ts';
import { Status, StatusInput } from '../domain/status.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { parseViNumber, formatNumber } from '../domain/text.ts';
import { vnDateOf } from '../domain/working-days.ts';
import { StorageFullError } from '../db/errors.ts';
import type { RecordEdit } from '../db/store.ts';
import { PhotoError } from './photo.ts';
import { capturePhoto, photoEdit, storeDataUrlPhoto, type PhotoRef } from '../photos/capture.ts';
import { PhotoView } from '../photos/PhotoView.tsx';
import { issueText, statusFieldLabel } from './status-fields.ts';
import { BACK_TO_CATALOGUE, showStatusValue } from './ModelDetailScreen.tsx';
import { ModelTitle } from './ModelTitle.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import { useNoticeText } from '../app/use-notice-text.ts';

interface FormValues {
  status: Status;
  progress: string;
  asOf: string;
  note: string;
  difficulties: string;
  causes: string;
  proposals: string;
  /** Photos taken into the draft: their bytes wait in the blobs table (a string: a data URL,
   * from a draft saved before photos were blobs). */
  photos: (PhotoRef | string)[];
}

const TEXT_FIELDS = ['note', 'difficulties', 'causes', 'proposals'] as const;
type StatusField = 'status' | 'progress' | 'asOf' | (typeof TEXT_FIELDS)[number];
const FIELDS: readonly StatusField[] = ['status', 'progress', 'asOf', ...TEXT_FIELDS];
const fieldId = (f: StatusField) => `status-${f}`;

/** A stored value as its input shows it; a field the record lacks shows the form's default. */
function toInput(field: StatusField, value: FieldValue | undefined, today: string): string {
  if (value === undefined) return field === 'status' ? 'inProgress' : field === 'asOf' ? today : '';
  if (field === 'progress') return typeof value === 'number' ? formatNumber(value) : '';
  return typeof value === 'string' ? value : '';
}

/** One field as it would be stored (undefined when it cannot be read as typed). */
function fieldValue(field: StatusField, raw: string): FieldValue | undefined {
  if (field !== 'progress') return raw;
  return raw.trim() === '' ? 0 : (parseViNumber(raw) ?? undefined);
}

/** The whole form checked as one record (the rules tie status and progress together). */
function validate(values: FormValues): { errors: Record<string, string>; data?: StatusInput } {
  const progress = values.progress.trim() === '' ? 0 : parseViNumber(values.progress);
  const fieldErrors: Record<string, string> = {};
  if (progress === null) fieldErrors.progress = m.progressNumber;
  const parsed = StatusInput.safeParse({ ...values, progress: progress ?? 0 });
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issueText(issue.message);
  return Object.keys(fieldErrors).length || !parsed.success ? { errors: fieldErrors } : { errors: {}, data: parsed.data };
}

/**
 * The fields to send: those typed here whose value differs from what the form showed, and
 * the defaults of fields the record does not have yet (an empty text equals no text).
 */
function changedFields(data: StatusInput, form: Pick<SeenFields, 'dirty' | 'stored'>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of FIELDS) {
    const shown = form.stored[f];
    if (!Object.hasOwn(form.dirty, f) && shown !== undefined) continue;
    const value = data[f];
    if (JSON.stringify(value) === JSON.stringify(shown ?? ((TEXT_FIELDS as readonly string[]).includes(f) ? '' : undefined))) continue;
    out[f] = value;
  }
  return out;
}

export function StatusForm({ adoptionId, now = () => Date.now() }: { adoptionId: string; now?: () => number }) {
  const { store, seed, session } = useServices();
  const adoptions = useAdoptions();
  const adoption = adoptions?.find((a) => a.id === adoptionId);
  const model = seed.catalogue.models.find((m) => m.id === adoption?.modelId);
  // Remembers what each field showed and saves against it (see use-seen-fields.ts).
  const form = useSeenFields('status', adoptionId, adoption?.unitId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Photos are prepared before the write starts: a second tap meanwhile must not save twice.
  const saving = useRef(false);
  const { notice, setNotice, draftSaved, busy } = form;
  const noticeText = useNoticeText(notice);
  const today = vnDateOf(now());
  const values: FormValues = {
    ...(Object.fromEntries(FIELDS.map((f) => [f, form.dirty[f] ?? toInput(f, form.stored[f], today)])) as Omit<FormValues, 'photos'>),
    photos: (form.extra.photos as FormValues['photos'] | undefined) ?? [],
  };

  async function update(patch: Partial<FormValues>) {
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'photos') form.setExtra({ photos: v });
      else if (typeof v === 'string') form.setField(k, v);
    }
    // A new assessment is dated today unless the person sets the date: the date input
    // changes in front of them, and is then one of the fields they changed.
    const redate = ('status' in patch || 'progress' in patch) && !Object.hasOwn(form.dirty, 'asOf') && values.asOf !== today;
    if (redate) form.setField('asOf', today);
    // After a refused save, the marks follow the typing: a fixed field loses its message, and
    // the request at the top goes once nothing is left to fix.
    if (Object.keys(errors).length > 0) {
      const next = validate({ ...values, ...patch, ...(redate ? { asOf: today } : {}) }).errors;
      setErrors(next);
      if (Object.keys(next).length === 0 && notice?.text === m.fixMarked) setNotice(null);
    }
  }

  /** "Giữ bản này" on the side of what is being typed: checked like a save, then kept. */
  function keepMine(field: StatusField) {
    const checked = validate(values);
    if (checked.errors[field] || !checked.data) {
      setErrors(checked.errors);
      setNotice({ kind: 'error', text: checked.errors[field] ? m.notKept(checked.errors[field]) : m.fixMarked });
      if (!checked.errors[field]) focusFirstInvalid(FIELDS, checked.errors, fieldId);
      return;
    }
    void form.keep(field, checked.data[field]);
  }

  async function addPhoto(file: File | undefined) {
    if (!file || !values) return;
    try {
      const ref = await capturePhoto(store.db, file);
      await update({ photos: [...values.photos, ref] });
    } catch (e) {
      // Only our own messages: the browser's ("The source image could not be decoded.") are English and say nothing useful.
      const mine = e instanceof PhotoError || e instanceof StorageFullError;
      setNotice({ kind: 'error', text: mine ? e.message : m.photoUnreadable });
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!form.ready || !adoption || busy || saving.current) return;
    const checked = validate(values);
    setErrors(checked.errors);
    if (!checked.data) {
      setNotice({ kind: 'error', text: m.fixMarked });
      focusFirstInvalid(FIELDS, checked.errors, fieldId);
      return;
    }
    saving.current = true;
    try {
      const takenAt = now();
      const edits: RecordEdit[] = [
        form.edit(changedFields(checked.data, form)),
        ...(await Promise.all(values.photos.map((p) => (typeof p === 'string' ? storeDataUrlPhoto(store.db, p) : p)))).map((ref) =>
          photoEdit(adoption, ref, { suffix: `${takenAt.toString(36)}-${ref.blob.slice(0, 8)}`, takenAt }),
        ),
      ];
      // One transaction for the status fields and the photos; the draft goes only if it held.
      if (await form.commit(edits)) navigate(`/models/${encodeURIComponent(adoption.id)}`);
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : c.saveFailed((err as Error).message) });
    } finally {
      saving.current = false;
    }
  }

  if (adoptions && (!adoption || !model))
    return (
      <Layout title={m.recordStatus} active="catalogue" back={BACK_TO_CATALOGUE}>
        <p role="alert">{m.notInUnitLong}</p>
      </Layout>
    );
  if (!form.ready || !adoption || !model) return <Layout title={m.recordStatus} active="catalogue"><p>{c.loading}</p></Layout>;
  const back = { href: `#/models/${encodeURIComponent(adoption.id)}`, label: <ModelTitle model={model} /> };
  if (!canEditStatus(session.user, adoption, seed.units))
    return (
      <Layout title={m.recordStatus} active="catalogue" back={back}>
        <p role="alert">
          {m.noRightBefore} <span lang="vi">{session.user.displayName}</span> {m.noRightAfter}
        </p>
      </Layout>
    );
  const { error: fieldError, aria, versions } = fieldParts<StatusField>(form, errors, {
    label: statusFieldLabel,
    parse: fieldValue,
    mine: (f, typed) => (f === 'status' ? c.status(typed as Status) || typed : f === 'progress' && typed.trim() !== '' ? `${typed}%` : typed),
    show: showStatusValue,
    onKeepMine: keepMine,
  });

  return (
    <Layout title={m.recordStatus} active="catalogue" back={back}>
      <h2 class="subtitle">
        <ModelTitle model={model} />
      </h2>
      {form.restored && (
        <p class="draft-restored">
          {m.draftRestored}{' '}
          <button type="button" class="btn-small" onClick={() => void form.discard()}>
            {m.discardDraft}
          </button>
        </p>
      )}
      <form onSubmit={save} noValidate class="form">
        <label>
          {statusFieldLabel('status')}
          <select id={fieldId('status')} value={values.status} onChange={(e) => void update({ status: e.currentTarget.value as Status })}>
            {Status.options.map((s) => (
              <option value={s}>{c.status(s)}</option>
            ))}
          </select>
        </label>
        {versions('status')}
        <div class="field">
          <label>
            {statusFieldLabel('progress')} (%)
            <input id={fieldId('progress')} inputMode="decimal" value={values.progress} {...aria('progress')} onInput={(e) => void update({ progress: e.currentTarget.value })} />
          </label>
          {fieldError('progress')}
          {versions('progress')}
        </div>
        <div class="field">
          <label>
            {statusFieldLabel('asOf')}
            <input id={fieldId('asOf')} type="date" value={values.asOf} {...aria('asOf')} onInput={(e) => void update({ asOf: e.currentTarget.value })} />
          </label>
          {fieldError('asOf')}
          {versions('asOf')}
        </div>
        {TEXT_FIELDS.map((f) => (
          <div class="field">
            <label>
              {statusFieldLabel(f)}
              <textarea id={fieldId(f)} lang="vi" rows={3} value={values[f]} {...aria(f)} onInput={(e) => void update({ [f]: e.currentTarget.value })} />
            </label>
            {fieldError(f)}
            {versions(f)}
          </div>
        ))}
        <label>
          {m.photos}
          <input type="file" accept="image/*" capture="environment" onChange={(e) => void addPhoto(e.currentTarget.files?.[0])} />
        </label>
        {values.photos.length > 0 && (
          <div class="photos" data-testid="draft-photos">
            {values.photos.map((p, i) => (
              <PhotoView key={typeof p === 'string' ? `legacy-${i}` : p.blob} photo={typeof p === 'string' ? { data: p } : p} alt={m.photoN(i + 1)} size={72} />
            ))}
          </div>
        )}
        <p class="muted" aria-live="polite" data-testid="draft-state">
          {draftSaved ? m.draftSaved : ' '}
        </p>
        {notice && (
          <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
            {noticeText}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          {m.save}
        </button>
      </form>
    </Layout>
  );
}
