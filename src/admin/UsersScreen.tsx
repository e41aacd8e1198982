// The users of one unit: create (a one-time code to hand over when no password is given),
// correct the name, change role or unit (the phone signs in again and says why), the admin
// right, deactivate / activate, reset the password (the code is shown once), sign out of
// every phone.
import { useEffect, useState } from 'preact/hooks';
import { Role, type Role as RoleCode } from '../domain/people.ts';
import { ancestry, type OrgLevel } from '../domain/org.ts';
import { formatDateTime, sortVi } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import { AdminError, type AdminUser, type OneTimeCode } from './api.ts';
import { useAdmin } from './context.ts';
import { ActionStatus, Check, SelectField, TextField, useAction } from './ui.tsx';
import { m } from './messages.ts';

/** The level a role's unit is at (as the server's validation: sync-server/admin/commands.ts). */
const ROLE_LEVEL: Partial<Record<RoleCode, OrgLevel>> = {
  villageMember: 'village',
  communeStanding: 'commune',
  communeLeader: 'commune',
  districtOfficer: 'district',
  provinceOfficer: 'province',
};
/** Nobody grants a role above their own (the server refuses it too). */
const ROLE_RANK: Record<RoleCode, number> = { villageMember: 0, communeStanding: 1, communeLeader: 1, districtOfficer: 2, provinceOfficer: 3, admin: 4 };
const OFFICER_ROLES: readonly RoleCode[] = ['districtOfficer', 'provinceOfficer'];

export const when = (t: number | string) => formatDateTime(typeof t === 'number' ? t : Date.parse(t));

function useRoles(): RoleCode[] {
  const { me } = useAdmin();
  if (me.role === 'admin') return [...Role.options];
  if (!me.canAdminUnits) return ['villageMember'];
  return Role.options.filter((r) => r !== 'admin' && ROLE_RANK[r] <= ROLE_RANK[me.role]);
}

export function UsersScreen({ unitId }: { unitId: string }) {
  const { api, byId } = useAdmin();
  const unit = byId.get(unitId);
  const [users, setUsers] = useState<AdminUser[] | AdminError | null>(null);
  const load = async () => {
    try {
      setUsers(await api.users(unitId));
    } catch (e) {
      setUsers(e instanceof AdminError ? e : new AdminError(String(e), 0, 'client'));
    }
  };
  useEffect(() => void load(), [unitId]);
  const list = Array.isArray(users) ? sortVi(users, (u) => u.displayName) : [];
  return (
    <>
      <a class="back-link" href={`#/admin/units/${encodeURIComponent(unitId)}`}>
        {'\u2190\u00a0'}
        <span lang="vi">{unit?.name ?? unitId}</span>
      </a>
      <h2 class="subtitle">
        {m.usersTitle} <span lang="vi">{unit?.name ?? unitId}</span>
      </h2>
      <div class="adm-split">
        <section class="card adm-users" aria-label={m.usersTitle} data-testid="user-list">
          {users === null && <p class="muted">{c.loading}</p>}
          {users instanceof AdminError && (
            <p class="error" role="alert">
              {users.message}
            </p>
          )}
          {Array.isArray(users) && list.length === 0 && <p class="muted">{m.noUsers}</p>}
          <ul class="list">
            {list.map((u) => (
              <UserRow key={u.id} user={u} unitId={unitId} onChanged={load} />
            ))}
          </ul>
        </section>
        <div class="adm-detail">{unit && <CreateUserForm unitId={unitId} level={unit.level} onCreated={load} />}</div>
      </div>
    </>
  );
}

/** A one-time code, shown once: whoever hands it over must write it down now. */
export function CodeBox({ username, code }: { username: string; code: OneTimeCode }) {
  return (
    <div class="adm-code" role="status" data-testid="one-time-code">
      <p>{m.codeFor(username)}</p>
      <p class="adm-code-value" translate={false}>
        {code.code}
      </p>
      <p class="muted">{m.codeOnce(when(code.expiresAt))}</p>
    </div>
  );
}

function UserRow({ user, unitId, onChanged }: { user: AdminUser; unitId: string; onChanged: () => Promise<void> }) {
  const { api, byId } = useAdmin();
  const action = useAction();
  const [code, setCode] = useState<OneTimeCode | null>(null);
  const act = (f: () => Promise<string>) =>
    void action.run(async () => {
      const said = await f();
      await onChanged();
      return said;
    });
  return (
    <li data-testid={`user-${user.username}`} class={user.active ? '' : 'adm-inactive'}>
      <span>
        <strong lang="vi">{user.displayName}</strong> <span class="muted">({user.username})</span>
      </span>
      <span class="muted">
        {c.role(user.role)}
        {user.unitId !== unitId && (
          <>
            {' · '}
            <span lang="vi">{byId.get(user.unitId)?.name ?? user.unitId}</span>
          </>
        )}
      </span>
      {(!user.active || user.canAdmin) && (
        <span class="adm-chips">
          {!user.active && <span class="chip chip-off">{m.inactive}</span>}
          {user.canAdmin && <span class="chip">{m.canAdminChip}</span>}
        </span>
      )}
      <details class="adm-actions">
        <summary>{m.actions}</summary>
        <EditUserForm user={user} onSaved={onChanged} />
        <div class="adm-buttons">
          <button type="button" class="btn-secondary" disabled={action.busy} onClick={() => act(async () => (await api.setActive(user.id, !user.active), user.active ? m.deactivated : m.activated))}>
            {user.active ? m.deactivate : m.activate}
          </button>
          <button
            type="button"
            class="btn-secondary"
            disabled={action.busy || !user.active}
            onClick={() =>
              void action.run(async () => {
                setCode(await api.reset(user.id));
              })
            }
          >
            {m.resetPassword}
          </button>
          <button type="button" class="btn-secondary" disabled={action.busy} onClick={() => act(async () => m.revoked(await api.revokeSessions(user.id)))}>
            {m.revokeSessions}
          </button>
        </div>
        {code && <CodeBox username={user.username} code={code} />}
        <ActionStatus action={action} shown={[]} />
      </details>
    </li>
  );
}

