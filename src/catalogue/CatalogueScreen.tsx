import { useMemo, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions, useStatuses } from '../app/data.ts';
import { MODEL_GROUP_LABEL, MODEL_GROUP_ROMAN, ModelGroup, modelTitle, type Model } from '../domain/catalogue.ts';
import { STATUS_LABEL, Status } from '../domain/status.ts';
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
  const leads = sortVi([...new Set(models.flatMap((m) => (m.leadUnit ? [m.leadUnit] : [])))], (s) => s);
  const statusOf = (modelId: string) => {
    const a = adoptionByModel.get(modelId);
    return a ? statuses?.get(a.id)?.status : undefined;
  };
  const shown = filterModels(models, index, filter, statusOf, adopted);
  const set = (patch: Partial<CatalogueFilter>) => setFilter({ ...filter, ...patch });
  // A search lists its results best match first, across groups.
  const searching = filter.query.trim() !== '';
  const row = (m: Model) => {
    const a = adoptionByModel.get(m.id);
    const s = a ? statuses?.get(a.id) : undefined;
    return (
      <li class="model-row" data-testid="model-row">
        <a href={a ? `#/models/${encodeURIComponent(a.id)}` : `#/catalogue/${encodeURIComponent(m.id)}`}>{modelTitle(m)}</a>
        {a && (
          <span class={`chip chip-${s?.status ?? 'notStarted'}`}>
            Đã áp dụng · {STATUS_LABEL[s?.status ?? 'notStarted']}
            {s ? ` · ${s.progress.toLocaleString('vi-VN')}%` : ''}
          </span>
        )}
      </li>
    );
  };

  return (
    <Layout title="Danh mục mô hình" active="catalogue">
      <div class="filters">
        <label class="search">
          Tìm mô hình
          <input type="search" placeholder="Ví dụ: cong dan so" value={filter.query} onInput={(e) => set({ query: e.currentTarget.value })} />
        </label>
        <label>
          Nhóm
          <select value={filter.group} onChange={(e) => set({ group: e.currentTarget.value as ModelGroup | '' })}>
            <option value="">Tất cả nhóm</option>
            {ModelGroup.options.map((g) => (
              <option value={g}>Nhóm {MODEL_GROUP_ROMAN[g]}</option>
            ))}
          </select>
        </label>
        <label>
          Tình trạng
          <select value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as CatalogueFilter['status'] })}>
            <option value="">Tất cả</option>
            <option value="adopted">Đơn vị đã áp dụng</option>
            <option value="notAdopted">Chưa áp dụng</option>
            {Status.options.map((s) => (
              <option value={s}>{STATUS_LABEL[s]}</option>
            ))}
          </select>
        </label>
        <label>
          Đơn vị chủ trì
          <select value={filter.lead} onChange={(e) => set({ lead: e.currentTarget.value })}>
            <option value="">Tất cả</option>
            {leads.map((l) => (
              <option value={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted" data-testid="catalogue-count">
        {shown.length.toLocaleString('vi-VN')}/{models.length.toLocaleString('vi-VN')} mô hình · {adopted.size.toLocaleString('vi-VN')} mô hình đã áp dụng
      </p>
      {searching && shown.length > 0 && (
        <section class="group">
          <h2>Kết quả tìm kiếm</h2>
          <ul class="list">{shown.map(row)}</ul>
        </section>
      )}
      {!searching && ModelGroup.options.map((g) => {
        const inGroup = shown.filter((m) => m.group === g);
        if (inGroup.length === 0) return null;
        return (
          <section class="group">
            <h2>
              {MODEL_GROUP_ROMAN[g]}. {MODEL_GROUP_LABEL[g]}
            </h2>
            <ul class="list">{inGroup.map(row)}</ul>
          </section>
        );
      })}
      {shown.length === 0 && <p>Không tìm thấy mô hình nào phù hợp.</p>}
    </Layout>
  );
}
