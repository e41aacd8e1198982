// Reorganisation of units as data (since 1 July 2025 Vietnam dissolved its districts and merged
// many communes). An event — merge, split, move, rename, close — takes effect on a day in
// Vietnam (IsoDate) and is stored with what it changed, so the tree of any earlier day can be
// rebuilt and nothing filed under an old unit is lost or counted twice.
//
// The one structural idea: in the CURRENT tree a unit that was merged (or split) away is kept,
// closed, under the unit that took it over (its primary successor) instead of under its old
// parent. Everything that walks the tree then does the right thing without knowing about
// reorganisations: the successor's roll-up includes its predecessors' records (so its total for
// a month before the merge is the sum of theirs), the old parent no longer counts them (so no
// ancestor counts them twice), the successor's people read and may write them (a change queued
// on a phone under the old commune still lands). A unit closed without successor stays where it
// was, still counted — nothing is lost. The tree of an earlier day is the current one with the
// later events undone (`treeAsOf`).
//
// Which unit a record of a period belongs to (`rollsInto`): a period that starts before the
// effective date stays with the old unit (and stays readable there); from the effective date on
// it is the successor's. A period that starts before and ends after the date (a month with a
// merge on the 15th) stays with the old unit: its figures were collected by it.
//
// Split (A → B, C): the villages named for each part are re-parented to it; villages not named
// go with the first part (the primary), which also takes A's own commune-level records
// (indicator sheets, reports, models): those cannot be divided by rule, only re-entered.
import * as z from 'zod/mini';
import { Id, IsoDate, Text } from './common.ts';
import { LEVEL_RANK, ancestry, indexUnits, isWithin, type OrgLevel, type OrgUnit } from './org.ts';
import { vnDateOf } from './working-days.ts';

export const ReorgKind = z.enum(['merge', 'split', 'move', 'rename', 'close']);
export type ReorgKind = z.infer<typeof ReorgKind>;

export const REORG_KIND_LABEL: Record<ReorgKind, string> = {
  merge: 'Sáp nhập',
  split: 'Chia tách',
  move: 'Chuyển đơn vị cấp trên',
  rename: 'Đổi tên',
  close: 'Giải thể',
};

const Ids = (min: number) => z.array(Id).check(z.minLength(min), z.maxLength(500));

export const MergeSpec = z.object({
  kind: z.literal('merge'),
  effective: IsoDate,
  /** The units merged away (D itself may be listed: it then absorbs the others). */
  from: Ids(1),
  /** The unit they become: an existing one (often one of `from`) or a new id. */
  into: Id,
  /** For a new unit: its name (required), and its parent (default: the first unit's parent). */
  name: z.optional(Text),
  parentId: z.optional(Id),
});
export const SplitSpec = z.object({
  kind: z.literal('split'),
  effective: IsoDate,
  from: Id,
  /** The parts; the first (primary) takes the unit's own records and the villages not named. */
  into: z
    .array(z.object({ id: Id, name: z.optional(Text), villages: z._default(z.array(Id), []) }))
    .check(z.minLength(2), z.maxLength(50)),
});
export const MoveSpec = z.object({ kind: z.literal('move'), effective: IsoDate, units: Ids(1), parentId: Id });
export const RenameSpec = z.object({ kind: z.literal('rename'), effective: IsoDate, unit: Id, name: Text });
export const CloseSpec = z.object({
  kind: z.literal('close'),
  effective: IsoDate,
  unit: Id,
  /** Dissolving a district: its open units are first re-parented here (e.g. the province). */
  childrenTo: z.optional(Id),
});
export const ReorgSpec = z.discriminatedUnion('kind', [MergeSpec, SplitSpec, MoveSpec, RenameSpec, CloseSpec]);
export type ReorgSpec = z.infer<typeof ReorgSpec>;

/** A unit as reorganisations see it (OrgUnit with its closing day). */
export type ReorgUnit = Pick<OrgUnit, 'id' | 'name' | 'level' | 'parentId' | 'placeholder'> & { closedOn?: string | null | undefined };

/** An event as stored: what was asked, plus what it changed (the mapping). */
export interface ReorgEvent {
  /** Grows with each event: the order they were applied in. */
  seq: number;
  spec: ReorgSpec;
  /** The changed units as they were before (to rebuild an earlier day's tree). */
  before: ReorgUnit[];
  /** Units the event created. */
  created: string[];
  /** Old unit → the unit that took over its records from the effective date (merge, split). */
  successor: Record<string, string>;
  /** People moved: user id → [old unit, new unit]. */
  movedUsers?: Record<string, [string, string]>;
  recordedAt: number;
  recordedBy: string | null;
}

