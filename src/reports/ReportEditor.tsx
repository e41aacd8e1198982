// Writing a report: the text sections prefilled from the unit's data, a draft kept on the
// device at every keystroke, "Lưu nháp" into the record (and the outbox), "Gửi báo cáo"
// as one transaction that writes the immutable version and the report's state.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { StorageFullError } from '../db/errors.ts';
import type { OrgUnit } from '../domain/org.ts';
import { DocumentTables } from './DocumentView.tsx';
import { NUMBER_SUFFIX, documentNumber, splitNumber } from './document.ts';
import { draftForm, draftKeyOfReport, prefilledForm, startingForm } from './form.ts';
import { NARRATIVE_KEYS, metaKey, type ReportForm } from './sections.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
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
      (e: unknown) => onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : m.draftNotSaved }),
    );
  }
  const setField = (field: string, value: string) => formRef.current && update({ ...formRef.current, fields: { ...formRef.current.fields, [field]: value } });

  async function run(final: boolean) {
    const current = formRef.current;
    if (!current || busy) return;
    const found = validateForm(current, { final });
    setErrors(found);
    if (Object.keys(found).length) {
      onNotice({ kind: 'error', text: final ? m.fixToSubmit : m.fixToSave });
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
          text: `${m.submitted(version)} ${navigator.onLine === false ? m.queuedOffline : m.queuedOnline}`,
        });
      } else {
        await store.write('report', target.reportId, target.unitId, saveEdit(target, current, status).values, session.user.id);
        await store.clearDraft(key);
        setDraftSaved(false);
        setSource('record');
        onNotice({ kind: 'ok', text: m.draftSaved });
      }
    } catch (e) {
      onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : (final ? m.submitFailed : m.saveFailed)(e instanceof Error ? e.message : String(e)) });
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

  if (!form) return <p>{c.loading}</p>;
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
          {m.resumingDraft}{' '}
          <button type="button" class="btn-small" onClick={() => void discard()}>
            {m.discardDraft}
          </button>
        </p>
      )}
      <div class="field">
        <label>
          {m.titleLabel}
          {/* What is typed here goes into the Vietnamese document. */}
          <input lang="vi" value={form.title} {...aria('title')} onInput={(e) => update({ ...form, title: e.currentTarget.value })} />
        </label>
        {err('title')}
      </div>

      <details class="card rp-figures">
        <summary>{m.figures(prefill.data.models.length)}</summary>
        <DocumentTables data={prefill.data} />
      </details>

      {NARRATIVE_KEYS.map((k, i) => (
        <div class="field">
          <label>
            {['I', 'II', 'III', 'IV', 'V'][i]}. {c.section(k)}
            <textarea lang="vi" rows={k === 'results' ? 10 : 5} value={form.fields[k] ?? ''} data-section={k} {...aria(k)} onInput={(e) => setField(k, e.currentTarget.value)} />
          </label>
          {err(k)}
        </div>
      ))}
      <button type="button" class="btn-small" onClick={() => void refill()}>
        {m.refill}
      </button>

      <details class="rp-meta">
        <summary>{m.docDetails}</summary>
        <div class="rp-number">
          <label>
            {m.numberLabel}
            <input
              lang="vi"
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
            {m.symbolLabel}
            <input lang="vi" value={form.fields[metaKey('symbol')] ?? NUMBER_SUFFIX} autoCapitalize="characters" spellcheck={false} onInput={(e) => setField(metaKey('symbol'), e.currentTarget.value)} />
          </label>
        </div>
        <p class="muted" id="rp-number-line" data-testid="number-line-preview">
          {m.onDocument} <span lang="vi">{documentNumber(form.fields[metaKey('number')] ?? '', form.fields[metaKey('symbol')] ?? '')}</span> {m.numberHint}
        </p>
        <label>
          {m.recipientsLabel}
          <textarea lang="vi" rows={4} value={form.fields[metaKey('recipients')] ?? ''} onInput={(e) => setField(metaKey('recipients'), e.currentTarget.value)} />
        </label>
        <label>
          {m.signerTitleLabel}
          <input lang="vi" value={form.fields[metaKey('signerTitle')] ?? ''} onInput={(e) => setField(metaKey('signerTitle'), e.currentTarget.value)} />
        </label>
        <label>
          {m.signerNameLabel}
          <input lang="vi" value={form.fields[metaKey('signerName')] ?? ''} onInput={(e) => setField(metaKey('signerName'), e.currentTarget.value)} />
        </label>
      </details>

      <p class="muted" aria-live="polite" data-testid="draft-state">
        {draftSaved ? m.draftKept : ' '}
      </p>
      <div class="rp-actions">
        <button type="button" class="btn-secondary" disabled={busy} onClick={() => void run(false)}>
          {m.saveDraft}
        </button>
        <button type="submit" class="btn-primary" disabled={busy}>
          {status.phase === 'returned' ? m.resubmit(status.version + 1) : m.submit}
        </button>
      </div>
    </form>
  );
}
