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
import { periodLabel } from '../domain/calendar.ts';
import { docValues, winner } from '../domain/sync/merge.ts';
import { formatDateTime, formatNumber } from '../domain/text.ts';
import { newStamp } from './ids.ts';
import { INBOX_STATE_LABEL, acceptEdit, acceptsOf, inboxItems, reviewsReports, type InboxItem, type ReviewComment } from './inbox.ts';
import { firstReceived } from './received.ts';
import { useUnits } from './use-reports.ts';
import { commentEdit, commentFromValues, versionFromValues, type VersionRecord } from './workflow.ts';
import './inbox.css';

const CHIP: Record<InboxItem['state'], string> = { submitted: 'chip-submitted', resubmitted: 'chip-submitted', returned: 'chip-returned', accepted: 'chip-accepted' };

/** "Báo cáo của đơn vị | Cần duyệt": the two halves of the Báo cáo screen, for those who review. */
export function ReportsTabs({ current }: { current: 'own' | 'inbox' }) {
  const { session } = useServices();
  if (!reviewsReports(session.user.role)) return null;
  return (
    <nav class="rp-tabs" aria-label="Báo cáo">
      <a href="#/reports" aria-current={current === 'own' ? 'page' : undefined}>
        Của đơn vị
      </a>
      <a href="#/reports/inbox" aria-current={current === 'inbox' ? 'page' : undefined} data-testid="inbox-tab">
        Cần duyệt
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
      <Layout title="Báo cáo" active="reports">
        <p role="alert">Chỉ cán bộ cấp huyện, cấp tỉnh duyệt báo cáo của đơn vị cấp dưới.</p>
        <a class="rp-back" href="#/reports">
          ← Danh sách báo cáo
        </a>
      </Layout>
    );
  }
  if (!items) {
    return (
      <Layout title="Báo cáo" active="reports">
        <ReportsTabs current="inbox" />
        <p>Đang tải…</p>
      </Layout>
    );
  }
  const waiting = items.filter((i) => i.state === 'submitted' || i.state === 'resubmitted');
  const returned = items.filter((i) => i.state === 'returned');
  const accepted = items.filter((i) => i.state === 'accepted');

  return (
    <Layout title="Báo cáo" active="reports">
      <ReportsTabs current="inbox" />
      <section class="card" aria-labelledby="inbox-waiting">
        <h2 id="inbox-waiting">Chờ duyệt ({formatNumber(waiting.length)})</h2>
        <p class="muted">Gửi sớm nhất ở trên, theo giờ máy chủ nhận.</p>
        {waiting.length === 0 && <p class="muted">Không có báo cáo nào chờ duyệt.</p>}
        <ul class="list rp-inbox" data-testid="inbox-waiting">
          {waiting.map((i) => (
            <InboxRow key={`${i.reportId}#${i.version}`} item={i} now={now} />
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="inbox-returned">
        <h2 id="inbox-returned">Đã trả lại, chờ gửi lại ({formatNumber(returned.length)})</h2>
        {returned.length === 0 && <p class="muted">Không có báo cáo nào đang chờ đơn vị sửa.</p>}
        <ul class="list rp-inbox" data-testid="inbox-returned">
          {returned.map((i) => (
            <InboxRow key={`${i.reportId}#${i.version}`} item={i} now={now} />
          ))}
        </ul>
      </section>
      {accepted.length > 0 && (
        <details class="card rp-meta">
          <summary>Đã tiếp nhận ({formatNumber(accepted.length)})</summary>
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
      setError(e instanceof StorageFullError ? e.message : `Không ghi được: ${(e as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <li data-testid={`inbox-item-${item.reportId}`} data-state={item.state}>
      <a class="rp-row" href={`#/reports/${encodeURIComponent(item.reportId)}`}>
        {item.unitName} — {periodLabel(item.period)}
      </a>
      <span>
        <span class={`chip ${CHIP[item.state]}`} data-testid="inbox-state">
          {INBOX_STATE_LABEL[item.state]}
        </span>{' '}
        <span class="muted">Phiên bản {formatNumber(item.version)}</span>
      </span>
      <span class="muted" data-testid="inbox-received">
        {item.receivedAt === null ? 'Máy chủ chưa ghi nhận' : `Máy chủ nhận lúc ${formatDateTime(item.receivedAt)}`}
      </span>
      {item.decision && (
        <span class="muted" data-testid="inbox-decision">
          {item.decision.returns ? 'Lý do trả lại' : 'Ý kiến'}: “{item.decision.body}” · {formatDateTime(item.decision.createdAt)}
        </span>
      )}
      {open && !returning && (
        <div class="rp-actions">
          <button type="button" class="btn-primary" disabled={busy} onClick={() => void record(false)}>
            Tiếp nhận
          </button>
          <button type="button" class="btn-secondary" disabled={busy} onClick={() => (setReturning(true), setError(null))}>
            Trả lại để sửa
          </button>
        </div>
      )}
      {open && returning && (
        <form class="form" noValidate onSubmit={(e) => (e.preventDefault(), void record(true))}>
          <div class="field">
            <label>
              Cần sửa gì
              <textarea
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
              Gửi trả lại
            </button>
            <button type="button" class="btn-secondary" disabled={busy} onClick={() => (setReturning(false), setError(null))}>
              Hủy
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
