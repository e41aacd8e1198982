// Writing a report: the text sections prefilled from the unit's data, a draft kept on the
// device at every keystroke, "Lưu nháp" into the record (and the outbox), "Gửi báo cáo"
// as one transaction that writes the immutable version and the report's state.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { StorageFullError } from '../db/errors.ts';
import { SECTION_LABEL } from '../domain/report.ts';
import type { OrgUnit } from '../domain/org.ts';
import { formatNumber } from '../domain/text.ts';
import { DocumentTables } from './DocumentView.tsx';
import { NUMBER_SUFFIX, documentNumber, splitNumber } from './document.ts';
import { draftForm, draftKeyOfReport, prefilledForm, startingForm } from './form.ts';
import { META_LABEL, NARRATIVE_KEYS, metaKey, type ReportForm } from './sections.ts';
import type { Prefill, ReportBundle } from './use-reports.ts';
import { saveEdit, submissionEdits, validateForm, type ReportStatus, type ReportTarget } from './workflow.ts';

export type Notice = { kind: 'ok' | 'error'; text: string };

interface Props {
  target: ReportTarget;
  unit: OrgUnit;
  parent: OrgUnit | undefined;
  bundle: ReportBundle;
  status: ReportStatus;
  prefill: Prefill;
  now: () => number;
  onNotice: (n: Notice | null) => void;
}

