// The model catalogue and task tables (plans) from their JSON files, validated by the server
// with the same schemas as `npm run admin -- import-catalogue` and the seeds; and the names of
// the essential-service rows the source lost (sync-server/admin-api/service-names.ts).
import { useEffect, useState } from 'preact/hooks';
import { m as c } from '../i18n/common.ts';
import { AdminError, type ServiceNameRow } from './api.ts';
import { useAdmin } from './context.ts';
import { ActionStatus, TextField, useAction, type Action } from './ui.tsx';
import { m } from './messages.ts';

async function readJson(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    throw new AdminError(m.notJson(file.name), 0, 'client');
  }
}

function JsonUpload({ title, intro, testid, send }: { title: string; intro: string; testid: string; send: (body: unknown) => Promise<string> }) {
  const action: Action = useAction();
  const [name, setName] = useState<string | null>(null);
  return (
    <section class="card" data-testid={testid}>
      <h2>{title}</h2>
      <p class="muted">{intro}</p>
      <label>
        {m.chooseJson}
        <input
          type="file"
          accept=".json,application/json"
          disabled={action.busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            setName(file.name);
            void action.run(async () => send(await readJson(file)));
          }}
        />
      </label>
      {action.busy && name && <p role="status">{m.uploading(name)}</p>}
      <ActionStatus action={action} shown={[]} />
    </section>
  );
}

/** One lost row: its name and where it was taken from, both required by the server. */
function ServiceNameForm({ row, onSaved }: { row: ServiceNameRow; onSaved: () => void }) {
  const { api } = useAdmin();
  const action = useAction();
  const [name, setName] = useState(row.name ?? '');
  const [source, setSource] = useState(row.source ?? '');
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.nameService({ id: row.id, name, source });
      onSaved();
      return m.serviceNamed(row.id);
    });
  };
  return (
    <form onSubmit={submit} noValidate class="adm-edit" aria-label={m.serviceRow(row.id)} data-testid={`service-name-${row.id}`}>
      <h3>{m.serviceRow(row.id)}</h3>
      {row.name === null && <p class="muted">{m.serviceUnnamed}</p>}
      <TextField label={m.serviceName} field="name" value={name} onValue={setName} error={action.error} lang="vi" />
      <TextField label={m.serviceSource} field="source" value={source} onValue={setSource} error={action.error} lang="vi" />
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {m.save}
      </button>
      <ActionStatus action={action} shown={['name', 'source']} />
    </form>
  );
}

function ServiceNames() {
  const { api } = useAdmin();
  const [rows, setRows] = useState<ServiceNameRow[] | AdminError | null>(null);
  const load = async () => {
    try {
      setRows(await api.serviceNames());
    } catch (e) {
      setRows(e instanceof AdminError ? e : new AdminError(String(e), 0, 'client'));
    }
  };
  useEffect(() => void load(), [api]);
  return (
    <section class="card" data-testid="service-names">
      <h2>{m.serviceNamesTitle}</h2>
      <p class="muted">{m.serviceNamesIntro}</p>
      {rows === null && <p class="muted">{c.loading}</p>}
      {rows instanceof AdminError && (
        <p class="error" role="alert">
          {rows.message}
        </p>
      )}
      {Array.isArray(rows) && rows.map((row) => <ServiceNameForm key={row.id} row={row} onSaved={() => void load()} />)}
    </section>
  );
}

export function FilesScreen() {
  const { api, me } = useAdmin();
  return (
    <>
      <JsonUpload title={m.catalogueTitle} intro={m.catalogueIntro} testid="catalogue-upload" send={async (body) => m.catalogueDone(await api.catalogue(body))} />
      {/* The whole province's sheet: the system administrator's (the server refuses anyone else). */}
      {me.role === 'admin' && <ServiceNames />}
      <JsonUpload
        title={m.planTitle}
        intro={m.planIntro}
        testid="plan-upload"
        send={async (body) => {
          const r = await api.plan(body);
          return m.planDone(r.planId, r.tasks);
        }}
      />
    </>
  );
}
