// A SIMULATED reorganisation of huyện Quảng Xương ("mô phỏng"), for tests and for trying the
// feature on the demo: it is NOT the real 2025 mapping (no source is cited for one; the real
// resolutions of the Standing Committee of the National Assembly decide it). It dissolves the
// district as the 2025 reform dissolved every district — its communes go to the province — and
// merges a few of its communes in the way the reform did (A + B → a new commune; C absorbs D).
// The names say "(mô phỏng)" so nobody takes them for real ones.
//
// Apply it with `npm run admin -- reorganise --fixture quang-xuong --effective YYYY-MM-DD`.
import type { ReorgSpec } from '../../src/domain/reorg.ts';

export const FIXTURE_NAMES = ['quang-xuong'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** The new commune the first merge creates. */
export const QX_MERGED_ID = 'qx-mp-binh-hop';
export const QX_MERGED_NAME = 'xã Quảng Bình Hợp (mô phỏng)';

/** The events, in the order they are recorded; all take effect on `effective`. */
export function quangXuongFixture(effective: string): ReorgSpec[] {
  return [
    { kind: 'merge', effective, from: ['qx-quang-binh', 'qx-quang-hop'], into: QX_MERGED_ID, name: QX_MERGED_NAME },
    { kind: 'merge', effective, from: ['qx-quang-hai', 'qx-quang-thai'], into: 'qx-quang-hai' },
    { kind: 'close', effective, unit: 'qx', childrenTo: 'th' },
  ];
}

export const fixture = (name: FixtureName, effective: string): ReorgSpec[] => {
  switch (name) {
    case 'quang-xuong':
      return quangXuongFixture(effective);
  }
};
