// Report reminders on the phone (issue 15): the runner that hands the plan to the service
// worker whenever the app opens or the person's reports change (src/sw.ts shows what is due, and
// again on Periodic Background Sync where the browser allows it), the offer that asks for the
// notification permission after the person's first report, and the settings card.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { communeOf } from '../auth/access.ts';
import { reportState } from '../home/report-state.ts';
import type { LocalStore } from '../db/store.ts';
import { reportIdOf } from '../domain/sync/ids.ts';
import { formatDate } from '../domain/text.ts';
import { canWriteReports } from '../reports/scope.ts';
import { m as common } from '../i18n/common.ts';
import { askNotificationPermission, notificationPermission, scheduleReminders, type NotificationPermissionState } from '../sw-bridge-reminders.ts';
import { DAYS_BEFORE_CHOICES, nextReminderAt, planReminders, remindedCount, type Reminder, type ReminderNotice, type ReminderPrefs } from './plan.ts';
import { owedReports, type OwedPeriod } from './owed.ts';
import { dismissOffer, loadPrefs, offerDismissed, onPrefsChange, savePrefs } from './prefs.ts';
import { m } from './messages.ts';
import './reminders.css';

/** setTimeout's ceiling is ~24.8 days; the plan is re-made at least daily anyway. */
const MAX_WAIT_MS = 86_400_000;

function usePrefs(userId: string): [ReminderPrefs | null, (p: ReminderPrefs) => void] {
  const [prefs, setPrefs] = useState<ReminderPrefs | null>(null);
  useEffect(() => {
    const load = () => void loadPrefs(userId).then(setPrefs);
    load();
    return onPrefsChange(load);
  }, [userId]);
  return [prefs, (p) => void savePrefs(userId, p)];
}

/** The signed-in person's reports that reminders are about, and their commune. */
function useOwed(): { owed: OwedPeriod[]; commune: string } | undefined {
  const { store, seed, session } = useServices();
  const commune = communeOf(session.user, seed.units);
  const rules = canWriteReports(session.user.role) ? (seed.reportingRules.find((r) => r.unitId === commune)?.rules ?? []) : [];
  const state = useLiveQuery(() => reportState(store, seed.units, commune), [store, commune]);
  if (!state) return undefined;
  return { owed: owedReports(rules, state, Date.now()), commune };
}

function notice(r: Reminder, prefs: ReminderPrefs, commune: string, period: string): ReminderNotice {
  const label = common.report(period);
  const date = formatDate(r.dueAt);
  return {
    ...r,
    title: r.kind === 'before' ? m.beforeTitle(label) : m.lastDayTitle(label),
    body: r.kind === 'before' ? m.beforeBody(date, prefs.daysBefore) : m.lastDayBody(date),
    url: `/#/reports/${encodeURIComponent(reportIdOf(commune, period))}`,
  };
}

/** Mounted once in the shell: plans, hands over, and wakes itself for the next reminder while the app stays open. */
export function ReminderRunner() {
  const { session } = useServices();
  const [prefs] = usePrefs(session.user.id);
  const owed = useOwed();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!prefs || !owed) return;
    const now = Date.now();
    const periods = new Map(owed.owed.map((o) => [o.key, o.period]));
    const plan = planReminders(owed.owed, prefs, now);
    void scheduleReminders(session.user.id, plan.map((r) => notice(r, prefs, owed.commune, periods.get(r.key)!)), now);
    const next = nextReminderAt(plan, now);
    const timer = setTimeout(() => setTick((t) => t + 1), Math.min(MAX_WAIT_MS, Math.max(1_000, (next ?? now + MAX_WAIT_MS) - now)));
    return () => clearTimeout(timer);
    // Re-plan when the reports or the settings change, or when the next reminder falls due.
  }, [prefs, owed?.owed.map((o) => o.key).join(','), tick]);
  return null;
}

