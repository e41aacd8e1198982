// The org tree as the server needs it: who may read what, which commune a unit belongs to,
// which reporting rules apply. Built when the units change (org/load-tree.ts caches it per store).
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { ancestry, childrenIndex, indexUnits, subtreeOf, type OrgUnit } from '../../src/domain/org.ts';
import type { User } from '../../src/domain/people.ts';
import { effectiveRules } from '../../src/domain/rollup.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';
import type { UnitRecord } from '../store/types.ts';

export class OrgTree {
  readonly byId: ReadonlyMap<string, UnitRecord>;
  private readonly rules: ReadonlyMap<string, readonly ReportingRule[]>;
  private readonly childrenOf: ReadonlyMap<string, readonly UnitRecord[]>;
  /** A tree never changes (a new one is built when the units do): subtrees are computed once per root. */
  private readonly subtrees = new Map<string, UnitRecord[]>();

  /** The day each unit created by a reorganisation (a new merged commune) started. */
  private readonly openedOn: ReadonlyMap<string, string>;

  constructor(
    readonly units: readonly UnitRecord[],
    /** The reorganisations that made this tree (src/domain/reorg.ts), in order. */
    readonly reorgEvents: readonly ReorgEvent[] = [],
  ) {
    this.openedOn = new Map(reorgEvents.flatMap((e) => e.created.map((id) => [id, e.spec.effective] as const)));
    this.byId = indexUnits(units) as Map<string, UnitRecord>;
    this.rules = new Map(units.flatMap((u) => (u.rules ? [[u.id, u.rules] as const] : [])));
    this.childrenOf = childrenIndex(units);
  }

  /** The root and everything below it (national trees have ~36,000 units: never rescan them per call). */
  subtree(rootId: string): readonly UnitRecord[] {
    let found = this.subtrees.get(rootId);
    if (!found) this.subtrees.set(rootId, (found = subtreeOf(rootId, this.byId, this.childrenOf)));
    return found;
  }

  has = (id: string): boolean => this.byId.has(id);
  /** The unit and its ancestors, nearest first. */
  ancestry = (id: string): UnitRecord[] => ancestry(id, this.byId) as UnitRecord[];
  isWithin = (id: string, ancestorId: string): boolean => this.ancestry(id).some((u) => u.id === ancestorId);
  subtreeIds = (rootId: string): string[] => this.subtree(rootId).map((u) => u.id);
  children = (id: string): UnitRecord[] => [...(this.childrenOf.get(id) ?? [])];
  /** The commune a unit is (or lies in); null above commune level. */
  communeOf = (id: string): string | null => this.ancestry(id).find((u) => u.level === 'commune')?.id ?? null;
  communesUnder = (id: string): UnitRecord[] => this.subtree(id).filter((u) => u.level === 'commune');
  rulesFor = (id: string): readonly ReportingRule[] => effectiveRules(this.ancestry(id), this.rules);
  /** The days a unit existed between, for what it is expected to report: from its creation by a merge, until it closed. */
  activeSpan = (id: string): { from?: string; until?: string } => {
    const from = this.openedOn.get(id);
    const until = this.byId.get(id)?.closedOn ?? undefined;
    return { ...(from ? { from } : {}), ...(until ? { until } : {}) };
  };

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
    for (const u of [...this.ancestry(root).reverse(), ...this.subtree(root)]) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ id: u.id, name: u.name, level: u.level, parentId: u.parentId, placeholder: u.placeholder, ...(u.closedOn ? { closedOn: u.closedOn } : {}) });
    }
    return out;
  }
}