/** An event as GET/POST /api/admin/reorg answers it (the admin screen parses with it). */
export const ReorgEventSchema = z.object({
  seq: z.number(),
  spec: ReorgSpec,
  created: z.array(z.string()),
  successor: z.record(z.string(), z.string()),
  movedUsers: z.optional(z.record(z.string(), z.tuple([z.string(), z.string()]))),
  recordedAt: z.number(),
});

export interface ReorgIssue {
  path: string;
  message: string;
}

export type ReorgPlan =
  | { ok: true; changed: ReorgUnit[]; before: ReorgUnit[]; created: string[]; successor: Record<string, string> }
  | { ok: false; issues: ReorgIssue[] };

/** The Vietnamese day of a date as people read it: 01/07/2025. */
export const formatDay = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The Vietnamese date (YYYY-MM-DD) of an instant: the one definition, in working-days.ts. */
export const vnDate = vnDateOf;

/** The instant a Vietnamese day starts. */
export const vnDayStart = (iso: string): number => Date.parse(`${iso}T00:00:00+07:00`);

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * Checks an event against the current tree and says what it changes. `latest`: the effective
 * date of the last recorded event (an earlier one would make `treeAsOf` ambiguous); `today`:
 * the Vietnamese date now (an event is recorded on or after its day, when it is in force).
 */
