/** Bump when any file in seeds/ changes; devices merge a newer seed version in. Kept apart from
 * bundle.ts so the first screen can check it without loading the seed data itself. */
export const SEED_VERSION = '2026.11.25-2';