function unitOptions(units: ReturnType<typeof useAdmin>['units'], byId: ReturnType<typeof useAdmin>['byId'], role: string): [string, string][] {
  const level = ROLE_LEVEL[role as RoleCode];
  const fit = units.filter((u) => !u.closedOn && (!level || u.level === level));
  return sortVi(fit, (u) => u.name).map((u) => {
    const up = ancestry(u.id, byId)[1];
    return [u.id, up ? `${u.name} — ${up.name}` : u.name];
  });
}

function EditUserForm({ user, onSaved }: { user: AdminUser; onSaved: () => Promise<void> }) {
  const { api, units, byId, me } = useAdmin();
  const roles = useRoles();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<string>(user.role);
  const [unitId, setUnitId] = useState(user.unitId);
  const [canAdmin, setCanAdmin] = useState(user.canAdmin);
  const action = useAction();
  const options = unitOptions(units, byId, role);
  if (!options.some(([id]) => id === unitId)) options.unshift([unitId, byId.get(unitId)?.name ?? unitId]);
  const submit = (e: Event) => {
    e.preventDefault();
    const patch: { displayName?: string; role?: string; unitId?: string; canAdmin?: boolean } = {};
    if (displayName.normalize('NFC').trim() !== user.displayName) patch.displayName = displayName.normalize('NFC').trim();
    if (role !== user.role) patch.role = role;
    if (unitId !== user.unitId) patch.unitId = unitId;
    if (canAdmin !== user.canAdmin) patch.canAdmin = canAdmin;
    void action.run(async () => {
      if (Object.keys(patch).length === 0) return m.nothingChanged;
      await api.patchUser(user.id, patch);
      await onSaved();
      return patch.role || patch.unitId ? m.movedNote : m.saved;
    });
  };
  return (
    <form onSubmit={submit} noValidate class="adm-edit" aria-label={m.editUser(user.username)}>
      <TextField label={m.displayName} field="displayName" value={displayName} onValue={setDisplayName} error={action.error} lang="vi" />
      <SelectField label={m.role} field="role" value={role} onValue={setRole} error={action.error} options={(roles.includes(user.role) ? roles : [user.role, ...roles]).map((r) => [r, c.role(r)])} />
      <SelectField label={m.unit} field="unitId" value={unitId} onValue={setUnitId} error={action.error} options={options} />
      {me.canAdminUnits && OFFICER_ROLES.includes(role as RoleCode) && (
        <Check label={m.canAdminLabel} checked={canAdmin} onValue={setCanAdmin} />
      )}
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {action.busy ? m.saving : m.save}
      </button>
      <ActionStatus action={action} shown={['displayName', 'role', 'unitId']} />
    </form>
  );
}

function CreateUserForm({ unitId, level, onCreated }: { unitId: string; level: OrgLevel; onCreated: () => Promise<void> }) {
  const { api, me } = useAdmin();
  const roles = useRoles();
  const fitting = roles.filter((r) => ROLE_LEVEL[r] === level);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string>(fitting[0] ?? roles[0] ?? 'villageMember');
  const [password, setPassword] = useState('');
  const [canAdmin, setCanAdmin] = useState(false);
  const [issued, setIssued] = useState<{ username: string; code: OneTimeCode } | null>(null);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    setIssued(null);
    void action.run(async () => {
      const answer = await api.createUser({
        username: username.trim().toLowerCase(),
        displayName: displayName.normalize('NFC').trim(),
        role,
        unitId,
        ...(canAdmin && OFFICER_ROLES.includes(role as RoleCode) ? { canAdmin: true } : {}),
        ...(password ? { password } : {}),
      });
      if (answer.code) setIssued({ username: answer.user.username, code: answer.code });
      setUsername('');
      setDisplayName('');
      setPassword('');
      await onCreated();
      return m.userCreated(answer.user.username);
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={m.addUser} data-testid="create-user">
      <h2>{m.addUser}</h2>
      <TextField label={m.username} field="username" value={username} onValue={setUsername} error={action.error} autocapitalize="none" autocomplete="off" spellcheck={false} />
      <TextField label={m.displayName} field="displayName" value={displayName} onValue={setDisplayName} error={action.error} lang="vi" />
      <SelectField label={m.role} field="role" value={role} onValue={setRole} error={action.error} options={(fitting.length ? fitting : roles).map((r) => [r, c.role(r)])} />
      {me.canAdminUnits && OFFICER_ROLES.includes(role as RoleCode) && (
        <Check label={m.canAdminLabel} checked={canAdmin} onValue={setCanAdmin} />
      )}
      <TextField label={m.passwordOptional} field="password" type="password" autocomplete="new-password" value={password} onValue={setPassword} error={action.error} />
      <p class="muted">{m.passwordHint}</p>
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {action.busy ? m.saving : m.create}
      </button>
      <ActionStatus action={action} shown={['username', 'displayName', 'role', 'password']} />
      {issued && <CodeBox username={issued.username} code={issued.code} />}
    </form>
  );
}
