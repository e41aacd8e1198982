// The model catalogue and task tables (plans) from their JSON files, validated by the server
// with the same schemas as `npm run admin -- import-catalogue` and the seeds.
import { useState } from 'preact/hooks';
import { AdminError } from './api.ts';
import { useAdmin } from './context.ts';
import { ActionStatus, useAction, type Action } from './ui.tsx';
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

export function FilesScreen() {
  const { api } = useAdmin();
  return (
    <>
      <JsonUpload title={m.catalogueTitle} intro={m.catalogueIntro} testid="catalogue-upload" send={async (body) => m.catalogueDone(await api.catalogue(body))} />
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
