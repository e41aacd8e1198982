import type { Model } from '../domain/catalogue.ts';
import { m } from './messages.ts';

/**
 * modelTitle() in the interface language, as plain text where markup cannot go (a title
 * attribute): "Mô hình 24: <name>" / "Model 24: <name>". Screens use <ModelTitle>, which marks
 * the (Vietnamese) name.
 */
export const modelTitleText = (model: Pick<Model, 'number' | 'name'>): string => (model.number === null ? model.name : `${m.modelNo(model.number)}: ${model.name}`);
