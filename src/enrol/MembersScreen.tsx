// #/members — the commune police's accounts of their villages' members: create one, sign its
// phone in with a one-time QR code (no password typed on a cheap phone), and cut off a lost
// phone in one tap from the member's entry. A lazy chunk; it needs a network.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { adminApi, type AdminUser } from '../admin/api.ts';
import { formatDateTime } from '../domain/text.ts';
import { m as settings } from '../settings/messages.ts';
import { enrolApi, type EnrolCode, type Phone } from './api.ts';
import { EnrolQr } from './EnrolQr.tsx';
import { m } from './messages.ts';

interface Member extends AdminUser {
  phones: Phone[] | null;
}

export default function MembersScreen() {
  const { session } = useServices();
  const admin = useMemo(() => adminApi(session.token), [session.token]);
  const api = useMemo(() => enrolApi(session.token), [session.token]);
  const villages = session.units.filter((u) => u.level === 'village' && u.parentId === session.user.unitId);
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<{ code: EnrolCode; displayName: string } | null>(null);

  async function load() {
    try {
      // The commune's subtree: its villages' members (and nobody the server would not let this person administer).
      const users = (await admin.users(session.user.unitId)).filter((u) => u.role === 'villageMember' && villageName.has(u.unitId));
      const withPhones = await Promise.all(users.map(async (u) => ({ ...u, phones: await api.phones(u.username).catch(() => null) })));
      setMembers(withPhones.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.displayName.localeCompare(b.displayName, 'vi')));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : m.needsNetwork);
    }
  }
  useEffect(() => void load(), [session.token]);

  async function showCode(username: string, displayName: string) {
    try {
      setShown({ code: await api.code(username), displayName });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : m.needsNetwork);
    }
  }

  async function revoke(deviceId: string) {
    try {
      await api.revoke(deviceId);
      setNotice(m.revoked);
      await load();
    } catch {
      setError(m.revokeFailed);
    }
  }

  return (
    <Layout title={m.title} active="settings" back={{ href: '#/settings', label: settings.title }}>
      <p class="muted">{m.help}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      {shown && (
        <EnrolQr
          code={shown.code}
          displayName={shown.displayName}
          onNewCode={() => void showCode(shown.code.username, shown.displayName)}
          onDone={() => {
            setShown(null);
            void load();
          }}
        />
      )}
      <AddMember
        villages={villages}
        create={async (input) => {
          const { user } = await admin.createUser({ ...input, role: 'villageMember' });
          await showCode(user.username, user.displayName);
          await load();
        }}
      />
      <section class="card" data-testid="members">
        <h2>{m.membersTitle}</h2>
        {members?.length === 0 && <p class="muted">{m.noMembers}</p>}
        <ul class="list">
          {members?.map((u) => (
            <li data-testid="member">
              <span>
                <strong lang="vi">{u.displayName}</strong> ({u.username}) · <span lang="vi">{villageName.get(u.unitId)}</span>
                {u.active ? '' : m.inactive}
              </span>
              {u.active && (
                <button type="button" class="btn-secondary" onClick={() => void showCode(u.username, u.displayName)}>
                  {m.showQr}
                </button>
              )}
              <MemberPhones phones={u.phones} revoke={(id) => void revoke(id)} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function MemberPhones({ phones, revoke }: { phones: Phone[] | null; revoke: (id: string) => void }) {
  if (phones === null) return null;
  const live = phones.filter((p) => !p.revoked);
  if (live.length === 0) return <span class="muted">{m.noPhone}</span>;
  return (
    <ul class="list" data-testid="member-phones">
      {live.map((p, i) => (
        <li>
          <span class="muted">
            {m.phone(i + 1)}
            {p.createdAt ? settings.since(formatDateTime(p.createdAt)) : ''}
            {p.lastSeenAt ? settings.lastSeen(formatDateTime(p.lastSeenAt)) : ''}
          </span>
          <button type="button" class="btn-secondary" onClick={() => revoke(p.id)}>
            {m.revoke}
          </button>
        </li>
      ))}
    </ul>
  );
}

function AddMember({ villages, create }: { villages: { id: string; name: string }[]; create: (input: { username: string; displayName: string; unitId: string }) => Promise<void> }) {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [unitId, setUnitId] = useState(villages[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!displayName.trim() || !username.trim() || !unitId) return setError(m.missingFields);
    setBusy(true);
    setError(null);
    try {
      await create({ username: username.trim().toLowerCase(), displayName: displayName.trim(), unitId });
      setDisplayName('');
      setUsername('');
    } catch (err) {
      setError(err instanceof Error ? err.message : m.needsNetwork);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card">
      <h2>{m.addTitle}</h2>
      <form onSubmit={submit} noValidate>
        <label>
          {m.displayName}
          <input name="displayName" lang="vi" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
        <label>
          {m.username}
          <input name="username" autocapitalize="none" autocomplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          <span class="muted">{m.usernameHelp}</span>
        </label>
        <label>
          {m.village}
          <select name="village" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            {villages.map((v) => (
              <option value={v.id} lang="vi">
                {v.name}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary" disabled={busy}>
          {busy ? m.creating : m.create}
        </button>
      </form>
    </section>
  );
}
