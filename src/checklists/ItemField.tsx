// One question of a checklist, drawn by its type. Every control reports raw text
// (yes/no as "true"/"false", numbers as typed) so the draft keeps exactly what was entered.
// The question, its hint, options and unit come from the seeds: data, shown as lang="vi".
import { documentNumber, type ChecklistItem } from '../domain/checklist.ts';
import { m } from './messages.ts';

export interface ItemFieldProps {
  item: ChecklistItem;
  raw: string;
  error: string | undefined;
  /** The parent heading, shown when it differs from the previous item's. */
  hint: string | undefined;
  readOnly?: boolean;
  onChange(raw: string): void;
}

/** More options than this read better as a drop-down than as a column of radio buttons. */
const MAX_RADIO_OPTIONS = 4;

export const itemInputId = (itemId: string) => `q-${itemId}`;
const errorId = (itemId: string) => `err-${itemId}`;
const hintId = (itemId: string) => `hint-${itemId}`;

/** The document's number of a section or question; nothing for an id the seed made up. */
export function ItemNumber({ id }: { id: string }) {
  const no = documentNumber(id);
  return no ? <span class="cl-code">{no}</span> : null;
}

function Label({ item }: { item: ChecklistItem }) {
  return (
    <>
      <ItemNumber id={item.id} /> <span lang="vi">{item.label}</span>
      {item.required && (
        <abbr class="cl-req" title={m.required}>
          *
        </abbr>
      )}
    </>
  );
}

export function ItemField({ item, raw, error, hint, readOnly = false, onChange }: ItemFieldProps) {
  const describedBy = [hint ? hintId(item.id) : '', error ? errorId(item.id) : ''].filter(Boolean).join(' ') || undefined;
  const hintEl = hint ? (
    <small class="cl-hint muted" id={hintId(item.id)} lang="vi">
      {hint}
    </small>
  ) : null;
  const errorEl = error ? (
    <span class="field-error" id={errorId(item.id)} role="alert">
      {error}
    </span>
  ) : null;

  if (item.type === 'yesno' || (item.type === 'choice' && (item.options?.length ?? 0) <= MAX_RADIO_OPTIONS)) {
    // Yes/No is the interface's; a choice's options are the outline's own words (data).
    const options: [string, string][] = item.type === 'yesno' ? [['true', m.yes], ['false', m.no]] : (item.options ?? []).map((o) => [o, o]);
    return (
      <fieldset
        class={`cl-item ${item.type === 'yesno' ? 'cl-yesno' : 'cl-radios'}`}
        role="radiogroup"
        aria-invalid={error ? true : undefined}
        aria-required={item.required}
        aria-describedby={describedBy}
        data-item={item.id}
      >
        <legend>
          <Label item={item} />
        </legend>
        {hintEl}
        <div class="cl-options">
          {options.map(([value, text], i) => (
            <label class="cl-option">
              <input
                type="radio"
                id={i === 0 ? itemInputId(item.id) : undefined}
                name={itemInputId(item.id)}
                value={value}
                checked={raw === value}
                disabled={readOnly}
                onChange={() => onChange(value)}
              />
              <span lang={item.type === 'yesno' ? undefined : 'vi'}>{text}</span>
            </label>
          ))}
        </div>
        {!item.required && raw !== '' && !readOnly && (
          <button type="button" class="btn-small cl-clear" onClick={() => onChange('')}>
            {m.clearChoice}
          </button>
        )}
        {errorEl}
      </fieldset>
    );
  }

  const common = {
    id: itemInputId(item.id),
    value: raw,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': item.required,
  };
  let control;
  switch (item.type) {
    case 'number':
    case 'percent':
      control = (
        <span class="cl-number">
          <input
            {...common}
            type="text"
            // Integers need only digits ("38.755" groups are optional); a percentage needs the comma.
            inputMode={item.type === 'number' ? 'numeric' : 'decimal'}
            autoComplete="off"
            placeholder={item.type === 'number' ? m.exampleNumber : m.examplePercent}
            onInput={(e) => onChange(e.currentTarget.value)}
          />
          {item.unit && (
            <span class="cl-unit" lang="vi">
              {item.unit}
            </span>
          )}
        </span>
      );
      break;
    case 'date':
      control = <input {...common} type="date" onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    case 'choice':
      control = (
        <select {...common} disabled={readOnly} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{m.choose}</option>
          {(item.options ?? []).map((o) => (
            <option value={o} lang="vi">
              {o}
            </option>
          ))}
        </select>
      );
      break;
    default:
      control = <textarea {...common} lang="vi" rows={3} onInput={(e) => onChange(e.currentTarget.value)} />;
  }
  return (
    <div class="cl-item" data-item={item.id}>
      <label for={itemInputId(item.id)}>
        <Label item={item} />
      </label>
      {hintEl}
      {control}
      {errorEl}
    </div>
  );
}
