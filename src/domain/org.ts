import * as z from 'zod/mini';
import { Id, IsoDate, Text } from './common.ts';

/**
 * Levels are data, not code: the documents use province → district → commune → village,
 * but since 1 July 2025 many provinces run province → commune only. A level's `rank`
 * orders it (smaller = higher); the app never assumes a fixed depth.
 */
export const OrgLevel = z.enum(['province', 'district', 'commune', 'village']);
export type OrgLevel = z.infer<typeof OrgLevel>;

export const LEVEL_RANK: Record<OrgLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };
export const LEVEL_LABEL: Record<OrgLevel, string> = {
  province: 'Tỉnh',
  district: 'Huyện/Thành phố',
  commune: 'Xã/Phường',
  village: 'Thôn/Tổ dân phố',
};

export const OrgUnit = z.object({
  id: Id,
  name: Text,
  level: OrgLevel,
  parentId: z.nullable(Id),
  /** Names the documents do not give ("Thôn 1" … "Thôn 6") are placeholders until someone corrects them. */
  placeholder: z._default(z.boolean(), false),
  /** The day (Vietnam) from which the unit no longer exists: merged, split or dissolved (src/domain/reorg.ts). */
  closedOn: z.optional(z.nullable(IsoDate)),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export function indexUnits(units: readonly OrgUnit[]): Map<string, OrgUnit> {
  return new Map(units.map((u) => [u.id, u]));
}

/** The unit and its ancestors, nearest first. Stops on a cycle rather than looping. */
export function ancestry<U extends Pick<OrgUnit, 'id' | 'parentId'> = OrgUnit>(unitId: string, byId: ReadonlyMap<string, U>): U[] {
  const chain: U[] = [];
  const seen = new Set<string>();
  let current = byId.get(unitId);
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

export function isWithin(unitId: string, ancestorId: string, byId: ReadonlyMap<string, Pick<OrgUnit, 'id' | 'parentId'>>): boolean {
  return ancestry(unitId, byId).some((u) => u.id === ancestorId);
}

/** Each unit's children, by parent id: build once for a tree that is asked many times. */
export function childrenIndex<U extends Pick<OrgUnit, 'id' | 'parentId'>>(units: readonly U[]): Map<string, U[]> {
  const children = new Map<string, U[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  return children;
}

/** Every unit below (and including) the root, from prebuilt indexes. */
export function subtreeOf<U extends Pick<OrgUnit, 'id'>>(rootId: string, byId: ReadonlyMap<string, U>, children: ReadonlyMap<string, readonly U[]>): U[] {
  const root = byId.get(rootId);
  if (!root) return [];
  const out: U[] = [];
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length) {
    const u = stack.pop()!;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    out.push(u);
    stack.push(...(children.get(u.id) ?? []));
  }
  return out;
}

/** Every unit below (and including) the root. */
export function subtree(rootId: string, units: readonly OrgUnit[]): OrgUnit[] {
  return subtreeOf(rootId, indexUnits(units), childrenIndex(units));
}

/** Validates a whole tree: unique ids, parents exist, a child is strictly below its parent, no cycles. */
export function checkTree(units: readonly OrgUnit[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, OrgUnit>();
  for (const u of units) {
    if (byId.has(u.id)) problems.push(`${u.id}: trùng mã đơn vị`);
    byId.set(u.id, u);
  }
  for (const u of units) {
    if (!u.parentId) continue;
    const parent = byId.get(u.parentId);
    if (!parent) problems.push(`${u.id}: không có đơn vị cấp trên ${u.parentId}`);
    // A unit merged away hangs, closed, under the unit of its own level that took it over (reorg.ts).
    else if (LEVEL_RANK[parent.level] > LEVEL_RANK[u.level] || (LEVEL_RANK[parent.level] === LEVEL_RANK[u.level] && !u.closedOn)) {
      problems.push(`${u.id}: cấp không thấp hơn cấp trên`);
    }
  }
  return problems;
}
