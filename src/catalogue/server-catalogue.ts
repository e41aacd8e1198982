// The server's catalogue (GET /api/catalogue: an administrator's import, or a version made when
// an administrator named a lost service row), kept on the phone so it applies offline too. At
// start the kept answer is applied to the seed without waiting on the network (Shell.tsx); the
// answer is then revalidated in the background by its ETag and, when it changed, applied at once.
// One per phone, not per person: the catalogue is public, the same for everyone.
import { forgetKept, keptAnswer, revalidateKept } from '../app/kept-answer.ts';
import * as z from 'zod/mini';
import { Catalogue, type Model } from '../domain/catalogue.ts';
import { catalogueModelsNewer, withServiceNames } from '../domain/service-names.ts';
import type { SeedBundle } from '../seed/schema.ts';
import { SERVER_CATALOGUE_KEY as KEY } from './server-catalogue-key.ts';

const Answer = z.object({ catalogue: Catalogue });

function readAnswer(raw: unknown): Catalogue | undefined {
  const parsed = Answer.safeParse(raw);
  return parsed.success ? parsed.data.catalogue : undefined;
}

/** The server's catalogue as last fetched; undefined when none was kept (or it no longer parses). */
export async function keptServerCatalogue(): Promise<Catalogue | undefined> {
  const kept = await keptAnswer(KEY);
  return kept ? readAnswer(kept.answer) : undefined;
}

/**
 * Revalidates the kept catalogue (an unchanged one answers 304 to the kept ETag) and keeps a
 * new answer. `changed` is false when what is kept still stands; null when the server could
 * not be asked (offline, an error): what is kept stays.
 */
export async function refreshServerCatalogue(fetcher: typeof fetch = fetch): Promise<{ catalogue: Catalogue | undefined; changed: boolean } | null> {
  const r = await revalidateKept(KEY, '/api/catalogue', {}, fetcher, (answer) => readAnswer(answer) !== undefined);
  if (!r) return null;
  const before = readAnswer(r.before);
  // 404: the server holds no catalogue, the seed's stands.
  if (r.state === 'gone') {
    await forgetKept(KEY);
    return { catalogue: undefined, changed: r.before !== undefined };
  }
  const catalogue = readAnswer(r.answer);
  if (r.state === 'unchanged') return { catalogue, changed: false };
  if (!catalogue) return null;
  return { catalogue, changed: before?.version !== catalogue.version };
}

/** The server's models over the seed's, by id, in the server's order; a seeded model it lacks stays (an adoption may name it). */
function overlayModels(seeded: readonly Model[], server: readonly Model[]): Model[] {
  const ids = new Set(server.map((x) => x.id));
  return [...server, ...seeded.filter((x) => !ids.has(x.id))];
}

/**
 * The seed as the phone uses it (Services.seed): the server's catalogue models and title when
 * that catalogue is newer than the seed (catalogueModelsNewer), and the rows an administrator
 * named on the indicator sheet whatever the models.
 */
export function withServerCatalogue(seed: SeedBundle, server: Catalogue | undefined): SeedBundle {
  if (!server) return seed;
  const catalogue = catalogueModelsNewer(server, seed.version)
    ? { ...seed.catalogue, version: server.version, title: server.title, models: overlayModels(seed.catalogue.models, server.models) }
    : seed.catalogue;
  const indicatorSheet = withServiceNames(seed.indicatorSheet, server.serviceNames ?? []);
  return catalogue === seed.catalogue && indicatorSheet === seed.indicatorSheet ? seed : { ...seed, catalogue, indicatorSheet };
}
