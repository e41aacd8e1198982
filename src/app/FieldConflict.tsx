// Two (or more) versions of one field, side by side, each with who wrote it and when, and a
// one-tap "Giữ bản này" for people who may edit the record. Used in the forms (a change
// that arrived while the person was typing, or a conflict already stored) and in the model
// detail screen.
import type { FieldValue } from '../domain/sync/merge.ts';
import { formatDateTime } from '../domain/text.ts';
import { hlcTime } from '../db/store.ts';
import { useWho, type FieldConflict as Conflict, type SeenFields } from './use-seen-fields.ts';
import { m } from './messages.ts';
import { activeLang } from '../i18n/messages.ts';
import './field-conflict.css';

export interface FieldConflictProps {
  /** The field's label, read out with the choice. */
  label: string;
  conflict: Conflict;
  /** What the person is typing, as shown (when `conflict.mine`). */
  mine?: string;
  show(value: FieldValue): string;
  canEdit: boolean;
  busy?: boolean;
  onKeepMine?(): void;
  onKeep(value: FieldValue): void;
}

/** Who wrote a value: a person's name is data (lang="vi"); "Bạn" is interface text. */
export function WhoName({ author }: { author: string }) {
  const who = useWho();
  return who.isName(author) ? <span lang="vi">{who(author)}</span> : <>{who(author)}</>;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

export function FieldConflictBox({ label, conflict, mine, show, canEdit, busy = false, onKeepMine, onKeep }: FieldConflictProps) {
  const base = `keep-${safeId(conflict.field)}`;
  const arrived = conflict.heads.find((h) => h.arrived);
  const count = conflict.heads.length + (conflict.mine ? 1 : 0);
  const title =
    conflict.mine && arrived ? (
      <>
        <WhoName author={arrived.author} />
        {m.editedWhileTyping}
      </>
    ) : (
      m.versions(count)
    );
  const button = (id: string, onClick: () => void) =>
    canEdit ? (
      <button type="button" class="btn-small keep-btn" disabled={busy} aria-describedby={`${base}-label ${id}`} onClick={onClick}>
        {m.keepThis}
      </button>
    ) : null;
  return (
    <div class="keep-box" role="group" aria-labelledby={`${base}-label`} data-testid="field-conflict" data-field={conflict.field}>
      <p class="keep-title" id={`${base}-label`}>
        <span class="visually-hidden">{label}: </span>
        {title}
      </p>
      <ul class="keep-list">
        {conflict.mine && (
          <li class="keep-option" data-side="mine">
            <div class="keep-text" id={`${base}-mine`}>
              <span class="keep-value">{mine === undefined || mine === '' ? m.empty : mine}</span>
              <span class="muted">{m.yourTyping}</span>
            </div>
            {onKeepMine && button(`${base}-mine`, onKeepMine)}
          </li>
        )}
        {conflict.heads.map((h, i) => (
          <li class="keep-option" data-side="other">
            <div class="keep-text" id={`${base}-${i}`}>
              <span class="keep-value">{show(h.value)}</span>
              <span class="muted">
                <WhoName author={h.author} /> · {formatDateTime(hlcTime(h.hlc))}
                {h.arrived ? m.justArrived : !conflict.mine && i === 0 ? m.shown : ''}
              </span>
            </div>
            {button(`${base}-${i}`, () => onKeep(h.value))}
          </li>
        ))}
      </ul>
      <p class="muted keep-help">
        {!canEdit
          ? m.othersChoose
          : conflict.mine
            ? m.saveKeepsBoth
            : m.keepHelp}
      </p>
    </div>
  );
}

/**
 * "Nguyễn Văn A vừa cập nhật ô này": a change someone else made while the form was open.
 * `cell` names the field where "này" would be ambiguous (two inputs on one table row).
 */
export function FieldNoteLine({ author, cell }: { author: string; cell?: string }) {
  const who = useWho();
  const what = cell ? m.updatedCell(cell) : m.updatedThis;
  // One text node in Vietnamese (the forms' tests find the line by its text); in English the
  // person's name is marked as Vietnamese data.
  return (
    <p class="field-note" role="status">
      {activeLang() === 'en' && who.isName(author) ? (
        <>
          <span lang="vi">{who(author)}</span>
          {what}
        </>
      ) : (
        who(author) + what
      )}
    </p>
  );
}

/**
 * Beside a field of a form over useSeenFields: who just changed it, or the versions to choose
 * between. `parse` reads what is being typed as it would be stored; `mine` shows it.
 */
export function FieldVersions({ form, field, label, parse, mine, show, onKeepMine }: {
  form: Pick<SeenFields, 'dirty' | 'conflict' | 'notes' | 'busy' | 'keep'>;
  field: string;
  label: string;
  parse(raw: string): FieldValue | undefined;
  mine(raw: string): string;
  show(value: FieldValue): string;
  onKeepMine(): void;
}) {
  const typed = form.dirty[field];
  const conflict = form.conflict(field, typed === undefined ? undefined : parse(typed));
  if (!conflict) return form.notes[field] ? <FieldNoteLine author={form.notes[field].author} /> : null;
  return (
    <FieldConflictBox
      label={label}
      conflict={conflict}
      mine={typed === undefined ? undefined : mine(typed)}
      show={show}
      canEdit
      busy={form.busy}
      onKeepMine={onKeepMine}
      onKeep={(v) => void form.keep(field, v)}
    />
  );
}

/** How a form reads and shows one of its fields, for fieldParts. */
export interface FieldWays<F extends string> {
  label(field: F): string;
  /** What is being typed, as it would be stored (undefined: it cannot be read). */
  parse(field: F, raw: string): FieldValue | undefined;
  /** What is being typed, as the versions box shows it. */
  mine(field: F, raw: string): string;
  show(field: F, value: FieldValue): string;
  /** "Giữ bản này" on the side of what is being typed. */
  onKeepMine(field: F): void;
}

/**
 * The parts every field of a form over useSeenFields has beside its input: the message of a
 * refused save (`error`, `err-<field>`), the input's attributes that point a screen reader to
 * it (`aria`), and the field's versions. One place, so the forms mark a field the same way.
 */
export function fieldParts<F extends string>(
  form: Pick<SeenFields, 'dirty' | 'conflict' | 'notes' | 'busy' | 'keep'>,
  errors: Partial<Record<F, string>>,
  ways: FieldWays<F>,
) {
  return {
    error: (f: F) =>
      errors[f] ? (
        <span class="field-error" id={`err-${f}`} role="alert">
          {errors[f]}
        </span>
      ) : null,
    aria: (f: F) => ({ 'aria-invalid': !!errors[f], 'aria-describedby': errors[f] ? `err-${f}` : undefined }),
    versions: (f: F) => (
      <FieldVersions
        form={form}
        field={f}
        label={ways.label(f)}
        parse={(raw) => ways.parse(f, raw)}
        mine={(raw) => ways.mine(f, raw)}
        show={(v) => ways.show(f, v)}
        onKeepMine={() => ways.onKeepMine(f)}
      />
    ),
  };
}

/**
 * After a refused save: the first marked field, in the order the form shows them, gets the
 * focus and is brought into view (scrollIntoView is missing in some test DOMs, hence `?.`).
 */
export function focusFirstInvalid<F extends string>(fields: readonly F[], errors: Partial<Record<F, string>>, idOf: (field: F) => string) {
  const first = fields.find((f) => errors[f]);
  const el = first === undefined ? null : document.getElementById(idOf(first));
  el?.focus();
  el?.scrollIntoView?.({ block: 'center' });
}
