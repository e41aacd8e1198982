// Problem 6 (second half) and the id grammar through the real push (/api/sync, wire v2):
// the server refuses what the app's forms refuse — figures with more online dossiers than
// dossiers, dates that are not on the calendar, a status and progress that disagree — and a
// record whose unit or restated fields disagree with its id. Each refusal is per change
// (answer `x`); the record stays as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';

const DEV = 'tvphone_rules';
let s: TestServer;
let token: string;
let seq: number;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  token = await s.session('u-thieuvan-congan', DEV);
  seq = 0;
});
afterEach(() => s.close());

const c = (coll: Collection, id: string, field: string, value: FieldValue, unit = 'tv'): PushedChange => {
  seq++;
  return change(seq, coll, id, field, value, hlcAt(s.clock.now(), DEV, seq), null, unit);
};
/** Pushes a batch; returns the refused changes as [seq, code]. */
async function push(...batch: PushedChange[]): Promise<[number, string][]> {
  const r = await s.sync(token, DEV, batch);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.x.map(([q, code]) => [q, code]);
}
const stored = async (coll: Collection, id: string, field: string) => (await s.store.getField(coll, id, field))?.heads[0]?.value;

describe('cross-field rules, as the forms apply them', () => {
  it('refuses indicator figures with more online dossiers than dossiers, whichever arrives second', async () => {
    const total = c('indicators', 'tv@2026-11', 's.khai-sinh.total', 10);
    const online = c('indicators', 'tv@2026-11', 's.khai-sinh.online', 20);
    // The online figure is refused (with the total too, if the server refuses the save whole).
    expect(await push(total, online)).toContainEqual([online[0], 'sync/invalid-record']);
    expect(await stored('indicators', 'tv@2026-11', 's.khai-sinh.online')).toBeUndefined();
    expect(await push(c('indicators', 'tv@2026-11', 's.khai-sinh.total', 10))).toEqual([]);

    // Later, lowering the total under the stored online count is refused too.
    expect(await push(c('indicators', 'tv@2026-11', 's.khai-sinh.online', 7))).toEqual([]);
    const lower = c('indicators', 'tv@2026-11', 's.khai-sinh.total', 5);
    expect(await push(lower)).toEqual([[lower[0], 'sync/invalid-record']]);
    expect(await stored('indicators', 'tv@2026-11', 's.khai-sinh.total')).toBe(10);
  });

  it('refuses a status "done" below 100% and "not started" above 0%, accepts the pair saved together', async () => {
    expect(await push(c('status', 'tv:mh-24', 'progress', 40))).toEqual([]);
    const done = c('status', 'tv:mh-24', 'status', 'done');
    expect(await push(done)).toEqual([[done[0], 'sync/invalid-record']]);
    // The form saves status and progress together: judged as the record after the save.
    expect(await push(c('status', 'tv:mh-24', 'status', 'done'), c('status', 'tv:mh-24', 'progress', 100))).toEqual([]);
    expect(await stored('status', 'tv:mh-24', 'status')).toBe('done');
  });

  it('refuses dates that are not on the calendar and accepts a real leap day', async () => {
    const bad = [c('status', 'tv:mh-24', 'asOf', '2026-99-99'), c('status', 'tv:mh-24', 'asOf', '2026-02-29')];
    expect(await push(...bad)).toEqual(bad.map((b) => [b[0], 'sync/invalid-change']));
    expect(await stored('status', 'tv:mh-24', 'asOf')).toBeUndefined();
    expect(await push(c('status', 'tv:mh-24', 'asOf', '2028-02-29'))).toEqual([]);
    expect(await stored('status', 'tv:mh-24', 'asOf')).toBe('2028-02-29');
  });
});

describe('record ids: one grammar on both sides', () => {
  it('refuses a unit that disagrees with the id, an id outside the grammar and fields that contradict the id', async () => {
    const wrongUnit = c('status', 'tv:mh-24', 'note', 'x', 'tv-thon-1');
    const noTilde = c('photo', 'ph-1', 'caption', 'ảnh');
    const freeComment = c('comment', 'cm-1', 'body', 'Góp ý');
    const otherPeriod = c('reportVersion', 'tv@2026-11#1', 'period', '2026-10');
    const otherReport = c('comment', 'tv@2026-11#1~abc', 'reportId', 'tv@2026-10');
    const otherAdoption = c('photo', 'tv:mh-24~k1', 'adoptionId', 'tv:mh-03');
    const refused = await push(wrongUnit, noTilde, freeComment, otherPeriod, otherReport, otherAdoption);
    expect(refused).toEqual([wrongUnit, noTilde, freeComment, otherPeriod, otherReport, otherAdoption].map((x) => [x[0], 'sync/unit-mismatch']));

    const ok = [
      c('reportVersion', 'tv@2026-11#1', 'period', '2026-11'),
      c('comment', 'tv@2026-11#1~abc', 'reportId', 'tv@2026-11'),
      c('photo', 'tv:mh-24~k1', 'adoptionId', 'tv:mh-24'),
    ];
    expect(await push(...ok)).toEqual([]);
  });
});
