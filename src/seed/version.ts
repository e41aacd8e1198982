/** Bump when any file in seeds/ changes; devices merge a newer seed version in. Kept apart from
 * bundle.ts so the first screen can check it without loading the seed data itself. */
// The date is also the seed's stamp (sync-server/seed.ts seedHlc): bump the counter, keep a date
// no later than the tests' clock (test/server/helpers.ts T0), or seeded values outrank their edits.
export const SEED_VERSION = '2026.11.25-6';
