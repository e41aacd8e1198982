// Loads the seed bundle into a store: org units (with reporting rules), the documented
// adoptions as `adoption` docs through the same merge path as pushes, the catalogue, and —
// only in demo mode — the demo users. Safe to run at every start: a seed field is written
// only while nobody has written that field, so re-running adds nothing and never
// overwrites what communes changed since.
import { loadTree } from './org/load-tree.ts';
import { z } from 'zod';
import demoUsersFile from '../seeds/demo-users.json';
import { User } from '../src/domain/people.ts';
import { SEED_VERSION, buildSeedBundle } from '../src/seed/bundle.ts';
import { SeedBundle } from '../src/seed/schema.ts';
import { encodeHlc, type Hlc } from '../src/domain/sync/hlc.ts';
import type { FieldValue } from '../src/domain/sync/merge.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './auth/password.ts';
import { refreshRollups } from './rollups/update.ts';
import type { SyncStore } from './store/types.ts';
import { applyChange } from './sync/apply.ts';

export const SEED_AUTHOR = 'seed';

// The demo's shared password obeys the same rule as every other account's.
const DemoUsers = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH), users: z.array(User) });
export const DEMO_USERS = DemoUsers.parse(demoUsersFile);

/**
 * The stamp of seed data: the seed version's date (Vietnam midnight) and its suffix as the
 * counter, so a newer seed sorts after an older one and every run stamps identically.
 */
export function seedHlc(version = SEED_VERSION): Hlc {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})(?:-(\d+))?$/.exec(version);
  const wall = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 7 * 3600_000 : 0;
  return encodeHlc({ wall, counter: m?.[4] ? Number(m[4]) : 0, device: SEED_AUTHOR });
}

export interface SeedResult {
  units: number;
  /** Adoption fields written by this run (0 on a re-run). */
  adoptionFields: number;
  demoUsers: z.infer<typeof User>[];
}

export async function seedStore(store: SyncStore, options: { demo: boolean; now: number }): Promise<SeedResult> {
  const bundle = SeedBundle.parse(buildSeedBundle());
  const rules = new Map(bundle.reportingRules.map((r) => [r.unitId, r.rules]));
  for (const unit of bundle.units) await store.putUnit(unit, rules.get(unit.id));

  const hlc = seedHlc(bundle.version);
  const adoptionFields = await store.transaction(async (tx) => {
    let written = 0;
    const touched = new Set<string>();
    for (const a of bundle.adoptions) {
      const fields: Record<string, FieldValue> = { modelId: a.modelId, adoptedOn: a.adoptedOn, villageIds: a.villageIds, active: true };
      for (const [field, value] of Object.entries(fields)) {
        if (await tx.getField('adoption', a.id, field)) continue;
        const entry = { coll: 'adoption' as const, id: a.id, field, value, hlc, base: null, unit: a.unitId, author: SEED_AUTHOR };
        if (await applyChange(tx, { ...entry, device: SEED_AUTHOR, deviceSeq: null, origHlc: null, receivedAt: options.now })) written++;
        touched.add(a.unitId);
      }
    }
    // Every commune, not only those touched: roll-ups follow units that moved or a newer roll-up format.
    const tree = await loadTree(tx);
    await refreshRollups(tx, tree, [...touched, ...tree.units.filter((u) => u.level === 'commune').map((u) => u.id)], options.now);
    return written;
  });

  if (!(await store.latestCatalogue())) {
    await store.putCatalogue({ version: bundle.catalogue.version, catalogue: bundle.catalogue, importedAt: options.now });
  }

  const demoUsers: z.infer<typeof User>[] = [];
  if (options.demo) {
    for (const u of DEMO_USERS.users) {
      demoUsers.push(u);
      if (await store.getUserByUsername(u.username)) continue;
      await store.createUser({ ...u, passwordHash: await hashPassword(DEMO_USERS.password), createdAt: options.now });
    }
  }
  return { units: bundle.units.length, adoptionFields, demoUsers };
}
