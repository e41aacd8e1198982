import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useOutboxCount } from '../app/data.ts';
import { m as common } from '../i18n/common.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { m } from './messages.ts';
import { formatNumber } from '../domain/text.ts';
import { requestPersistentStorage } from '../sw-bridge.ts';
import { PinSettings } from './PinSettings.tsx';
import { DevicesSettings } from './DevicesSettings.tsx';
import { ReminderSettings } from '../reminders/Reminders.tsx';
import { AdminLink } from './AdminLink.tsx';
import { PhoneSetting } from '../sms/PhoneSetting.tsx';

const mb = (bytes: number) => `${formatNumber(Math.round((bytes / 1_048_576) * 10) / 10)} MB`;

export function SettingsScreen() {
  const { session, logout, seed } = useServices();
  const pending = useOutboxCount() ?? 0;
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void navigator.storage?.estimate?.().then((e) => setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }));
    void navigator.storage?.persisted?.().then(setPersisted);
  }, []);

  function onLogout() {
    if (pending > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    void logout();
  }

  return (
    <Layout title={m.title} active="settings">
      <section class="card">
        <h2>{m.account}</h2>
        <p>
          <span lang="vi">{session.user.displayName}</span> ({session.user.username})
          <br />
          <span class="muted">{common.role(session.user.role)}</span>
        </p>
        {confirming && (
          <p class="error" role="alert">
            {m.logoutWarning(formatNumber(pending))}
          </p>
        )}
        <button type="button" class="btn-secondary" onClick={onLogout}>
          {confirming ? m.logoutAnyway : m.logout}
        </button>
      </section>
      <AdminLink />
      <section class="card" data-testid="language">
        <LanguageSwitch heading />
      </section>
      <ReminderSettings />
      <PinSettings />
      {(session.user.role === 'villageMember' || session.user.role === 'communeStanding') && <PhoneSetting />}
      <DevicesSettings />
      {/* The commune police's own list of their villages' members (the admin and unit admins have #/admin). */}
      {session.user.role === 'communeStanding' && (
        <section class="card" data-testid="members-link">
          <h2>{m.members}</h2>
          <p class="muted">{m.membersHelp}</p>
          <a class="btn-secondary" href="#/members">
            {m.openMembers}
          </a>
        </section>
      )}
      <section class="card">
        <h2>{m.storage}</h2>
        {storage ? (
          <p data-testid="storage">
            {m.storageUse(mb(storage.usage), mb(Math.max(0, storage.quota - storage.usage)))}
          </p>
        ) : (
          <p class="muted">{m.storageUnknown}</p>
        )}
        <p>
          {persisted ? m.persisted : m.notPersisted}
        </p>
        {!persisted && (
          <button type="button" class="btn-secondary" onClick={() => void requestPersistentStorage().then(setPersisted)}>
            {m.persist}
          </button>
        )}
      </section>
      <section class="card">
        <h2>{m.version}</h2>
        <p class="muted">
          {m.seedVersion}
          {seed.version}
        </p>
      </section>
    </Layout>
  );
}
