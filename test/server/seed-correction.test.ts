// Issue 11: the seed once gave Đông Hải's one-stop desk adoption the date 2024-01-01, which no
// document gives (000 names the model — "Triển khai mô hình mẫu về Bộ phận một cửa" — and no day).
// A server seeded then must lose that date at its next start, and keep what people wrote.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { winner } from '../../src/domain/sync/merge.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import { SEED_AUTHOR, seedHlc, seedStore } from '../../sync-server/seed.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { applyChange } from '../../sync-server/sync/apply.ts';
import { hlcAt, T0 } from './helpers.ts';

const OLD_SEED = '2026.11.25-2';
const doc000 = readFileSync(join(import.meta.dirname, '../../seeds/documents/000_5b4d33c20d7169fb.txt'), 'utf8').replace(/\s+/g, ' ');

async function seededWithOldDate(author: string, hlc: Hlc) {
  const store = openSqliteStore({ file: ':memory:' });
  await store.transaction(async (tx) => {
    await applyChange(tx, { coll: 'adoption', id: 'dh:mot-cua', field: 'adoptedOn', value: '2024-01-01', hlc, base: null, unit: 'dh', author, device: author, deviceSeq: null, origHlc: null, receivedAt: T0 });
  });
  return store;
}

describe('a corrected seed', () => {
  it('drops the Đông Hải adoption date an older seed wrote', async () => {
    expect(doc000).toContain('Triển khai mô hình mẫu về Bộ phận một cửa');
    expect(doc000).not.toMatch(/01\/01\/2024|1\/1\/2024/);
    const store = await seededWithOldDate(SEED_AUTHOR, seedHlc(OLD_SEED));
    await seedStore(store, { demo: false, now: T0 });
    const field = await store.getField('adoption', 'dh:mot-cua', 'adoptedOn');
    expect(field?.heads.map((h) => h.value)).toEqual([null]);
    expect(winner(field)?.author).toBe(SEED_AUTHOR);
    // Once corrected, a restart changes nothing.
    const again = await seedStore(store, { demo: false, now: T0 + 1 });
    expect(again.adoptionFields).toBe(0);
    await store.close();
  });

  it('keeps a date a person entered', async () => {
    const store = await seededWithOldDate('u-donghai-congan', hlcAt(T0, 'dhphone1'));
    await seedStore(store, { demo: false, now: T0 });
    expect((await store.getField('adoption', 'dh:mot-cua', 'adoptedOn'))?.heads.map((h) => h.value)).toEqual(['2024-01-01']);
    await store.close();
  });
});
