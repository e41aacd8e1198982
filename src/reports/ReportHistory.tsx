// The versions of a report and the comments on each, oldest first, and — for the unit's
// own leaders and the units above — the form to comment on or return the latest version.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { StorageFullError } from '../db/errors.ts';
import { formatDateTime, formatNumber } from '../domain/text.ts';
import { draftKeyOfComment } from './form.ts';
import { newStamp } from './ids.ts';
import { recordedAndReceived } from './received.ts';
import type { ReportBundle } from './use-reports.ts';
import { commentEdit, type ReportStatus } from './workflow.ts';
import type { Notice } from './ReportEditor.tsx';

export function ReportHistory({ reportId, bundle }: { reportId: string; bundle: ReportBundle }) {
  const { session, sync } = useServices();
  const who = (author: string) => (author === session.user.id || author === '' ? `Bạn (${session.user.displayName})` : (sync.people?.get(author) ?? author));
  if (bundle.versions.length === 0 && bundle.comments.length === 0) return null;
  return (
    <section class="card" data-testid="report-history">
      <h2>Lịch sử gửi và ý kiến</h2>
      <ol class="list rp-history">
        {bundle.versions.map((v) => (
          <li data-testid={`version-${v.version}`}>
            <strong>Phiên bản {formatNumber(v.version)}</strong>
            <span class="muted" data-testid={`version-${v.version}-times`}>
              {recordedAndReceived(v.submittedAt, v.receivedAt)}
            </span>
            <span class="muted">
              {v.snapshot?.submittedBy ? `Người gửi: ${v.snapshot.submittedBy} · ` : ''}
              <a href={`#/reports/${encodeURIComponent(reportId)}/print/${v.version}`}>Xem bản đã gửi</a>
            </span>
            {bundle.comments
              .filter((c) => c.reportVersion === v.version)
              .map((c) => (
                <blockquote class={`rp-comment ${c.returns ? 'rp-comment-return' : ''}`} data-testid="comment">
                  {c.returns && <strong class="chip chip-returned">Trả lại để sửa</strong>}
                  <p>{c.body}</p>
                  <footer class="muted">
                    {who(c.author)} · {formatDateTime(c.createdAt)}
                  </footer>
                </blockquote>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CommentForm({ reportId, status, mayReturn, now, onNotice }: { reportId: string; status: ReportStatus; mayReturn: boolean; now: () => number; onNotice: (n: Notice | null) => void }) {
  const { store, session } = useServices();
  const key = draftKeyOfComment(reportId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void store.draft(key).then((d) => typeof d?.body === 'string' && setBody(d.body));
  }, [store, key]);

  function type(text: string) {
    setBody(text);
    if (error && text.trim()) setError(null);
    store.saveDraft(key, { body: text }).catch((e: unknown) => onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : 'Không lưu được nháp ý kiến.' }));
  }

  async function send(returns: boolean) {
    if (busy) return;
    let edit;
    try {
      edit = commentEdit(reportId, status.version, body, returns, now(), newStamp(now()));
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    try {
      await store.write(edit.coll, edit.id, edit.unit, edit.values, session.user.id);
      await store.clearDraft(key);
      setBody('');
      onNotice({ kind: 'ok', text: returns ? `Đã trả lại phiên bản ${formatNumber(status.version)} để đơn vị sửa. Ý kiến sẽ gửi lên máy chủ khi có mạng.` : 'Đã ghi ý kiến. Ý kiến sẽ gửi lên máy chủ khi có mạng.' });
    } catch (e) {
      onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : `Không ghi được ý kiến: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" data-testid="comment-form">
      <h2>Ý kiến về phiên bản {formatNumber(status.version)}</h2>
      <form class="form" noValidate onSubmit={(e) => (e.preventDefault(), void send(false))}>
        <div class="field">
          <label>
            Ý kiến
            <textarea rows={4} value={body} aria-invalid={error ? true : undefined} aria-describedby={error ? 'err-comment' : undefined} onInput={(e) => type(e.currentTarget.value)} />
          </label>
          {error && (
            <span class="field-error" id="err-comment" role="alert">
              {error}
            </span>
          )}
        </div>
        <div class="rp-actions">
          <button type="submit" class="btn-secondary" disabled={busy}>
            Gửi ý kiến
          </button>
          {mayReturn && status.phase === 'submitted' && (
            <button type="button" class="btn-primary" disabled={busy} onClick={() => void send(true)}>
              Trả lại để sửa
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
