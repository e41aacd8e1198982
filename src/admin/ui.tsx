// Form pieces of the admin screens: a server refusal is shown next to the field it names, and
// whatever it names that the form does not show is listed under the form.
import { useState } from 'preact/hooks';
import { AdminError, fieldError } from './api.ts';

export interface Action {
  busy: boolean;
  error: unknown;
  done: string | null;
  /** Runs `f`; its result (a confirmation) is shown, its error kept for the fields. True when it succeeded. */
  run: (f: () => Promise<string | void>) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    done,
    clear: () => (setError(null), setDone(null)),
    run: async (f) => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const said = await f();
        if (said) setDone(said);
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

let serial = 0;

interface InputProps {
  type?: 'text' | 'password';
  autocomplete?: string;
  autocapitalize?: 'none' | 'off';
  spellcheck?: boolean;
  inputMode?: 'numeric' | 'text';
  lang?: string;
}

/** The id and ARIA attributes tying a field to the server's message for it. */
function useProblem(error: unknown, field: string) {
  const [id] = useState(() => `adm-f${++serial}`);
  const problem = fieldError(error, field);
  const aria = { 'aria-invalid': problem ? ('true' as const) : undefined, 'aria-describedby': problem ? id : undefined };
  const note = problem && (
    <span class="field-error" id={id} data-field={field}>
      {problem}
    </span>
  );
  return { aria, note };
}

/** A labelled text input with the server's message for `field` under it. */
export function TextField({ label, field, value, onValue, error, ...rest }: { label: string; field: string; value: string; onValue: (v: string) => void; error: unknown } & InputProps) {
  const { aria, note } = useProblem(error, field);
  return (
    <>
      <label>
        {label}
        <input
          // Preact types an input by its `type`; these attributes are valid on text and password inputs alike.
          {...(rest as object)}
          {...aria}
          name={field}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      </label>
      {note}
    </>
  );
}

/** A labelled select with the server's message for `field` under it. */
export function SelectField({ label, field, value, onValue, error, options }: { label: string; field: string; value: string; onValue: (v: string) => void; error: unknown; options: [string, string][] }) {
  const { aria, note } = useProblem(error, field);
  return (
    <>
      <label>
        {label}
        <select {...aria} name={field} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {options.map(([v, text]) => (
            <option value={v}>{text}</option>
          ))}
        </select>
      </label>
      {note}
    </>
  );
}

export function Check({ label, checked, onValue }: { label: string; checked: boolean; onValue: (v: boolean) => void }) {
  return (
    <label class="adm-check">
      <input type="checkbox" checked={checked} onChange={(e) => onValue(e.currentTarget.checked)} />
      {label}
    </label>
  );
}

/** The outcome under a form: the confirmation, or the refusal and what it names outside the shown fields. */
export function ActionStatus({ action, shown }: { action: Action; shown: readonly string[] }) {
  if (action.done)
    return (
      <p class="ok" role="status">
        {action.done}
      </p>
    );
  const e = action.error;
  if (!e) return null;
  const others = e instanceof AdminError ? Object.entries(e.fields).filter(([k]) => !shown.includes(k)) : [];
  return (
    <div class="error" role="alert">
      <p>{e instanceof Error ? e.message : String(e)}</p>
      {others.length > 0 && (
        <ul>
          {others.map(([k, msg]) => (
            <li>
              {k}: {msg}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
