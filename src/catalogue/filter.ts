import type { Model, ModelGroup } from '../domain/catalogue.ts';
import type { Status } from '../domain/status.ts';
import { searchKey } from '../domain/text.ts';

export interface CatalogueFilter {
  query: string;
  group: ModelGroup | '';
  /** '' any; 'adopted' / 'notAdopted'; or a status of an adopted model. */
  status: Status | 'adopted' | 'notAdopted' | '';
  lead: string;
}

/** Precomputed search keys, so typing in the search box does not re-normalise 30 models × every field. */
export function indexModels(models: readonly Model[]): Map<string, string> {
  return new Map(
    models.map((m) => [
      m.id,
      searchKey([m.number ? `mo hinh ${m.number}` : '', m.name, ...m.objectives, m.leadUnit ?? '', ...m.platforms].join(' ')),
    ]),
  );
}

export function filterModels(
  models: readonly Model[],
  index: ReadonlyMap<string, string>,
  f: CatalogueFilter,
  statusOf: (modelId: string) => Status | undefined,
  adopted: ReadonlySet<string>,
): Model[] {
  const words = searchKey(f.query).split(' ').filter(Boolean);
  return models.filter((m) => {
    if (f.group && m.group !== f.group) return false;
    if (f.lead && m.leadUnit !== f.lead) return false;
    if (f.status === 'adopted' && !adopted.has(m.id)) return false;
    if (f.status === 'notAdopted' && adopted.has(m.id)) return false;
    if (f.status && f.status !== 'adopted' && f.status !== 'notAdopted') {
      if (!adopted.has(m.id) || (statusOf(m.id) ?? 'notStarted') !== f.status) return false;
    }
    const key = index.get(m.id) ?? '';
    return words.every((w) => key.includes(w));
  });
}