export function planReorg(units: readonly ReorgUnit[], spec: ReorgSpec, opts: { today: string; latest: string | null }): ReorgPlan {
  const byId = indexUnits(units as ReorgUnit[]) as Map<string, ReorgUnit>;
  const issues: ReorgIssue[] = [];
  const changed = new Map<string, ReorgUnit>();
  const issue = (path: string, message: string) => issues.push({ path, message });
  const name = (id: string) => changed.get(id)?.name ?? byId.get(id)?.name ?? id;
  const open = (id: string, path: string): ReorgUnit | null => {
    const u = byId.get(id);
    if (!u) return issue(path, `Không có đơn vị ${id}`), null;
    if (u.closedOn) return issue(path, `${capital(u.name)} đã ngừng hoạt động từ ngày ${formatDay(u.closedOn)}`), null;
    return u;
  };
  if (spec.effective > opts.today) issue('effective', `Ngày hiệu lực ${formatDay(spec.effective)} chưa đến: chỉ ghi sự kiện từ ngày đó trở đi`);
  if (opts.latest && spec.effective < opts.latest) {
    issue('effective', `Ngày hiệu lực không được trước sự kiện đã ghi gần nhất (${formatDay(opts.latest)})`);
  }

  const created: string[] = [];
  const successor: Record<string, string> = {};
  const change = (u: ReorgUnit, patch: Partial<ReorgUnit>) => changed.set(u.id, { ...(changed.get(u.id) ?? u), ...patch });
  /** Open units directly below `u` (villages of a commune, communes of a district), not its closed predecessors. */
  const openChildren = (u: ReorgUnit) => units.filter((c) => c.parentId === u.id && !c.closedOn && LEVEL_RANK[c.level] > LEVEL_RANK[u.level]);
  const parentFits = (parentId: string, level: OrgLevel, path: string) => {
    const p = open(parentId, path);
    if (p && LEVEL_RANK[p.level] >= LEVEL_RANK[level]) issue(path, `${capital(p.name)} không ở cấp trên của cấp ${level}`);
    return p;
  };
  const newUnit = (id: string, unitName: string | undefined, level: OrgLevel, parentId: string | null, namePath: string): ReorgUnit | null => {
    if (!unitName) return issue(namePath, `Đơn vị mới ${id} cần có tên`), null;
    const u: ReorgUnit = { id, name: unitName, level, parentId, placeholder: false, closedOn: null };
    created.push(id);
    changed.set(id, u);
    return u;
  };

  switch (spec.kind) {
    case 'merge': {
      const from = [...new Set(spec.from)];
      if (from.length !== spec.from.length) issue('from', 'Một đơn vị được kể hai lần');
      const olds = from.map((id, i) => open(id, `from.${i}`)).filter((u): u is ReorgUnit => u !== null);
      const level = olds[0]?.level;
      olds.forEach((u, i) => level && u.level !== level && issue(`from.${i}`, `${capital(u.name)} không cùng cấp với ${name(from[0]!)}`));
      if (!level || issues.length) break;
      let into = byId.get(spec.into);
      if (into) {
        if (!open(into.id, 'into')) break;
        if (into.level !== level) issue('into', `${capital(into.name)} không cùng cấp với các đơn vị sáp nhập`);
        if (!from.some((id) => id !== into!.id)) issue('from', 'Cần ít nhất một đơn vị khác để sáp nhập vào');
      } else {
        if (from.length < 2) issue('from', 'Sáp nhập thành đơn vị mới cần ít nhất hai đơn vị');
        const parentId = spec.parentId ?? olds[0]!.parentId;
        if (parentId) parentFits(parentId, level, 'parentId');
        into = newUnit(spec.into, spec.name, level, parentId, 'name') ?? undefined;
      }
      if (!into || issues.length) break;
      for (const u of olds) {
        if (u.id === into.id) continue;
        change(u, { closedOn: spec.effective, parentId: into.id });
        successor[u.id] = into.id;
        for (const c of openChildren(u)) change(c, { parentId: into.id });
      }
      break;
    }
    case 'split': {
      const old = open(spec.from, 'from');
      if (!old) break;
      const villages = new Set(openChildren(old).map((c) => c.id));
      const placed = new Map<string, string>();
      const parts: ReorgUnit[] = [];
      spec.into.forEach((part, i) => {
        if (part.id === old.id) return issue(`into.${i}.id`, 'Đơn vị chia tách không thể là một phần của chính nó');
        const existing = byId.get(part.id);
        const u = existing ? open(part.id, `into.${i}.id`) : newUnit(part.id, part.name, old.level, old.parentId, `into.${i}.name`);
        if (u && u.level !== old.level) issue(`into.${i}.id`, `${capital(u.name)} không cùng cấp với ${old.name}`);
        if (u) parts.push(u);
        part.villages.forEach((v, j) => {
          if (!villages.has(v)) issue(`into.${i}.villages.${j}`, `${v} không phải đơn vị trực thuộc ${old.name}`);
          else if (placed.has(v)) issue(`into.${i}.villages.${j}`, `${capital(name(v))} đã được giao cho ${name(placed.get(v)!)}`);
          else placed.set(v, part.id);
        });
      });
      if (new Set(spec.into.map((p) => p.id)).size !== spec.into.length) issue('into', 'Một phần được kể hai lần');
      if (issues.length || parts.length < 2) break;
      const primary = parts[0]!;
      change(old, { closedOn: spec.effective, parentId: primary.id });
      successor[old.id] = primary.id;
      for (const v of villages) change(byId.get(v)!, { parentId: placed.get(v) ?? primary.id });
      break;
    }
    case 'move': {
      const parent = byId.get(spec.parentId);
      spec.units.forEach((id, i) => {
        const u = open(id, `units.${i}`);
        if (!u) return;
        if (parent && isWithin(parent.id, u.id, byId)) return issue(`units.${i}`, `Không thể chuyển ${u.name} vào đơn vị trực thuộc chính nó`);
        if (!parentFits(spec.parentId, u.level, 'parentId')) return;
        change(u, { parentId: spec.parentId });
      });
      break;
    }
    case 'rename': {
      const u = open(spec.unit, 'unit');
      if (u && u.name === spec.name) issue('name', 'Tên mới trùng tên hiện tại');
      if (u) change(u, { name: spec.name });
      break;
    }
    case 'close': {
      const u = open(spec.unit, 'unit');
      if (!u) break;
      const children = openChildren(u);
      if (spec.childrenTo) {
        const to = open(spec.childrenTo, 'childrenTo');
        if (to && isWithin(to.id, u.id, byId)) issue('childrenTo', `Không thể chuyển các đơn vị trực thuộc vào chính ${u.name}`);
        for (const c of children) if (to && LEVEL_RANK[to.level] >= LEVEL_RANK[c.level]) issue('childrenTo', `${capital(to.name)} không ở cấp trên của ${c.name}`);
        if (!issues.length) for (const c of children) change(c, { parentId: spec.childrenTo });
      } else if (children.length) {
        issue('childrenTo', `${capital(u.name)} còn ${children.length} đơn vị trực thuộc: cho biết chuyển chúng về đâu`);
      }
      change(u, { closedOn: spec.effective });
      break;
    }
  }
  if (issues.length) return { ok: false, issues };
  const before = [...changed.keys()].filter((id) => !created.includes(id)).map((id) => byId.get(id)!);
  return { ok: true, changed: [...changed.values()], before, created, successor };
}

/** The tree after some units changed (a plan's `changed`). */
export function applyChanges<U extends ReorgUnit>(units: readonly U[], changed: readonly ReorgUnit[]): U[] {
  const next = new Map(units.map((u) => [u.id, u]));
  for (const c of changed) next.set(c.id, { ...(next.get(c.id) ?? ({} as U)), ...c });
  return [...next.values()];
}

