// The record-id grammar (src/domain/sync/ids.ts): every id minted parses back to its parts,
// nothing else parses, and the ids the seeds and screens make fit it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  idFieldProblem,
  mintRecordId,
  parseRecordId,
  photoIdOf,
  reportIdOf,
  unitOfRecord,
  versionIdOf,
  type RecordRef,
} from '../../src/domain/sync/ids.ts';
import { Collection } from '../../src/domain/sync/collections.ts';
import { RecordId } from '../../src/domain/sync/wire.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { newAdHocPeriod, newStamp } from '../../src/reports/ids.ts';

const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
const period = fc.oneof(
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 53 })).map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(1, 2)).map(([y, h]) => `${y}-H${h}`),
  fc.integer({ min: 2000, max: 2099 }).map(String),
  segment.map((s) => `adhoc:${s}`),
);
const version = fc.integer({ min: 1, max: 99_999 });

const refArb: fc.Arbitrary<RecordRef> = fc.oneof(
  fc.record({ coll: fc.constantFrom('adoption' as const, 'status' as const), unit: segment, model: segment }),
  fc.record({ coll: fc.constant('checklist' as const), template: segment, unit: segment }),
  fc.record({ coll: fc.constantFrom('indicators' as const, 'report' as const), unit: segment, period }),
  fc.record({ coll: fc.constant('reportVersion' as const), unit: segment, period, version }),
  fc.record({ coll: fc.constant('photo' as const), unit: segment, model: segment, suffix: segment }),
  fc.record({ coll: fc.constant('comment' as const), unit: segment, period, version, stamp: segment }),
);

describe('record ids', () => {
  it('parse back to exactly what was minted, name their unit, and fit the wire', () => {
    fc.assert(
      fc.property(refArb, (ref) => {
        const id = mintRecordId(ref);
        expect(parseRecordId(ref.coll, id)).toEqual(ref);
        expect(unitOfRecord(ref.coll, id)).toEqual({ ok: true, unit: ref.unit });
        expect(RecordId.safeParse(id).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuse what is not in the grammar, for every collection', () => {
    const bad: [Collection, string][] = [
      ['status', 'mh-24'], ['status', 'tv:'], ['status', ':mh-24'], ['status', 'a:b:c'],
      ['checklist', 'kt'], ['checklist', '@tv'], ['checklist', 'kt@tv@x'],
      ['indicators', 'tv@2026-13x'], ['indicators', 'tv'], ['report', '@2026-11'], ['report', 'tv@khong-phai-ky'],
      ['reportVersion', 'tv@2026-11'], ['reportVersion', 'tv@2026-11#0'], ['reportVersion', 'tv@2026-11#x'], ['reportVersion', 'tv@2026-11#-1'],
      ['photo', 'ph-1'], ['photo', 'tv:mh-24~'], ['photo', 'tv~abc'],
      ['comment', 'cm-1'], ['comment', 'tv@2026-11~abc'], ['comment', 'tv@2026-11#1~'],
    ];
    for (const [coll, id] of bad) expect(parseRecordId(coll, id), `${coll} ${id}`).toBeNull();
    for (const coll of Collection.options) expect(unitOfRecord(coll, '').ok).toBe(false);
    expect(() => reportIdOf('tv', 'tháng 11')).toThrow(/kỳ/);
    expect(() => versionIdOf('tv@2026-11', 0)).toThrow(/lần gửi/);
    expect(() => photoIdOf('tv', 'abc')).toThrow(/mô hình/);
  });

  it('fit what the seeds and the report screens make', () => {
    const seed = buildSeedBundle();
    for (const a of seed.adoptions) expect(parseRecordId('adoption', a.id), a.id).toEqual({ coll: 'adoption', unit: a.unitId, model: a.modelId });
    for (const t of seed.checklists) for (const u of seed.units) expect(parseRecordId('checklist', `${t.id}@${u.id}`)).not.toBeNull();
    for (const m of seed.catalogue.models) expect(parseRecordId('status', `tv:${m.id}`), m.id).not.toBeNull();
    const adHoc = newAdHocPeriod(Date.UTC(2026, 10, 25));
    expect(parseRecordId('report', reportIdOf('tv', adHoc))).toEqual({ coll: 'report', unit: 'tv', period: adHoc });
    expect(parseRecordId('comment', `tv@${adHoc}#2~${newStamp(Date.UTC(2026, 10, 25))}`)).not.toBeNull();
  });

  it('say when a field contradicts what the id says', () => {
    expect(idFieldProblem('reportVersion', 'tv@2026-11#2', 'period', '2026-10')).toMatch(/2026-11/);
    expect(idFieldProblem('reportVersion', 'tv@2026-11#2', 'version', 3)).not.toBeNull();
    expect(idFieldProblem('reportVersion', 'tv@2026-11#2', 'reportId', 'tv@2026-11')).toBeNull();
    expect(idFieldProblem('reportVersion', 'tv@2026-11#2', 'periodType', 'weekly')).not.toBeNull();
    expect(idFieldProblem('report', 'tv@2026-W48', 'periodType', 'weekly')).toBeNull();
    expect(idFieldProblem('comment', 'tv@2026-11#2~k', 'reportVersion', 1)).not.toBeNull();
    expect(idFieldProblem('photo', 'tv:mh-24~k', 'adoptionId', 'dh:mh-24')).not.toBeNull();
    expect(idFieldProblem('adoption', 'tv:mh-24', 'modelId', 'mh-24')).toBeNull();
    expect(idFieldProblem('status', 'tv:mh-24', 'note', 'mh-03')).toBeNull();
  });
});
