// The org tree as the server needs it: who may read what, which commune a unit belongs to,
// which reporting rules apply. Built per request from the units table (a few hundred rows).
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { ancestry, indexUnits, subtree, type OrgUnit } from '../../src/domain/org.ts';
import type { User } from '../../src/domain/people.ts';
import { effectiveRules } from '../../src/domain/rollup.ts';
import type { UnitRecord } from '../store/types.ts';

export class OrgTree {
  readonly byId: ReadonlyMap<string, UnitRecord>;
  private readonly rules: ReadonlyMap<string, readonly ReportingRule[]>;

  constructor(readonly units: readonly UnitRecord[]) {
    this.byId = indexUnits(units) as Map<string, UnitRecord>;
    this.rules = new Map(units.flatMap((u) => (u.rules ? [[u.id, u.rules] as const] : [])));
  }

  has = (id: string): boolean => this.byId.has(id);
  /** The unit and its ancestors, nearest first. */
  ancestry = (id: string): UnitRecord[] => ancestry(id, this.byId) as UnitRecord[];
  isWithin = (id: string, ancestorId: string): boolean => this.ancestry(id).some((u) => u.id === ancestorId);
  subtreeIds = (rootId: string): string[] => subtree(rootId, this.units).map((u) => u.id);
  children = (id: string): UnitRecord[] => this.units.filter((u) => u.parentId === id);
  /** The commune a unit is (or lies in); null above commune level. */
  communeOf = (id: string): string | null => this.ancestry(id).find((u) => u.level === 'commune')?.id ?? null;
  communesUnder = (id: string): UnitRecord[] => subtree(id, this.units).filter((u) => u.level === 'commune') as UnitRecord[];
  rulesFor = (id: string): readonly ReportingRule[] => effectiveRules(this.ancestry(id), this.rules);

  /**
   * The root of what a user reads: its unit's subtree; a village member reads its whole
   * commune, since it edits the commune's models.
   */
  readableRoot(user: Pick<User, 'role' | 'unitId'>): string {
    if (user.role === 'villageMember') return this.communeOf(user.unitId) ?? user.unitId;
    return user.unitId;
  }
  readableUnits = (user: Pick<User, 'role' | 'unitId'>): string[] => this.subtreeIds(this.readableRoot(user));
  canRead = (user: Pick<User, 'role' | 'unitId'>, unitId: string): boolean => this.isWithin(unitId, this.readableRoot(user));

  /** What the app is told at login: the readable subtree plus the chain above it (for names and breadcrumbs). */
  loginUnits(user: Pick<User, 'role' | 'unitId'>): OrgUnit[] {
    const root = this.readableRoot(user);
    const seen = new Set<string>();
    const out: OrgUnit[] = [];
    for (const u of [...this.ancestry(root).reverse(), ...subtree(root, this.units)]) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ id: u.id, name: u.name, level: u.level, parentId: u.parentId, placeholder: u.placeholder });
    }
    return out;
  }
}
