// #/reports/inbox: the reports the units below sent to a district or province officer (or the
// admin), read from the versions and comments the phone pulls of its subtree. Waiting for an
// answer first (submitted, resubmitted), then those returned and waiting for the unit, oldest
// receipt by the server first; accepted ones folded away. Accept or return (with a comment) in
// place; the report itself opens with "←" leading back here.
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useLiveQuery } from '../app/hooks.ts';
import { useServices } from '../app/services.ts';
import { StorageFullError } from '../db/errors.ts';
import { docValues, winner } from '../domain/sync/merge.ts';
import { formatDateTime } from '../domain/text.ts';
import { newStamp } from './ids.ts';
import { INBOX_STATE_LABEL, acceptEdit, acceptsOf, inboxItems, reviewsReports, type InboxItem, type ReviewComment } from './inbox.ts';
import { firstReceived } from './received.ts';
import { useUnits } from './use-reports.ts';
import { commentEdit, commentFromValues, versionFromValues, type VersionRecord } from './workflow.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import './inbox.css';

const CHIP: Record<InboxItem['state'], string> = { submitted: 'chip-submitted', resubmitted: 'chip-submitted', returned: 'chip-returned', accepted: 'chip-accepted' };

/** "Báo cáo của đơn vị | Cần duyệt": the two halves of the Báo cáo screen, for those who review. */
export function ReportsTabs({ current }: { current: 'own' | 'inbox' }) {
  const { session } = useServices();
  if (!reviewsReports(session.user.role)) return null;
  return (
    <nav class="rp-tabs" aria-label={m.title}>
      <a href="#/reports" aria-current={current === 'own' ? 'page' : undefined}>
        {m.tabOwn}
      </a>
      <a href="#/reports/inbox" aria-current={current === 'inbox' ? 'page' : undefined} data-testid="inbox-tab">
        {m.tabInbox}
      </a>
    </nav>
  );
}

