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
import { baseFor, type FieldValue } from '../src/domain/sync/merge.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './auth/password.ts';
import { refreshRollups } from './rollups/update.ts';
import type { SyncStore } from './store/types.ts';
import { applyChange } from './sync/apply.ts';

export const SEED_AUTHOR = 'seed';

// The demo's shared password obeys the same rule as every other account's.
// A demo officer may carry the admin right over their subtree (the browser admin has work in the demo).
const DemoUser = z.intersection(User, z.object({ canAdmin: z.boolean().optional() }));
const DemoUsers = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH), users: z.array(DemoUser) });
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
  // A unit a reorganisation changed (merged, moved, renamed…) is the events' now: re-seeding at
  // every start must not put it back where the seed files have it.
  const reorganised = new Set((await store.listReorgEvents()).flatMap((e) => [...e.before.map((b) => b.id), ...e.created]));
  for (const unit of bundle.units) if (!reorganised.has(unit.id)) await store.putUnit(unit, rules.get(unit.id));

  const hlc = seedHlc(bundle.version);
  const adoptionFields = await store.transaction(async (tx) => {
    let written = 0;
    const touched = new Set<string>();
    for (const a of bundle.adoptions) {
      const fields: Record<string, FieldValue> = { modelId: a.modelId, adoptedOn: a.adoptedOn, villageIds: a.villageIds, active: true };
      for (const [field, value] of Object.entries(fields)) {
        const held = await tx.getField('adoption', a.id, field);
        // A value only an older seed ever wrote follows the corrected seed (Đông Hải's adoption
        // date, which no document gives: issue 11); whatever a person wrote stays.
        const outdated =
          held !== undefined &&
          held.heads.length > 0 &&
          held.heads.every((h) => h.author === SEED_AUTHOR && h.hlc < hlc) &&
          JSON.stringify(held.heads[0]!.value) !== JSON.stringify(value);
        if (held && !outdated) continue;
        const base = outdated ? baseFor(held) : null;
        const entry = { coll: 'adoption' as const, id: a.id, field, value, hlc, base, unit: a.unitId, author: SEED_AUTHOR };
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

  const demoUsers: z.infer<typeof DemoUser>[] = [];
  if (options.demo) {
    for (const u of DEMO_USERS.users) {
      demoUsers.push(u);
      if (await store.getUserByUsername(u.username)) continue;
      await store.createUser({ ...u, passwordHash: await hashPassword(DEMO_USERS.password), createdAt: options.now });
    }
  }
  return { units: bundle.units.length, adoptionFields, demoUsers };
}
