import type { Model } from '../domain/catalogue.ts';
import { m } from './messages.ts';

/**
 * modelTitle() on screen: "Mô hình 24: <name>". The number's wording is interface; the name is
 * catalogue data and stays Vietnamese in both languages, marked so.
 */
export function ModelTitle({ model }: { model: Pick<Model, 'number' | 'name'> }) {
  const name = <span lang="vi">{model.name}</span>;
  return model.number === null ? name : (
    <>
      {m.modelNo(model.number)}: {name}
    </>
  );
}
