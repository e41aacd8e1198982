// Administration in the browser (a separate chunk, loaded only when someone the server lets
// administer opens it; not precached for field phones: vite.config.ts globIgnores admin-*).
//   #/admin, #/admin/units/<id>   the unit tree, one unit: names, rules, units below
//   #/admin/users/<unitId>        the unit's users
//   #/admin/import                units and users from a spreadsheet
//   #/admin/files                 catalogue and task-table (plan) files
//   #/admin/audit                 the audit log
//   #/admin/reorg                 merge, split, move (src/admin/ReorgScreen.tsx, when present)
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { m as c } from '../i18n/common.ts';
import { AdminError, adminApi, type AdminMe, type AdminUnit } from './api.ts';
import { AdminContext, type AdminContextValue } from './context.ts';
import { UnitsScreen } from './UnitsScreen.tsx';
import { UsersScreen } from './UsersScreen.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { FilesScreen } from './FilesScreen.tsx';
import { AuditScreen } from './AuditScreen.tsx';
import { m } from './messages.ts';
import './admin.css';

type RouteModule = { default: ComponentType<{ route: string[] }> };
// The reorganisation screen is another engineer's file: routed when it exists, without a build error when not.
const reorgLoader = Object.values(import.meta.glob<RouteModule>('./ReorgScreen.tsx'))[0];

export default function AdminRoute({ route }: { route: string[] }) {
  const { session } = useServices();
  const api = useMemo(() => adminApi(session.token), [session.token]);
  const [me, setMe] = useState<AdminMe | AdminError | null>(null);
  const [units, setUnits] = useState<AdminUnit[] | AdminError | null>(null);
  const reloadUnits = async () => {
    try {
      setUnits(await api.units());
    } catch (e) {
      setUnits(e instanceof AdminError ? e : new AdminError(String(e), 0, 'client'));
    }
  };
  const start = () => {
    setMe(null);
    api.me().then(
      (who) => {
        setMe(who);
        void reloadUnits();
      },
      (e: unknown) => setMe(e instanceof AdminError ? e : new AdminError(String(e), 0, 'client')),
    );
  };
  useEffect(start, [api]);

  const [, section, arg] = route;
  let body;
  if (me === null || (!(me instanceof AdminError) && units === null)) body = <p class="muted">{c.loading}</p>;
  else if (me instanceof AdminError || units instanceof AdminError) {
    const e = me instanceof AdminError ? me : (units as AdminError);
    body = (
      <div class="card" role="alert">
        <p class="error">{e.status === 403 ? m.forbidden : e.message}</p>
        {e.status !== 403 && (
          <button type="button" class="btn-secondary" onClick={start}>
            {m.retry}
          </button>
        )}
      </div>
    );
  } else {
    const list = units as AdminUnit[];
    const value: AdminContextValue = { api, me, units: list, byId: new Map(list.map((u) => [u.id, u])), reloadUnits };
    body = (
      <AdminContext.Provider value={value}>
        <Tabs me={me} section={section ?? 'units'} />
        <Section section={section ?? 'units'} arg={arg} route={route} me={me} />
      </AdminContext.Provider>
    );
  }
  return (
    <Layout title={m.title} active="admin">
      <div class="adm">{body}</div>
    </Layout>
  );
}

function Tabs({ me, section }: { me: AdminMe; section: string }) {
  const tabs: [string, string, string][] = [['units', '#/admin', m.tabUnits]];
  if (me.canAdminUnits) {
    tabs.push(['import', '#/admin/import', m.tabImport], ['files', '#/admin/files', m.tabFiles], ['audit', '#/admin/audit', m.tabAudit]);
    if (reorgLoader) tabs.push(['reorg', '#/admin/reorg', m.tabReorg]);
  }
  const current = section === 'users' ? 'units' : section;
  return (
    <nav class="adm-tabs adm-noprint" aria-label={m.sections}>
      {tabs.map(([key, href, label]) => (
        <a href={href} class={current === key ? 'active' : ''} aria-current={current === key ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function Section({ section, arg, route, me }: { section: string; arg: string | undefined; route: string[]; me: AdminMe }) {
  switch (section) {
    case 'users':
      return arg ? <UsersScreen key={arg} unitId={arg} /> : <UnitsScreen selected={null} />;
    case 'import':
      return me.canAdminUnits ? <ImportScreen /> : <UnitsScreen selected={null} />;
    case 'files':
      return me.canAdminUnits ? <FilesScreen /> : <UnitsScreen selected={null} />;
    case 'audit':
      return me.canAdminUnits ? <AuditScreen /> : <UnitsScreen selected={null} />;
    case 'reorg':
      return reorgLoader && me.canAdminUnits ? <Lazy load={reorgLoader} route={route} /> : <UnitsScreen selected={null} />;
    default:
      return <UnitsScreen selected={section === 'units' ? (arg ?? null) : null} />;
  }
}

function Lazy({ load, route }: { load: () => Promise<RouteModule>; route: string[] }) {
  const [mod, setMod] = useState<RouteModule | 'failed' | null>(null);
  useEffect(() => {
    load().then(setMod, () => setMod('failed'));
  }, [load]);
  if (mod === 'failed') return <p class="error" role="alert">{m.screenFailed}</p>;
  return mod ? <mod.default route={route} /> : <p class="muted">{c.opening}</p>;
}