export function ReviewInbox({ now = () => Date.now() }: { now?: () => number }) {
  const { store, session } = useServices();
  const units = useUnits();
  const items = useLiveQuery(async () => {
    const [versionDocs, commentDocs] = await Promise.all([store.docsOf('reportVersion'), store.docsOf('comment')]);
    const received = await firstReceived(store, 'reportVersion', versionDocs.map((d) => d.id));
    const versions = versionDocs
      .map((d) => versionFromValues(d.id, docValues(d.fields), received.get(d.id) ?? null))
      .filter((v): v is VersionRecord => v !== null);
    const comments = commentDocs.flatMap((d): ReviewComment[] => {
      const values = docValues(d.fields);
      const c = commentFromValues(d.id, values, winner(Object.values(d.fields)[0])?.author ?? '');
      return c ? [{ ...c, accepts: acceptsOf(values) }] : [];
    });
    return inboxItems(session.user, units, versions, comments);
    // `units` comes from the session and the seed, fixed while signed in.
  }, [store, session.user.id]);

  if (!reviewsReports(session.user.role)) {
    return (
      <Layout title={m.title} active="reports">
        <p role="alert">{m.reviewersOnly}</p>
        <a class="rp-back" href="#/reports">
          {m.backToList}
        </a>
      </Layout>
    );
  }
  if (!items) {
    return (
      <Layout title={m.title} active="reports">
        <ReportsTabs current="inbox" />
        <p>{c.loading}</p>
      </Layout>
    );
  }
  const waiting = items.filter((i) => i.state === 'submitted' || i.state === 'resubmitted');
  const returned = items.filter((i) => i.state === 'returned');
  const accepted = items.filter((i) => i.state === 'accepted');

  return (
    <Layout title={m.title} active="reports">
      <ReportsTabs current="inbox" />
      <section class="card" aria-labelledby="inbox-waiting">
        <h2 id="inbox-waiting">{m.waiting(waiting.length)}</h2>
        <p class="muted">{m.waitingOrder}</p>
        {waiting.length === 0 && <p class="muted">{m.noneWaiting}</p>}
        <ul class="list rp-inbox" data-testid="inbox-waiting">
          {waiting.map((i) => (
            <InboxRow key={`${i.reportId}#${i.version}`} item={i} now={now} />
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="inbox-returned">
        <h2 id="inbox-returned">{m.returnedSection(returned.length)}</h2>
        {returned.length === 0 && <p class="muted">{m.noneReturned}</p>}
        <ul class="list rp-inbox" data-testid="inbox-returned">
          {returned.map((i) => (
            <InboxRow key={`${i.reportId}#${i.version}`} item={i} now={now} />
          ))}
        </ul>
      </section>
      {accepted.length > 0 && (
        <details class="card rp-meta">
          <summary>{m.acceptedSection(accepted.length)}</summary>
          <ul class="list rp-inbox" data-testid="inbox-accepted">
            {accepted.map((i) => (
              <InboxRow key={`${i.reportId}#${i.version}`} item={i} now={now} />
            ))}
          </ul>
        </details>
      )}
    </Layout>
  );
}

function InboxRow({ item, now }: { item: InboxItem; now: () => number }) {
  const { store, session } = useServices();
  const [returning, setReturning] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = item.state === 'submitted' || item.state === 'resubmitted';
  const errId = `inbox-err-${item.reportId}`;

  async function record(returns: boolean) {
    if (busy) return;
    let edit;
    try {
      const at = now();
      edit = returns ? commentEdit(item.reportId, item.version, body, true, at, newStamp(at)) : acceptEdit(item.reportId, item.version, '', at, newStamp(at));
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    try {
      await store.write(edit.coll, edit.id, edit.unit, edit.values, session.user.id);
      // The row moves to its new section on the next read; nothing else to reset.
    } catch (e) {
      setError(e instanceof StorageFullError ? e.message : m.writeFailed((e as Error).message));
      setBusy(false);
    }
  }

  return (
    <li data-testid={`inbox-item-${item.reportId}`} data-state={item.state}>
      <a class="rp-row" href={`#/reports/${encodeURIComponent(item.reportId)}`}>
        <span lang="vi">{item.unitName}</span> — {c.period(item.period)}
      </a>
      <span>
        <span class={`chip ${CHIP[item.state]}`} data-testid="inbox-state">
          {INBOX_STATE_LABEL[item.state]}
        </span>{' '}
        <span class="muted">{m.version(item.version)}</span>
      </span>
      <span class="muted" data-testid="inbox-received">
        {item.receivedAt === null ? m.serverNotYet : m.serverReceived(item.receivedAt)}
      </span>
      {item.decision && (
        <span class="muted" data-testid="inbox-decision">
          {item.decision.returns ? m.returnReason : m.commentLabel} “<span lang="vi">{item.decision.body}</span>” · {formatDateTime(item.decision.createdAt)}
        </span>
      )}
      {open && !returning && (
        <div class="rp-actions">
          <button type="button" class="btn-primary" disabled={busy} onClick={() => void record(false)}>
            {m.accept}
          </button>
          <button type="button" class="btn-secondary" disabled={busy} onClick={() => (setReturning(true), setError(null))}>
            {m.returnForChanges}
          </button>
        </div>
      )}
      {open && returning && (
        <form class="form" noValidate onSubmit={(e) => (e.preventDefault(), void record(true))}>
          <div class="field">
            <label>
              {m.whatToFix}
              <textarea
                lang="vi"
                rows={3}
                value={body}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errId : undefined}
                onInput={(e) => {
                  setBody(e.currentTarget.value);
                  if (error && e.currentTarget.value.trim()) setError(null);
                }}
              />
            </label>
          </div>
          <div class="rp-actions">
            <button type="submit" class="btn-primary" disabled={busy}>
              {m.sendReturn}
            </button>
            <button type="button" class="btn-secondary" disabled={busy} onClick={() => (setReturning(false), setError(null))}>
              {c.cancel}
            </button>
          </div>
        </form>
      )}
      {error && (
        <span class="field-error" id={errId} role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
