// The review inbox list (src/reports/inbox.ts) over the real seed's org tree: which reports an
// officer reviews, where each stands after returns, resubmissions and acceptances, and the
// order — the server's receipt of the latest version, never the phone's clock.
import { describe, expect, it } from 'vitest';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { ACCEPT_BODY, acceptEdit, backTarget, inboxItems, type ReviewComment } from '../../src/reports/inbox.ts';
import type { VersionRecord } from '../../src/reports/workflow.ts';

const units = SeedBundle.parse(buildSeedBundle()).units;
const district = { role: 'districtOfficer' as const, unitId: 'qx' };
const province = { role: 'provinceOfficer' as const, unitId: 'th' };
const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 1);

const version = (reportId: string, n: number, receivedAt: number | null, submittedAt = T0): VersionRecord => ({
  id: `${reportId}#${n}`, reportId, version: n, submittedAt, receivedAt, snapshot: null,
});
let seq = 0;
const comment = (reportId: string, n: number, kind: 'return' | 'accept' | 'note', createdAt: number): ReviewComment => ({
  id: `${reportId}#${n}~c${(seq += 1)}`, reportId, reportVersion: n, body: kind, returns: kind === 'return', accepts: kind === 'accept', createdAt, author: 'u-quangxuong-huyen',
});

describe('inboxItems', () => {
  it('lists the units below only, oldest server receipt first whatever the phones’ clocks said', () => {
    const versions = [
      // Quảng Bình's phone recorded it first (offline), the server got it last.
      version('qx-quang-binh@2026-11', 1, T0 + 5 * H, T0 - 48 * H),
      version('qx-quang-hop@2026-11', 1, T0 + 1 * H, T0),
      version('qx-tan-phong@2026-11', 1, null, T0 - 72 * H), // only on its phone: last
      version('qx@2026-11', 1, T0), // the district's own report: not for it to review
      version('tv@2026-11', 1, T0), // another district's commune
    ];
    const items = inboxItems(district, units, versions, []);
    expect(items.map((i) => i.reportId)).toEqual(['qx-quang-hop@2026-11', 'qx-quang-binh@2026-11', 'qx-tan-phong@2026-11']);
    expect(items[0]).toMatchObject({ unitName: 'xã Quảng Hợp', period: '2026-11', version: 1, state: 'submitted', receivedAt: T0 + H });
    // The province reviews the district's own report and every commune below.
    expect(inboxItems(province, units, versions, []).map((i) => i.reportId).sort()).toEqual(versions.map((v) => v.reportId).sort());
    // A commune has no inbox of its own reports.
    expect(inboxItems({ role: 'communeStanding', unitId: 'tv' }, units, versions, [])).toEqual([]);
  });

  it('follows the round trip: submitted → returned → resubmitted → accepted, on the latest version only', () => {
    const r = 'qx-quang-binh@2026-11';
    const v1 = version(r, 1, T0);
    const returned = comment(r, 1, 'return', T0 + H);
    const state = (versions: VersionRecord[], comments: ReviewComment[]) => inboxItems(district, units, versions, comments).map((i) => [i.version, i.state]);

    expect(state([v1], [comment(r, 1, 'note', T0 + H)])).toEqual([[1, 'submitted']]); // a plain comment decides nothing
    expect(state([v1], [returned])).toEqual([[1, 'returned']]);
    const v2 = version(r, 2, T0 + 3 * H);
    expect(state([v1, v2], [returned])).toEqual([[2, 'resubmitted']]);
    const accepted = comment(r, 2, 'accept', T0 + 4 * H);
    expect(state([v2, v1], [returned, accepted])).toEqual([[2, 'accepted']]);
    // Returned after all, after accepting: the later decision stands.
    expect(state([v1, v2], [accepted, comment(r, 2, 'return', T0 + 5 * H)])).toEqual([[2, 'returned']]);
  });
});

describe('acceptEdit', () => {
  it('is a comment on the version with accepts:true that both sides’ collection rules take', () => {
    const edit = acceptEdit('qx-quang-binh@2026-11', 2, '  ', T0, 'abc123');
    expect(edit).toMatchObject({ coll: 'comment', id: 'qx-quang-binh@2026-11#2~abc123', unit: 'qx-quang-binh' });
    expect(edit.values).toEqual({ reportId: 'qx-quang-binh@2026-11', reportVersion: 2, body: ACCEPT_BODY, returns: false, accepts: true, createdAt: T0 });
    for (const [field, value] of Object.entries(edit.values)) expect([field, checkChangeValue('comment', field, value)]).toEqual([field, null]);
  });
});

describe('backTarget', () => {
  it('leads an officer from a report below back to the inbox, and everyone else to their own list', () => {
    expect(backTarget(district, 'qx-quang-binh', units).href).toBe('#/reports/inbox');
    expect(backTarget(district, 'qx', units).href).toBe('#/reports');
    expect(backTarget({ role: 'communeStanding', unitId: 'tv' }, 'tv', units).href).toBe('#/reports');
  });
});