/** How many reports are inside their reminder window: Home shows it beside its list. */
export function DueSoonCount() {
  const { session } = useServices();
  const [prefs] = usePrefs(session.user.id);
  const owed = useOwed();
  if (!prefs || !owed) return null;
  const count = remindedCount(planReminders(owed.owed, { ...prefs, enabled: true }, Date.now()), Date.now());
  return count > 0 ? (
    <p class="late" data-testid="due-soon">
      {m.dueSoon(count)}
    </p>
  ) : null;
}

/** A report this person submitted (a version they wrote): the moment reminders make sense to them. */
export const hasSubmitted = async (store: LocalStore, userId: string): Promise<boolean> =>
  (await store.db.changes
    .where('[coll+id]')
    .between(['reportVersion', ''], ['reportVersion', '\uffff'])
    .filter((c) => c.author === userId)
    .count()) > 0;

/**
 * On Home, once the person has submitted a report on this phone and has not decided yet: why
 * reminders help, and the one button that asks the browser. Never shown on first load.
 */
export function ReminderOffer() {
  const { session, store } = useServices();
  const [prefs] = usePrefs(session.user.id);
  const submitted = useLiveQuery(() => hasSubmitted(store, session.user.id), [store, session.user.id]);
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission());
  const [dismissed, setDismissed] = useState<boolean | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  useEffect(() => void offerDismissed(session.user.id).then(setDismissed), [session.user.id]);
  if (answer)
    return (
      <p class={permission === 'granted' ? 'ok' : 'muted'} role="status" data-testid="reminder-answer">
        {answer}
      </p>
    );
  if (!prefs?.enabled || dismissed !== false || permission !== 'default' || !submitted) return null;
  return (
    <section class="card" data-testid="reminder-offer">
      <h2>{m.offerTitle}</h2>
      <p>{prefs.daysBefore > 0 ? m.offerText(prefs.daysBefore) : m.offerTextLastDay}</p>
      <button
        type="button"
        class="btn-primary"
        onClick={() =>
          void askNotificationPermission().then((p) => {
            setPermission(p);
            setAnswer(p === 'granted' ? m.enabled : p === 'unsupported' ? m.unsupported : m.denied);
          })
        }
      >
        {m.enable}
      </button>{' '}
      <button type="button" class="btn-small" onClick={() => void dismissOffer(session.user.id).then(() => setDismissed(true))}>
        {m.later}
      </button>
    </section>
  );
}

/** Settings → "Nhắc hạn báo cáo": on/off, how many days before, the last day's morning. */
export function ReminderSettings() {
  const { session } = useServices();
  const [prefs, save] = usePrefs(session.user.id);
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission());
  if (!canWriteReports(session.user.role) || !prefs) return null;
  return (
    <section class="card" data-testid="reminder-settings">
      <h2>{m.settingsTitle}</h2>
      <p class="muted">{m.settingsHelp}</p>
      <label class="check">
        <input type="checkbox" checked={prefs.enabled} onChange={(e) => save({ ...prefs, enabled: e.currentTarget.checked })} /> {m.on}
      </label>
      {prefs.enabled && (
        <>
          <label>
            {m.daysBefore}
            <select value={String(prefs.daysBefore)} onChange={(e) => save({ ...prefs, daysBefore: Number(e.currentTarget.value) })}>
              {DAYS_BEFORE_CHOICES.map((n) => (
                <option value={String(n)}>{m.days(n)}</option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={prefs.morningOf} onChange={(e) => save({ ...prefs, morningOf: e.currentTarget.checked })} /> {m.morningOf}
          </label>
          {permission === 'default' && (
            <button type="button" class="btn-secondary" onClick={() => void askNotificationPermission().then(setPermission)}>
              {m.allow}
            </button>
          )}
          {permission === 'denied' && <p class="muted">{m.denied}</p>}
          {permission === 'unsupported' && <p class="muted">{m.unsupported}</p>}
        </>
      )}
    </section>
  );
}
