// The versions of a report and the comments on each, oldest first, and — for the unit's
// own leaders and the units above — the form to comment on or return the latest version.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { StorageFullError } from '../db/errors.ts';
import { formatDateTime } from '../domain/text.ts';
import { draftKeyOfComment } from './form.ts';
import { newStamp } from './ids.ts';
import { recordedAndReceived } from './received.ts';
import type { ReportBundle } from './use-reports.ts';
import { commentEdit, type ReportStatus } from './workflow.ts';
import type { Notice } from './ReportEditor.tsx';
import { m } from './messages.ts';

export function ReportHistory({ reportId, bundle }: { reportId: string; bundle: ReportBundle }) {
  const { session, sync } = useServices();
  // People's names are data (Vietnamese); "Bạn" / "You" is interface.
  const who = (author: string) =>
    author === session.user.id || author === '' ? (
      <>
        {m.you} (<span lang="vi">{session.user.displayName}</span>)
      </>
    ) : (
      <span lang="vi">{sync.people?.get(author) ?? author}</span>
    );
  if (bundle.versions.length === 0 && bundle.comments.length === 0) return null;
  return (
    <section class="card" data-testid="report-history">
      <h2>{m.history}</h2>
      <ol class="list rp-history">
        {bundle.versions.map((v) => (
          <li data-testid={`version-${v.version}`}>
            <strong>{m.version(v.version)}</strong>
            <span class="muted" data-testid={`version-${v.version}-times`}>
              {recordedAndReceived(v.submittedAt, v.receivedAt)}
            </span>
            <span class="muted">
              {v.snapshot?.submittedBy ? (
                <>
                  {m.sender} <span lang="vi">{v.snapshot.submittedBy}</span> ·{' '}
                </>
              ) : (
                ''
              )}
              <a href={`#/reports/${encodeURIComponent(reportId)}/print/${v.version}`}>{m.viewSent}</a>
            </span>
            {bundle.comments
              .filter((x) => x.reportVersion === v.version)
              .map((x) => (
                <blockquote class={`rp-comment ${x.returns ? 'rp-comment-return' : ''}`} data-testid="comment">
                  {x.returns && <strong class="chip chip-returned">{m.returnedChip}</strong>}
                  <p lang="vi">{x.body}</p>
                  <footer class="muted">
                    {who(x.author)} · {formatDateTime(x.createdAt)}
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
    store.saveDraft(key, { body: text }).catch((e: unknown) => onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : m.commentDraftNotSaved }));
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
      onNotice({ kind: 'ok', text: returns ? m.returnedNotice(status.version) : m.commentNotice });
    } catch (e) {
      onNotice({ kind: 'error', text: e instanceof StorageFullError ? e.message : m.commentFailed((e as Error).message) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" data-testid="comment-form">
      <h2>{m.commentsOn(status.version)}</h2>
      <form class="form" noValidate onSubmit={(e) => (e.preventDefault(), void send(false))}>
        <div class="field">
          <label>
            {m.comment}
            <textarea lang="vi" rows={4} value={body} aria-invalid={error ? true : undefined} aria-describedby={error ? 'err-comment' : undefined} onInput={(e) => type(e.currentTarget.value)} />
          </label>
          {error && (
            <span class="field-error" id="err-comment" role="alert">
              {error}
            </span>
          )}
        </div>
        <div class="rp-actions">
          <button type="submit" class="btn-secondary" disabled={busy}>
            {m.sendComment}
          </button>
          {mayReturn && status.phase === 'submitted' && (
            <button type="button" class="btn-primary" disabled={busy} onClick={() => void send(true)}>
              {m.returnForChanges}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
