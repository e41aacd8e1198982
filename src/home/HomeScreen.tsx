import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { othersPending, type Account } from '../db/accounts.ts';
import { canWriteReports } from '../reports/scope.ts';
import { firstReceived } from '../reports/received.ts';
import { useServices } from '../app/services.ts';
import { useAdoptions, useOutboxCount, useStatuses } from '../app/data.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { communeOf } from '../auth/access.ts';
import { reportIdOf } from '../domain/sync/ids.ts';
import { docValues } from '../domain/sync/merge.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { formatDate, formatDateTime } from '../domain/text.ts';
import { TIMELINESS_LABEL } from '../domain/calendar.ts';
import { ROLE_LABEL } from '../domain/people.ts';
import { dueReports, relativeDays } from './due-reports.ts';

const STALE_DAYS = 30;
const MAX_OVERDUE_SHOWN = 4;

export function HomeScreen({ now = Date.now() }: { now?: number }) {
  const { seed, session, store } = useServices();
  const adoptions = useAdoptions() ?? [];
  const statuses = useStatuses();
  const pending = useOutboxCount() ?? 0;
  const commune = communeOf(session.user, seed.units);
  // A village team does not write the commune's reports (and its phone does not receive them).
  const writesReports = canWriteReports(session.user.role);
  const rules = writesReports ? (seed.reportingRules.find((r) => r.unitId === commune)?.rules ?? []) : [];
  // Submitted means received by the server: its clock decides on time or late. A version still
  // only on this phone is shown as waiting to be sent, not as done.
  const sent = useLiveQuery(async () => {
    const versions = (await store.docsOf('reportVersion')).filter((v) => v.unit === commune);
    const received = await firstReceived(store, 'reportVersion', versions.map((v) => v.id));
    const map = new Map<string, number>();
    const waiting = new Set<string>();
    for (const v of versions) {
      const values = docValues(v.fields);
      const key = `${String(values.periodType)}|${String(values.period)}`;
      const at = received.get(v.id);
      if (at === undefined) waiting.add(key);
      else if (!map.has(key) || at < map.get(key)!) map.set(key, at);
    }
    return { map, waiting };
  }, [store, commune]);
  const submitted = sent?.map;
  const waitingToSend = (r: { periodType: string; period: string }) => !!sent?.waiting.has(`${r.periodType}|${r.period}`) && !submitted?.has(`${r.periodType}|${r.period}`);
  const owed = dueReports(rules, submitted ?? new Map(), now);
  const upcoming = owed.filter((r) => r.state === 'notDue');
  const overdue = owed.filter((r) => r.state === 'missing').reverse();
  const reports = [...upcoming, ...overdue.slice(0, MAX_OVERDUE_SHOWN)];
  const models = new Map(seed.catalogue.models.map((m) => [m.id, m]));
  const stale = adoptions.filter((a) => {
    const s = statuses?.get(a.id);
    return !s || now - s.touchedAt > STALE_DAYS * 86_400_000;
  });
  const conflicted = adoptions.filter((a) => statuses?.get(a.id)?.conflicted);
  const rejected = useLiveQuery(() => store.rejected(), [store]) ?? [];
  const quarantined = useLiveQuery(() => store.quarantined(), [store]) ?? [];
  const [othersWaiting, setOthersWaiting] = useState<Account[]>([]);
  useEffect(() => void othersPending(session.user.id).then(setOthersWaiting), [session.user.id]);

  return (
    <Layout title="Trang chủ" active="home">
      <p class="muted">
        {session.user.displayName} · {ROLE_LABEL[session.user.role]}
      </p>
      <section class="card">
        <h2>Báo cáo đến hạn</h2>
        {!writesReports && <p class="muted">Báo cáo định kỳ do cơ quan thường trực của xã lập; tổ của thôn cập nhật tình trạng mô hình và số liệu của thôn.</p>}
        {writesReports && rules.length === 0 && <p class="muted">Đơn vị chưa có lịch báo cáo định kỳ.</p>}
        <ul class="list">
          {reports.map((r) => (
            <li class={r.state === 'missing' ? 'overdue' : ''} data-testid="due-report">
              <a href={`#/reports/${encodeURIComponent(reportIdOf(commune, r.period))}`}>
                <strong>{r.label}</strong>
              </a>
              <span>
                Hạn: trước {formatDate(r.dueAt)} —{' '}
                {waitingToSend(r)
                  ? 'đã nộp trên máy, chờ gửi lên máy chủ'
                  : r.state === 'missing'
                    ? `${TIMELINESS_LABEL.missing}, ${relativeDays(r.dueAt, now)}`
                    : relativeDays(r.dueAt, now)}
              </span>
            </li>
          ))}
        </ul>
        {overdue.length > MAX_OVERDUE_SHOWN && (
          <p class="late">… và {(overdue.length - MAX_OVERDUE_SHOWN).toLocaleString('vi-VN')} báo cáo quá hạn khác.</p>
        )}
      </section>
      {rejected.length > 0 && (
        <section class="card card-warn" data-testid="rejected">
          <h2>Máy chủ không nhận {rejected.length.toLocaleString('vi-VN')} thay đổi</h2>
          <p class="muted">Máy đã trả các ô này về giá trị máy chủ đang giữ. Nội dung bạn đã nhập còn ở đây; nếu cần, hãy báo cho cơ quan thường trực.</p>
          <ul class="list">
            {rejected.map((r) => (
              <li>
                <span>{r.message}</span>
                <span class="muted">
                  Đã nhập: {typeof r.value === 'string' ? r.value : JSON.stringify(r.value)} · {formatDateTime(r.at)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {quarantined.length > 0 && (
        <section class="card card-warn" data-testid="quarantined">
          <h2>{quarantined.length.toLocaleString('vi-VN')} dữ liệu nhận về không hợp lệ đã được để riêng</h2>
          <p class="muted">Máy vẫn đồng bộ bình thường; các dữ liệu này không được hiển thị. Hãy báo cho quản trị hệ thống.</p>
        </section>
      )}
      {othersWaiting.length > 0 && (
        <section class="card" data-testid="others-pending">
          <h2>Thay đổi của người khác trên máy này</h2>
          <p class="muted">
            {othersWaiting.map((a) => `${a.displayName}: ${a.pending.toLocaleString('vi-VN')} thay đổi`).join('; ')}. Được giữ riêng, bạn không xem được, và sẽ gửi đi khi
            người đó đăng nhập lại.
          </p>
        </section>
      )}
      {conflicted.length > 0 && (
        <section class="card card-warn">
          <h2>Có chỉnh sửa trùng nhau</h2>
          <ul class="list">
            {conflicted.map((a) => (
              <li>
                <a href={`#/models/${encodeURIComponent(a.id)}`}>{models.get(a.modelId) ? modelTitle(models.get(a.modelId)!) : a.modelId}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card">
        <h2>Mô hình lâu chưa cập nhật ({stale.length.toLocaleString('vi-VN')})</h2>
        <p class="muted">Chưa ghi nhận tình trạng trong {STALE_DAYS} ngày qua.</p>
        <ul class="list">
          {stale.map((a) => {
            const m = models.get(a.modelId);
            return (
              <li>
                <a href={`#/models/${encodeURIComponent(a.id)}`}>{m ? modelTitle(m) : a.modelId}</a>
              </li>
            );
          })}
        </ul>
      </section>
      <section class="card">
        <h2>Đồng bộ</h2>
        <p data-testid="home-pending">{pending > 0 ? `${pending.toLocaleString('vi-VN')} thay đổi đang chờ gửi lên máy chủ.` : 'Không có thay đổi nào đang chờ gửi.'}</p>
      </section>
    </Layout>
  );
}
