import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { othersPending, type Account } from '../db/accounts.ts';
import { canWriteReports } from '../reports/scope.ts';
import { useServices } from '../app/services.ts';
import { useAdoptions, useOutboxCount, useStatuses } from '../app/data.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { communeOf } from '../auth/access.ts';
import { reportIdOf } from '../domain/sync/ids.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { formatDate, formatDateTime } from '../domain/text.ts';
import { m as common } from '../i18n/common.ts';
import { m } from './messages.ts';
import { m as app } from '../app/messages.ts';
import { homeReports, olderOverdueLine, relativeDays } from './due-reports.ts';
import { HandoffEntry } from '../handoff/HomeEntry.tsx';
import { HomeTasks } from '../tasks/HomeTasks.tsx';
import { reportState } from './report-state.ts';
import { DueSoonCount, ReminderOffer } from '../reminders/Reminders.tsx';

const STALE_DAYS = 30;
/** An officer above the communes can have hundreds: the first ones, and how many more. */
const STALE_SHOWN = 30;
const MAX_OVERDUE_SHOWN = 3;

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
  const sent = useLiveQuery(() => reportState(store, seed.units, commune), [store, commune]);
  const submitted = sent?.map;
  const waitingToSend = (r: { periodType: string; period: string }) => !!sent?.waiting.has(`${r.periodType}|${r.period}`) && !submitted?.has(`${r.periodType}|${r.period}`);
  const listed = homeReports({ rules, submitted: submitted ?? new Map(), returned: sent?.returned ?? new Map(), now, since: sent?.since ?? now, maxOverdue: MAX_OVERDUE_SHOWN });
  const reports = [...listed.overdue, ...listed.upcoming];
  const models = new Map(seed.catalogue.models.map((m) => [m.id, m]));
  const stale = adoptions.filter((a) => {
    const s = statuses?.get(a.id);
    return !s || now - s.touchedAt > STALE_DAYS * 86_400_000;
  });
  const conflicted = adoptions.filter((a) => statuses?.get(a.id)?.conflicted);
  // An officer above a commune sees every commune's adoptions: each line names its commune, and
  // the stale list stops at STALE_SHOWN (the dashboard has them all).
  const unitNames = new Map(seed.units.map((u) => [u.id, u.name]));
  const adoptionLabel = (a: (typeof adoptions)[number]) => {
    const model = models.get(a.modelId);
    const title = model ? modelTitle(model) : a.modelId;
    return a.unitId === session.user.unitId ? title : `${title} — ${unitNames.get(a.unitId) ?? a.unitId}`;
  };
  const rejected = useLiveQuery(() => store.rejected(), [store]) ?? [];
  const quarantined = useLiveQuery(() => store.quarantined(), [store]) ?? [];
  const [othersWaiting, setOthersWaiting] = useState<Account[]>([]);
  useEffect(() => void othersPending(session.user.id).then(setOthersWaiting), [session.user.id]);

  return (
    <Layout title={m.title} active="home">
      <p class="muted">
        <span lang="vi">{session.user.displayName}</span> · {common.role(session.user.role)}
      </p>
      <HandoffEntry pending={pending} />
      <section class="card">
        <h2>{m.dueReports}</h2>
        <DueSoonCount />
        {!writesReports && <p class="muted">{m.villageNoReports}</p>}
        {writesReports && rules.length === 0 && <p class="muted">{m.noSchedule}</p>}
        {listed.returned.length > 0 && (
          <ul class="list" data-testid="returned-reports">
            {listed.returned.map((r) => (
              <li class="overdue" data-testid="due-report">
                <a href={`#/reports/${encodeURIComponent(reportIdOf(commune, r.period))}`}>
                  <strong>{r.label}</strong>
                </a>
                <span>
                  <span class="chip chip-returned">{common.phase('returned')}</span>
                  {m.fixAndResend}
                  {r.comment ? (
                    <>
                      : “<span lang="vi">{r.comment}</span>”
                    </>
                  ) : (
                    ''
                  )}
                </span>
                <span class="muted">
                  {m.due(formatDate(r.dueAt))}
                  {r.state === 'missing' ? m.notResent(relativeDays(r.dueAt, now)) : relativeDays(r.dueAt, now)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ul class="list">
          {reports.map((r) => (
            <li class={r.state === 'missing' ? 'overdue' : ''} data-testid="due-report">
              <a href={`#/reports/${encodeURIComponent(reportIdOf(commune, r.period))}`}>
                <strong>{r.label}</strong>
              </a>
              <span>
                {m.due(formatDate(r.dueAt))}
                {waitingToSend(r)
                  ? m.waitingToSend
                  : r.state === 'missing'
                    ? m.notSubmitted(relativeDays(r.dueAt, now))
                    : relativeDays(r.dueAt, now)}
              </span>
            </li>
          ))}
        </ul>
        {listed.olderOverdue > 0 && (
          <p class="late" data-testid="older-overdue">
            {olderOverdueLine(listed.olderOverdue)}
          </p>
        )}
      </section>
      <ReminderOffer />
      <HomeTasks now={now} />
      {rejected.length > 0 && (
        <section class="card card-warn" data-testid="rejected">
          <h2>{m.rejectedTitle(rejected.length)}</h2>
          <p class="muted">{m.rejectedHelp}</p>
          <ul class="list">
            {rejected.map((r) => (
              <li>
                <span>{app.serverError(r.code, r.message)}</span>
                <span class="muted">
                  {m.entered}
                  <span lang="vi">{typeof r.value === 'string' ? r.value : JSON.stringify(r.value)}</span> · {formatDateTime(r.at)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {quarantined.length > 0 && (
        <section class="card card-warn" data-testid="quarantined">
          <h2>{m.quarantinedTitle(quarantined.length)}</h2>
          <p class="muted">{m.quarantinedHelp}</p>
        </section>
      )}
      {othersWaiting.length > 0 && (
        <section class="card" data-testid="others-pending">
          <h2>{m.othersTitle}</h2>
          <p class="muted">
            {othersWaiting.map((a, i) => (
              <>
                {i > 0 && '; '}
                <span lang="vi">{a.displayName}</span>
                {m.othersChanges(a.pending)}
              </>
            ))}
            {m.othersHelp}
          </p>
        </section>
      )}
      {conflicted.length > 0 && (
        <section class="card card-warn">
          <h2>{m.conflictsTitle}</h2>
          <ul class="list">
            {conflicted.map((a) => (
              <li>
                <a href={`#/models/${encodeURIComponent(a.id)}`} lang="vi">
                  {adoptionLabel(a)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card">
        <h2>{m.staleTitle(stale.length)}</h2>
        <p class="muted">{m.staleHelp(STALE_DAYS)}</p>
        <ul class="list">
          {stale.slice(0, STALE_SHOWN).map((a) => (
            <li>
              <a href={`#/models/${encodeURIComponent(a.id)}`} lang="vi">
                {adoptionLabel(a)}
              </a>
            </li>
          ))}
        </ul>
        {stale.length > STALE_SHOWN && <p class="muted" data-testid="stale-more">{m.staleMore(stale.length - STALE_SHOWN)}</p>}
      </section>
      <section class="card">
        <h2>{m.syncTitle}</h2>
        <p data-testid="home-pending">{pending > 0 ? m.pending(pending) : m.nothingPending}</p>
      </section>
    </Layout>
  );
}
