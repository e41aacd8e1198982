import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { completion, type ChecklistTemplate } from '../domain/checklist.ts';
import { answersOf, formatCompletion } from './answers.ts';
import { checklistRecordId, checklistsFor, fillingUnit, inspectionLevel } from './scope.ts';
import { draftHasEdits, draftKeyOf } from './record-draft.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import { m as inspections } from '../inspections/messages.ts';
import './checklists.css';

interface Progress {
  ratio: number;
  hasDraft: boolean;
}

export function ChecklistsScreen() {
  const { seed, session, store } = useServices();
  const adoptions = useAdoptions();
  const unitId = fillingUnit(session.user, seed.units);
  const templates = adoptions ? checklistsFor(session.user, seed.checklists, adoptions, unitId) : undefined;
  const templateKey = templates?.map((t) => t.id).join('|');
  // Live: saving a form elsewhere (or a sync pull) updates the percentages here.
  const progress = useLiveQuery(async () => {
    const out = new Map<string, Progress>();
    for (const t of templates ?? []) {
      const recordId = checklistRecordId(t.id, unitId);
      const values = await store.values('checklist', recordId);
      const draft = await store.draft(draftKeyOf('checklist', recordId));
      out.set(t.id, { ratio: completion(t, answersOf(values)), hasDraft: draftHasEdits(draft) });
    }
    return out;
  }, [store, unitId, templateKey]);
  const unitName = seed.units.find((u) => u.id === unitId)?.name ?? unitId;

  if (!templates) {
    return (
      <Layout title={m.title} active="checklists">
        <p>{c.loading}</p>
      </Layout>
    );
  }
  const inspection = templates.filter((t) => t.kind === 'inspection');
  const tasks = templates.filter((t) => t.kind === 'modelTasks');
  return (
    <Layout title={m.title} active="checklists">
      <p class="muted">
        {m.answeringFor} <span lang="vi">{unitName}</span>
      </p>
      {/* Campaigns (src/inspections/): the outline answered for one inspection, its schedule and conclusion. */}
      {(inspectionLevel(session.user.role) !== null || session.user.role === 'provinceOfficer' || session.user.role === 'admin') && (
        <p class="card">
          <a href="#/inspections" data-testid="inspections-link">
            {inspections.entry}
          </a>
        </p>
      )}
      {templates.length === 0 && <p class="card">{m.noChecklists}</p>}
      {inspection.length > 0 && (
        <section class="card">
          <h2>{m.inspection}</h2>
          <TemplateList templates={inspection} progress={progress} />
        </section>
      )}
      {tasks.length > 0 && (
        <section class="card">
          <h2>{m.modelTasks(tasks.length)}</h2>
          <TemplateList templates={tasks} progress={progress} />
        </section>
      )}
    </Layout>
  );
}

function TemplateList({ templates, progress }: { templates: ChecklistTemplate[]; progress: Map<string, Progress> | undefined }) {
  return (
    <ul class="list cl-list">
      {templates.map((t) => {
        const p = progress?.get(t.id);
        const items = t.sections.reduce((n, s) => n + s.items.length, 0);
        return (
          <li data-testid={`checklist-${t.id}`}>
            <a href={`#/checklists/${encodeURIComponent(t.id)}`} class="cl-list-link">
              <span class="cl-list-title" lang="vi">
                {t.title}
              </span>
              <span class="cl-list-meta">
                <strong class="cl-list-percent">{p ? formatCompletion(p.ratio) : '…'}</strong>
                <span class="muted">{m.questions(items)}</span>
                {p?.hasDraft && <span class="chip">{m.hasDraft}</span>}
              </span>
              <progress max={1} value={p?.ratio ?? 0} aria-hidden="true" />
            </a>
          </li>
        );
      })}
    </ul>
  );
}
