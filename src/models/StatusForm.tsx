import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { navigate } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { STATUS_LABEL, Status, StatusInput } from '../domain/status.ts';
import { docValues } from '../domain/sync/merge.ts';
import { parseViNumber, formatNumber } from '../domain/text.ts';
import { StorageFullError } from '../db/errors.ts';
import type { RecordEdit } from '../db/store.ts';
import { resizePhoto } from './photo.ts';
import { STATUS_FIELD_LABEL } from './status-fields.ts';

interface FormValues {
  status: Status;
  progress: string;
  asOf: string;
  note: string;
  difficulties: string;
  causes: string;
  proposals: string;
  photos: string[];
}

/** Today in Vietnam as YYYY-MM-DD. */
export const todayVn = (now: number) => new Date(now + 7 * 3600_000).toISOString().slice(0, 10);

const TEXT_FIELDS = ['note', 'difficulties', 'causes', 'proposals'] as const;

export function StatusForm({ adoptionId, now = () => Date.now() }: { adoptionId: string; now?: () => number }) {
  const { store, seed, session } = useServices();
  const adoption = useAdoptions()?.find((a) => a.id === adoptionId);
  const model = seed.catalogue.models.find((m) => m.id === adoption?.modelId);
  const draftKey = `status:${adoptionId}`;
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [draftSaved, setDraftSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const draft = (await store.draft(draftKey)) as FormValues | undefined;
      const current = await store.values('status', adoptionId);
      if (cancelled) return;
      setValues(
        draft ?? {
          status: (current.status as Status | undefined) ?? 'inProgress',
          progress: typeof current.progress === 'number' ? formatNumber(current.progress) : '',
          asOf: todayVn(now()),
          note: String(current.note ?? ''),
          difficulties: String(current.difficulties ?? ''),
          causes: String(current.causes ?? ''),
          proposals: String(current.proposals ?? ''),
          photos: [],
        },
      );
      if (draft) setDraftSaved(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [store, adoptionId]);

  async function update(patch: Partial<FormValues>) {
    const next = { ...values!, ...patch };
    setValues(next);
    setDraftSaved(false);
    try {
      await store.saveDraft(draftKey, next as unknown as Record<string, unknown>);
      setDraftSaved(true);
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : 'Không lưu được nháp.' });
    }
  }

  async function addPhoto(file: File | undefined) {
    if (!file || !values) return;
    try {
      const data = await resizePhoto(file);
      await update({ photos: [...values.photos, data] });
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : 'Không đọc được ảnh.' });
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!values || !adoption) return;
    const progress = values.progress.trim() === '' ? 0 : parseViNumber(values.progress);
    const fieldErrors: Record<string, string> = {};
    if (progress === null) fieldErrors.progress = 'Tiến độ phải là một số, ví dụ 75 hoặc 96,5';
    const parsed = StatusInput.safeParse({ ...values, progress: progress ?? 0 });
    if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length || !parsed.success) {
      setNotice({ kind: 'error', text: 'Vui lòng sửa các ô được đánh dấu.' });
      return;
    }
    setBusy(true);
    try {
      const takenAt = now();
      const edits: RecordEdit[] = [
        { coll: 'status', id: adoption.id, unit: adoption.unitId, values: { ...parsed.data } },
        ...values.photos.map((data, i) => ({
          coll: 'photo' as const,
          id: `${adoption.id}~${takenAt.toString(36)}${i}`,
          unit: adoption.unitId,
          values: { adoptionId: adoption.id, data, caption: '', takenAt },
        })),
      ];
      await store.writeMany(edits, session.user.id);
      await store.clearDraft(draftKey);
      setNotice({ kind: 'ok', text: 'Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng.' });
      setValues({ ...values, photos: [] });
      navigate(`/models/${encodeURIComponent(adoption.id)}`);
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : `Không lưu được: ${(err as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  if (!values || !adoption || !model) return <Layout title="Ghi nhận tình trạng" active="catalogue"><p>Đang tải…</p></Layout>;
  const fieldError = (name: string) =>
    errors[name] ? (
      <span class="field-error" id={`err-${name}`} role="alert">
        {errors[name]}
      </span>
    ) : null;

  return (
    <Layout title="Ghi nhận tình trạng" active="catalogue">
      <h2 class="subtitle">{modelTitle(model)}</h2>
      <form onSubmit={save} noValidate class="form">
        <label>
          {STATUS_FIELD_LABEL.status}
          <select value={values.status} onChange={(e) => void update({ status: e.currentTarget.value as Status })}>
            {Status.options.map((s) => (
              <option value={s}>{STATUS_LABEL[s]}</option>
            ))}
          </select>
        </label>
        <div class="field">
          <label>
            {STATUS_FIELD_LABEL.progress} (%)
            <input inputMode="decimal" value={values.progress} aria-invalid={!!errors.progress} aria-describedby={errors.progress ? 'err-progress' : undefined} onInput={(e) => void update({ progress: e.currentTarget.value })} />
          </label>
          {fieldError('progress')}
        </div>
        <div class="field">
          <label>
            {STATUS_FIELD_LABEL.asOf}
            <input type="date" value={values.asOf} aria-invalid={!!errors.asOf} aria-describedby={errors.asOf ? 'err-asOf' : undefined} onInput={(e) => void update({ asOf: e.currentTarget.value })} />
          </label>
          {fieldError('asOf')}
        </div>
        {TEXT_FIELDS.map((f) => (
          <div class="field">
            <label>
              {STATUS_FIELD_LABEL[f]}
              <textarea rows={3} value={values[f]} aria-invalid={!!errors[f]} aria-describedby={errors[f] ? `err-${f}` : undefined} onInput={(e) => void update({ [f]: e.currentTarget.value })} />
            </label>
            {fieldError(f)}
          </div>
        ))}
        <label>
          Ảnh minh chứng
          <input type="file" accept="image/*" capture="environment" onChange={(e) => void addPhoto(e.currentTarget.files?.[0])} />
        </label>
        {values.photos.length > 0 && (
          <div class="photos" data-testid="draft-photos">
            {values.photos.map((p, i) => (
              <img src={p} alt={`Ảnh ${i + 1}`} width={72} height={72} />
            ))}
          </div>
        )}
        <p class="muted" aria-live="polite" data-testid="draft-state">
          {draftSaved ? 'Đã lưu nháp trên máy' : ' '}
        </p>
        {notice && (
          <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
            {notice.text}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          Lưu
        </button>
      </form>
    </Layout>
  );
}
