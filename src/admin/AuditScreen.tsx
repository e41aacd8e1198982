// The audit log: every admin action (browser or command line), newest first, 100 at a time.
import { useEffect, useState } from 'preact/hooks';
import { m as c } from '../i18n/common.ts';
import { AdminError, type AuditEntry } from './api.ts';
import { useAdmin } from './context.ts';
import { when } from './UsersScreen.tsx';
import { m } from './messages.ts';

const detailText = (d: unknown): string => {
  if (d === undefined || d === null) return '';
  if (typeof d !== 'object') return String(d);
  const s = JSON.stringify(d);
  return s === '{}' ? '' : s.length > 240 ? `${s.slice(0, 240)}…` : s;
};

export function AuditScreen() {
  const { api } = useAdmin();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [state, setState] = useState<'loading' | 'more' | 'end' | AdminError>('loading');
  async function load(before?: string | number) {
    setState('loading');
    try {
      const page = await api.audit(before);
      setEntries((es) => (before === undefined ? page : [...es, ...page]));
      setState(page.length < 100 ? 'end' : 'more');
    } catch (e) {
      setState(e instanceof AdminError ? e : new AdminError(String(e), 0, 'client'));
    }
  }
  useEffect(() => void load(), []);
  return (
    <section class="card" data-testid="audit">
      <h2>{m.auditTitle}</h2>
      {state instanceof AdminError && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {entries.length === 0 && state === 'end' && <p class="muted">{m.auditEmpty}</p>}
      {entries.length > 0 && (
        <div class="db-scroll">
          <table class="adm-table">
            <thead>
              <tr>
                <th scope="col">{m.auditAt}</th>
                <th scope="col">{m.auditActor}</th>
                <th scope="col">{m.auditAction}</th>
                <th scope="col">{m.auditTarget}</th>
                <th scope="col">{m.auditDetail}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{when(e.at)}</td>
                  <td lang="vi">{e.actor ? e.actor.name : m.commandLine}</td>
                  <td>{m.action(e.action)}</td>
                  <td>{e.target ?? ''}</td>
                  <td class="adm-detail-cell" lang="vi">
                    {detailText(e.detail)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state === 'loading' && <p class="muted">{c.loading}</p>}
      {state === 'more' && (
        <button type="button" class="btn-secondary" onClick={() => void load(entries.at(-1)?.id)}>
          {m.auditMore}
        </button>
      )}
    </section>
  );
}
