// The progress form of one unit on one task, saved on the phone like the status form: only
// the fields changed, each against the stamps it showed (use-seen-fields.ts), in one
// LocalStore.writeMany transaction; a draft is kept on every keystroke.
import { useState } from 'preact/hooks';
import { useSeenFields } from '../app/use-seen-fields.ts';
import { fieldParts, focusFirstInvalid } from '../app/FieldConflict.tsx';
import { vnDateOf } from '../domain/working-days.ts';
import { TaskStatus } from '../domain/plans.ts';
import { taskProgressIdOf } from '../domain/sync/ids.ts';
import { StorageFullError } from '../db/errors.ts';
import { m as c } from '../i18n/common.ts';
import { m as app } from '../app/messages.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import { changedFields, fieldLabel, fieldValue, showValue, toInput, TASK_FIELDS, validate, type FormValues, type TaskField } from './task-fields.ts';
import { m } from './messages.ts';
import { useNoticeText } from '../app/use-notice-text.ts';

const fieldId = (f: TaskField) => `task-${f}`;

export function TaskProgressForm({ unitId, taskId, now = () => Date.now() }: { unitId: string; taskId: string; now?: () => number }) {
  const recordId = taskProgressIdOf(unitId, taskId);
  const form = useSeenFields('taskProgress', recordId, unitId);
  const [errors, setErrors] = useState<Partial<Record<TaskField, string>>>({});
  const { notice, setNotice, draftSaved, busy } = form;
  const noticeText = useNoticeText(notice);
  const today = vnDateOf(now());
  const values = Object.fromEntries(TASK_FIELDS.map((f) => [f, form.dirty[f] ?? toInput(f, form.stored[f], today)])) as FormValues;

  function update(field: TaskField, raw: string) {
    form.setField(field, raw);
    // A new assessment is dated today unless the person sets the date themselves.
    const redate = (field === 'status' || field === 'percent') && !Object.hasOwn(form.dirty, 'asOf') && values.asOf !== today;
    if (redate) form.setField('asOf', today);
    if (Object.keys(errors).length > 0) {
      const next = validate({ ...values, [field]: raw, ...(redate ? { asOf: today } : {}) }).errors;
      setErrors(next);
      if (Object.keys(next).length === 0 && notice?.text === m.fixMarked) setNotice(null);
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!form.ready || busy) return;
    const checked = validate(values);
    setErrors(checked.errors);
    if (!checked.data) {
      setNotice({ kind: 'error', text: m.fixMarked });
      focusFirstInvalid(TASK_FIELDS, checked.errors, fieldId);
      return;
    }
    try {
      await form.commit([form.edit(changedFields(checked.data, form.stored, form.dirty))]);
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof StorageFullError ? err.message : c.saveFailed((err as Error).message) });
    }
  }

  if (!form.ready) return <p>{c.loading}</p>;

  const { error: fieldError, aria, versions } = fieldParts<TaskField>(form, errors, {
    label: fieldLabel,
    parse: fieldValue,
    mine: (f, typed) => (f === 'status' ? c.taskStatus(typed as TaskStatus) : typed),
    show: showValue,
    onKeepMine: (f) => {
      const checked = validate(values);
      if (checked.data && !checked.errors[f]) void form.keep(f, checked.data[f] as FieldValue);
      else setErrors(checked.errors);
    },
  });
  /** A free-text field (data typed in Vietnamese) with its check and its versions. */
  const text = (f: 'result' | 'evidence' | 'cause', rows: number, hint?: string) => (
    <div class="field">
      <label>
        {fieldLabel(f)}
        {hint && <span class="muted"> ({hint})</span>}
        <textarea id={fieldId(f)} lang="vi" rows={rows} value={values[f]} {...aria(f)} onInput={(e) => update(f, e.currentTarget.value)} />
      </label>
      {fieldError(f)}
      {versions(f)}
    </div>
  );

  return (
    <form onSubmit={save} noValidate class="form" data-testid="task-progress-form">
      <h2>{m.recordProgress}</h2>
      {form.restored && (
        <p class="draft-restored">
          {m.draftRestored}{' '}
          <button type="button" class="btn-small" onClick={() => void form.discard()}>
            {m.discardDraft}
          </button>
        </p>
      )}
      <label>
        {m.fieldStatus}
        <select id={fieldId('status')} value={values.status} onChange={(e) => update('status', e.currentTarget.value)}>
          {TaskStatus.options.map((s) => (
            <option value={s}>{c.taskStatus(s)}</option>
          ))}
        </select>
      </label>
      {versions('status')}
      <div class="field">
        <label>
          {m.fieldPercent}
          <input id={fieldId('percent')} inputMode="decimal" value={values.percent} {...aria('percent')} onInput={(e) => update('percent', e.currentTarget.value)} />
        </label>
        {fieldError('percent')}
        {versions('percent')}
      </div>
      <div class="field">
        <label>
          {m.fieldAsOf}
          <input id={fieldId('asOf')} type="date" value={values.asOf} {...aria('asOf')} onInput={(e) => update('asOf', e.currentTarget.value)} />
        </label>
        {fieldError('asOf')}
        {versions('asOf')}
      </div>
      {text('result', 3)}
      {text('evidence', 2, m.evidenceHint)}
      {text('cause', 2, m.causeHint)}
      <p class="muted" aria-live="polite" data-testid="draft-state">
        {draftSaved ? m.draftSaved : ' '}
      </p>
      {notice && (
        <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="task-notice">
          {noticeText}
        </p>
      )}
      <button type="submit" class="btn-primary" disabled={busy}>
        {app.save}
      </button>
    </form>
  );
}