const bySeq = (events: readonly ReorgEvent[]) => [...events].sort((a, b) => a.seq - b.seq);

/** The tree as it stood on `date`: the current tree with every event effective after that day undone. */
export function treeAsOf<U extends ReorgUnit>(current: readonly U[], events: readonly ReorgEvent[], date: string): U[] {
  const units = new Map(current.map((u) => [u.id, u]));
  for (const e of bySeq(events).reverse()) {
    if (e.spec.effective <= date) continue;
    for (const id of e.created) units.delete(id);
    for (const b of e.before) units.set(b.id, { ...(units.get(b.id) ?? ({} as U)), ...b, closedOn: b.closedOn ?? null });
  }
  return [...units.values()];
}

export interface Lineage {
  unitId: string;
  /** The day the unit's records started to roll into its successor. */
  effective: string;
  kind: ReorgKind;
}

/** The units that directly took over from `unitId` (merge: one; split: every part; close: none). */
export function successorsOf(unitId: string, events: readonly ReorgEvent[]): Lineage[] {
  for (const e of bySeq(events)) {
    const s = e.spec;
    if (s.kind === 'merge' && e.successor[unitId]) return [{ unitId: e.successor[unitId]!, effective: s.effective, kind: 'merge' }];
    if (s.kind === 'split' && s.from === unitId) return s.into.map((p) => ({ unitId: p.id, effective: s.effective, kind: 'split' }));
  }
  return [];
}

/** Every unit whose records roll (directly or through others) into `unitId`, nearest first. */
export function predecessorsOf(unitId: string, events: readonly ReorgEvent[]): Lineage[] {
  const out: Lineage[] = [];
  const seen = new Set([unitId]);
  const queue = [unitId];
  while (queue.length) {
    const target = queue.shift()!;
    for (const e of bySeq(events)) {
      for (const [old, next] of Object.entries(e.successor)) {
        if (next !== target || seen.has(old)) continue;
        seen.add(old);
        out.push({ unitId: old, effective: e.spec.effective, kind: e.spec.kind });
        queue.push(old);
      }
    }
  }
  return out;
}

/**
 * The unit a record filed under `unitId` for a period starting on `periodStart` belongs to:
 * the unit itself for a period that started before it was merged away, else (following
 * successors) the unit that took its records over by then.
 */
export function rollsInto(unitId: string, periodStart: string, events: readonly ReorgEvent[]): string {
  let unit = unitId;
  const seen = new Set<string>();
  for (;;) {
    seen.add(unit);
    const e = bySeq(events).find((x) => x.successor[unit] !== undefined);
    const next = e?.successor[unit];
    if (!e || !next || e.spec.effective > periodStart || seen.has(next)) return unit;
    unit = next;
  }
}

/**
 * What a phone says once when its person's commune changed under them (the sync learnt the
 * new unit): "Xã Quảng Bình đã sáp nhập vào xã Quảng Bình Hợp từ ngày 01/11/2026 …". null when
 * the commune did not change. Works from the units the phone was given before and after.
 */
export function reorgNotice(
  before: { unitId: string; units: readonly ReorgUnit[] },
  after: { unitId: string; units: readonly ReorgUnit[] },
): string | null {
  const oldById = indexUnits(before.units as ReorgUnit[]) as Map<string, ReorgUnit>;
  const newById = indexUnits(after.units as ReorgUnit[]) as Map<string, ReorgUnit>;
  const communeOf = (id: string, byId: ReadonlyMap<string, ReorgUnit>) =>
    ancestry(id, byId).find((u) => u.level === 'commune' && !u.closedOn) ?? ancestry(id, byId).find((u) => u.level === 'commune');
  const oldHome = communeOf(before.unitId, oldById) ?? oldById.get(before.unitId);
  const newHome = communeOf(after.unitId, newById) ?? newById.get(after.unitId);
  if (!oldHome || !newHome || oldHome.id === newHome.id) {
    if (oldHome && newHome && oldHome.name !== newHome.name) return `${capital(oldHome.name)} nay đổi tên là ${newHome.name}.`;
    return null;
  }
  const oldNow = newById.get(oldHome.id);
  if (oldNow?.closedOn && isWithin(oldNow.id, newHome.id, newById)) {
    return `${capital(oldHome.name)} đã sáp nhập vào ${newHome.name} từ ngày ${formatDay(oldNow.closedOn)}. Tài khoản của bạn nay thuộc ${newHome.name}; số liệu cũ vẫn được giữ và cộng vào ${newHome.name}.`;
  }
  return `Tài khoản của bạn đã được chuyển từ ${oldHome.name} sang ${newHome.name}.`;
}
