// Two (or more) versions of one field, side by side, each with who wrote it and when, and a
// one-tap "Giữ bản này" for people who may edit the record. Used in the forms (a change
// that arrived while the person was typing, or a conflict already stored) and in the model
// detail screen.
import type { FieldValue } from '../domain/sync/merge.ts';
import { formatDateTime } from '../domain/text.ts';
import { hlcTime } from '../db/store.ts';
import { useWho, type FieldConflict as Conflict } from './use-seen-fields.ts';
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

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

export function FieldConflictBox({ label, conflict, mine, show, canEdit, busy = false, onKeepMine, onKeep }: FieldConflictProps) {
  const who = useWho();
  const base = `keep-${safeId(conflict.field)}`;
  const arrived = conflict.heads.find((h) => h.arrived);
  const count = conflict.heads.length + (conflict.mine ? 1 : 0);
  const title = conflict.mine && arrived ? `${who(arrived.author)} vừa sửa ô này khi bạn đang nhập` : `Ô này có ${count.toLocaleString('vi-VN')} bản khác nhau`;
  const button = (id: string, onClick: () => void) =>
    canEdit ? (
      <button type="button" class="btn-small keep-btn" disabled={busy} aria-describedby={`${base}-label ${id}`} onClick={onClick}>
        Giữ bản này
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
              <span class="keep-value">{mine === undefined || mine === '' ? '(trống)' : mine}</span>
              <span class="muted">Bản bạn đang nhập (chưa lưu)</span>
            </div>
            {onKeepMine && button(`${base}-mine`, onKeepMine)}
          </li>
        )}
        {conflict.heads.map((h, i) => (
          <li class="keep-option" data-side="other">
            <div class="keep-text" id={`${base}-${i}`}>
              <span class="keep-value">{show(h.value)}</span>
              <span class="muted">
                {who(h.author)} · {formatDateTime(hlcTime(h.hlc))}
                {h.arrived ? ' · vừa đến' : !conflict.mine && i === 0 ? ' · đang hiển thị' : ''}
              </span>
            </div>
            {button(`${base}-${i}`, () => onKeep(h.value))}
          </li>
        ))}
      </ul>
      <p class="muted keep-help">
        {!canEdit
          ? 'Người được giao cập nhật sẽ chọn bản đúng.'
          : conflict.mine
            ? 'Nếu bấm “Lưu”, bản của bạn được lưu và bản kia vẫn được giữ để chọn sau.'
            : 'Bấm “Giữ bản này” ở bản đúng; các bản khác sẽ được thay.'}
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
  return (
    <p class="field-note" role="status">
      {who(author)} vừa cập nhật {cell ? `ô “${cell}”` : 'ô này'}
    </p>
  );
}