export function ReportEditor({ target, unit, parent, bundle, status, prefill, now, onNotice }: Props) {
  const { store, session } = useServices();
  const key = draftKeyOfReport(target.reportId);
  const [form, setForm] = useState<ReportForm | null>(null);
  const [source, setSource] = useState<'draft' | 'record' | 'prefill'>('prefill');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [draftSaved, setDraftSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<ReportForm | null>(null);

  useEffect(() => {
    let cancelled = false;
    void store.draft(key).then((d) => {
      if (cancelled) return;
      const start = startingForm(draftForm(d), bundle.report, prefill, unit, parent, target.period);
      formRef.current = start.form;
      setForm(start.form);
      setSource(start.source);
    });
    return () => {
      cancelled = true;
    };
    // Start once per report: later changes of the record or the figures must not wipe what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key]);

  function update(next: ReportForm) {
    formRef.current = next;
    setForm(next);
    setDraftSaved(false);
    if (Object.keys(errors).length) setErrors(validateForm(next, { final: false }));
    store.saveDraft(key, next as unknown as Record<string, unknown>).then(
      () => setDraftSaved(true),
      (e: unknown) => onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : 'Không lưu được bản nháp trên máy.' }),
    );
  }
  const setField = (field: string, value: string) => formRef.current && update({ ...formRef.current, fields: { ...formRef.current.fields, [field]: value } });

  async function run(final: boolean) {
    const current = formRef.current;
    if (!current || busy) return;
    const found = validateForm(current, { final });
    setErrors(found);
    if (Object.keys(found).length) {
      onNotice({ kind: 'error', text: final ? 'Chưa gửi: hãy sửa các mục được đánh dấu.' : 'Chưa lưu: hãy sửa các mục được đánh dấu.' });
      setTimeout(() => document.querySelector<HTMLElement>('.rp-form [aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    onNotice(null);
    try {
      if (final) {
        const edits = submissionEdits(target, current, prefill.data, status, bundle.versions, now(), session.user.displayName);
        await store.writeMany(edits, session.user.id);
        await store.clearDraft(key);
        const version = edits[0]!.values.version as number;
        onNotice({
          kind: 'ok',
          text: `Đã gửi phiên bản ${formatNumber(version)}. ${navigator.onLine === false ? 'Báo cáo đang chờ trong hàng đợi và sẽ lên máy chủ khi có mạng.' : 'Báo cáo sẽ lên máy chủ ở lần đồng bộ tới.'}`,
        });
      } else {
        await store.write('report', target.reportId, target.unitId, saveEdit(target, current, status).values, session.user.id);
        await store.clearDraft(key);
        setDraftSaved(false);
        setSource('record');
        onNotice({ kind: 'ok', text: 'Đã lưu bản nháp báo cáo trên máy. Sẽ gửi lên máy chủ khi có mạng.' });
      }
    } catch (e) {
      onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : `Không ${final ? 'gửi' : 'lưu'} được: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  }

  async function refill() {
    const fresh = prefilledForm(prefill, unit, parent, target.period);
    const current = formRef.current!;
    const fields = { ...current.fields };
    for (const k of NARRATIVE_KEYS) fields[k] = fresh.fields[k] ?? '';
    update({ ...current, fields });
  }

  async function discard() {
    await store.clearDraft(key);
    const start = startingForm(null, bundle.report, prefill, unit, parent, target.period);
    formRef.current = start.form;
    setForm(start.form);
    setSource(start.source);
    setErrors({});
    setDraftSaved(false);
  }

  if (!form) return <p>Đang tải…</p>;
  const err = (name: string) =>
    errors[name] ? (
      <span class="field-error" id={`err-${name}`} role="alert">
        {errors[name]}
      </span>
    ) : null;
  const aria = (name: string) => ({ 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `err-${name}` : undefined });

  return (
    <form class="form rp-form" noValidate onSubmit={(e) => (e.preventDefault(), void run(true))}>
      {source === 'draft' && (
        <p class="rp-restored">
          Đang tiếp tục bản nháp chưa lưu trên máy.{' '}
          <button type="button" class="btn-small" onClick={() => void discard()}>
            Bỏ bản nháp
          </button>
        </p>
      )}
      <div class="field">
        <label>
          Tiêu đề báo cáo
          <input value={form.title} {...aria('title')} onInput={(e) => update({ ...form, title: e.currentTarget.value })} />
        </label>
        {err('title')}
      </div>

      <details class="card rp-figures">
        <summary>Số liệu tự động ({formatNumber(prefill.data.models.length)} mô hình, 25 dịch vụ công) — cập nhật theo dữ liệu hiện tại</summary>
        <DocumentTables data={prefill.data} />
      </details>

      {NARRATIVE_KEYS.map((k, i) => (
        <div class="field">
          <label>
            {['I', 'II', 'III', 'IV', 'V'][i]}. {SECTION_LABEL[k]}
            <textarea rows={k === 'results' ? 10 : 5} value={form.fields[k] ?? ''} data-section={k} {...aria(k)} onInput={(e) => setField(k, e.currentTarget.value)} />
          </label>
          {err(k)}
        </div>
      ))}
      <button type="button" class="btn-small" onClick={() => void refill()}>
        Điền lại các mục từ số liệu hiện tại
      </button>

      <details class="rp-meta">
        <summary>Thông tin văn bản: số, nơi nhận, người ký</summary>
        <div class="rp-number">
          <label>
            {META_LABEL.number}
            <input
              value={form.fields[metaKey('number')] ?? ''}
              inputMode="numeric"
              aria-describedby="rp-number-line"
              onInput={(e) => setField(metaKey('number'), e.currentTarget.value)}
              onBlur={(e) => {
                // "15/BC-TCT" typed whole: keep "15" here and move the symbol to its own field.
                const typed = splitNumber(e.currentTarget.value);
                if (typed.symbol !== null && formRef.current)
                  update({ ...formRef.current, fields: { ...formRef.current.fields, [metaKey('number')]: typed.number, [metaKey('symbol')]: typed.symbol } });
              }}
            />
          </label>
          <label>
            {META_LABEL.symbol}
            <input value={form.fields[metaKey('symbol')] ?? NUMBER_SUFFIX} autoCapitalize="characters" spellcheck={false} onInput={(e) => setField(metaKey('symbol'), e.currentTarget.value)} />
          </label>
        </div>
        <p class="muted" id="rp-number-line" data-testid="number-line-preview">
          Trên văn bản: {documentNumber(form.fields[metaKey('number')] ?? '', form.fields[metaKey('symbol')] ?? '')} — ô “Số” chỉ ghi số thứ tự.
        </p>
        <label>
          {META_LABEL.recipients}
          <textarea rows={4} value={form.fields[metaKey('recipients')] ?? ''} onInput={(e) => setField(metaKey('recipients'), e.currentTarget.value)} />
        </label>
        <label>
          {META_LABEL.signerTitle}
          <input value={form.fields[metaKey('signerTitle')] ?? ''} onInput={(e) => setField(metaKey('signerTitle'), e.currentTarget.value)} />
        </label>
        <label>
          {META_LABEL.signerName}
          <input value={form.fields[metaKey('signerName')] ?? ''} onInput={(e) => setField(metaKey('signerName'), e.currentTarget.value)} />
        </label>
      </details>

      <p class="muted" aria-live="polite" data-testid="draft-state">
        {draftSaved ? 'Đã lưu nháp trên máy' : ' '}
      </p>
      <div class="rp-actions">
        <button type="button" class="btn-secondary" disabled={busy} onClick={() => void run(false)}>
          Lưu nháp
        </button>
        <button type="submit" class="btn-primary" disabled={busy}>
          {status.phase === 'returned' ? `Gửi lại (phiên bản ${formatNumber(status.version + 1)})` : 'Gửi báo cáo'}
        </button>
      </div>
    </form>
  );
}
