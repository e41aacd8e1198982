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
      // "Mô hình 24" reads "Model 24" in the English interface: either finds it.
      searchKey([m.number ? `mo hinh ${m.number} model ${m.number}` : '', m.name, ...m.objectives, m.leadUnit ?? '', ...m.platforms].join(' ')),
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
  const found = models.filter((m) => {
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
  if (words.length === 0) return found;
  // Best match first; equal ranks keep the catalogue's order (sort is stable).
  const rank = new Map(found.map((m) => [m.id, matchRank(m, index.get(m.id) ?? '', words)]));
  return found.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

const wordsOf = (key: string) => ` ${key.replace(/[^a-z0-9]+/g, ' ').trim()} `;

/**
 * How well a model matches the query's words (lower is better): the words as typed, in order,
 * in its name, then anywhere; then each as a whole word in the name, then anywhere; then only
 * inside longer words ("so" in "ho so"). So "cong dan so" finds "công dân số" first.
 */
export function matchRank(model: Pick<Model, 'name'>, indexKey: string, words: readonly string[]): number {
  const name = wordsOf(searchKey(model.name));
  const all = wordsOf(indexKey);
  const phrase = ` ${words.join(' ')} `;
  if (name.includes(phrase)) return 0;
  if (all.includes(phrase)) return 1;
  const whole = (text: string) => words.every((w) => text.includes(` ${w} `));
  if (whole(name)) return 2;
  if (whole(all)) return 3;
  return 4;
}
