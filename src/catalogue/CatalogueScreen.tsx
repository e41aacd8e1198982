import { useMemo, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions, useStatuses } from '../app/data.ts';
import { MODEL_GROUP_ROMAN, ModelGroup, type Model } from '../domain/catalogue.ts';
import { Status } from '../domain/status.ts';
import { ModelTitle } from '../models/ModelTitle.tsx';
import { m as c } from '../i18n/common.ts';
import { m } from './messages.ts';
import { sortVi } from '../domain/text.ts';
import { filterModels, indexModels, type CatalogueFilter } from './filter.ts';

export function CatalogueScreen() {
  const { seed } = useServices();
  const adoptions = useAdoptions() ?? [];
  const statuses = useStatuses();
  const models = seed.catalogue.models;
  const index = useMemo(() => indexModels(models), [models]);
  const [filter, setFilter] = useState<CatalogueFilter>({ query: '', group: '', status: '', lead: '' });
  const adoptionByModel = new Map(adoptions.map((a) => [a.modelId, a]));
  const adopted = new Set(adoptionByModel.keys());
  const leads = sortVi([...new Set(models.flatMap((x) => (x.leadUnit ? [x.leadUnit] : [])))], (s) => s);
  const statusOf = (modelId: string) => {
    const a = adoptionByModel.get(modelId);
    return a ? statuses?.get(a.id)?.status : undefined;
  };
  const shown = filterModels(models, index, filter, statusOf, adopted);
  const set = (patch: Partial<CatalogueFilter>) => setFilter({ ...filter, ...patch });
  // A search lists its results best match first, across groups.
  const searching = filter.query.trim() !== '';
  const row = (model: Model) => {
    const a = adoptionByModel.get(model.id);
    const s = a ? statuses?.get(a.id) : undefined;
    return (
      <li class="model-row" data-testid="model-row">
        <a href={a ? `#/models/${encodeURIComponent(a.id)}` : `#/catalogue/${encodeURIComponent(model.id)}`}>
          <ModelTitle model={model} />
        </a>
        {a && (
          <span class={`chip chip-${s?.status ?? 'notStarted'}`}>
            {m.adopted} · {c.status(s?.status ?? 'notStarted')}
            {s ? ` · ${s.progress.toLocaleString('vi-VN')}%` : ''}
          </span>
        )}
      </li>
    );
  };

  return (
    <Layout title={m.title} active="catalogue">
      <p class="muted" lang="vi" data-testid="catalogue-title">
        {seed.catalogue.title}
      </p>
      <div class="filters">
        <label class="search">
          {m.search}
          <input type="search" placeholder={m.searchExample} value={filter.query} onInput={(e) => set({ query: e.currentTarget.value })} />
        </label>
        <label>
          {m.group}
          <select value={filter.group} onChange={(e) => set({ group: e.currentTarget.value as ModelGroup | '' })}>
            <option value="">{m.allGroups}</option>
            {ModelGroup.options.map((g) => (
              <option value={g}>{m.groupNo(MODEL_GROUP_ROMAN[g])}</option>
            ))}
          </select>
        </label>
        <label>
          {m.statusFilter}
          <select value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as CatalogueFilter['status'] })}>
            <option value="">{m.all}</option>
            <option value="adopted">{m.unitAdopted}</option>
            <option value="notAdopted">{m.notAdoptedYet}</option>
            {Status.options.map((s) => (
              <option value={s}>{c.status(s)}</option>
            ))}
          </select>
        </label>
        <label>
          {m.leadUnit}
          <select value={filter.lead} onChange={(e) => set({ lead: e.currentTarget.value })}>
            <option value="">{m.all}</option>
            {leads.map((l) => (
              <option value={l} lang="vi">
                {l}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted" data-testid="catalogue-count">
        {m.count(shown.length, models.length, adopted.size)}
      </p>
      {searching && shown.length > 0 && (
        <section class="group">
          <h2>{m.results}</h2>
          <ul class="list">{shown.map(row)}</ul>
        </section>
      )}
      {!searching && ModelGroup.options.map((g) => {
        const inGroup = shown.filter((x) => x.group === g);
        if (inGroup.length === 0) return null;
        return (
          <section class="group">
            <h2>
              {MODEL_GROUP_ROMAN[g]}. {c.modelGroup(g)}
            </h2>
            <ul class="list">{inGroup.map(row)}</ul>
          </section>
        );
      })}
      {shown.length === 0 && <p>{m.noMatch}</p>}
    </Layout>
  );
}
