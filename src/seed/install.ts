// First run (and every newer seed): put the seed bundle in IndexedDB. The seed lives in
// its own table, so replacing it never touches the user's records (docs, outbox).
import type { AppDb } from '../db/schema.ts';
import { SEED_VERSION } from './version.ts';
import type { SeedBundle } from './schema.ts';

export async function ensureSeed(db: AppDb): Promise<SeedBundle> {
  const row = await db.seed.get('bundle');
  if (row && row.version === SEED_VERSION) return row.bundle as SeedBundle;
  // Loaded only when the stored seed is missing or older: a separate, precached chunk.
  const [{ buildSeedBundle }, { SeedBundle }] = await Promise.all([import('./bundle.ts'), import('./schema.ts')]);
  const bundle = SeedBundle.parse(buildSeedBundle());
  await db.seed.put({ key: 'bundle', version: SEED_VERSION, bundle });
  return bundle;
}
