// Recording a reorganisation (merge, split, move, rename, close: src/domain/reorg.ts), for the
// admin API (reorg-routes.ts) and the command line (admin/commands.ts `reorganise`). One
// transaction: the units change, the people of the units merged away move to the unit that took
// them over, the event (with what it changed) and its audit entry are appended, and the roll-ups
// of every unit that gained or lost a part are recomputed — so no dashboard ever reads a district
// still counting a commune it gave away. Tokens are NOT revoked: a phone offline during the merge
// syncs afterwards with its queued changes (they land: the old unit now lies under the new one),
// learns its new unit from /api/me and says so once (src/sync/controller.ts).
import { mayAdministerUnit, mayCreateUnit } from '../../src/domain/admin-access.ts';
import { planReorg, ReorgSpec, vnDate, type ReorgEvent } from '../../src/domain/reorg.ts';
import { loadTree } from '../org/load-tree.ts';
import { refreshRollups } from '../rollups/update.ts';
import type { SyncStore } from '../store/types.ts';
import { AdminRefusal, CLI_NAME, accessOf, parseInput, type Actor } from './service.ts';

export interface ReorgDeps {
  store: SyncStore;
  now: () => number;
}

const forbidden = () => new AdminRefusal('forbidden', 'Bạn không có quyền tổ chức lại các đơn vị này');

/** The unit an event is about (its audit entry's target). */
const targetOf = (spec: ReorgSpec): string => {
  switch (spec.kind) {
    case 'merge':
      return spec.into;
    case 'split':
      return spec.from;
    case 'move':
      return spec.units[0]!;
    case 'rename':
    case 'close':
      return spec.unit;
  }
};

export function reorgService(deps: ReorgDeps) {
  const { store, now } = deps;
  return {
    /** Checks, applies and records one event; returns it as stored. */
    async record(actor: Actor, body: unknown): Promise<ReorgEvent> {
      const spec = parseInput(ReorgSpec, body);
      return store.transaction(async (tx) => {
        const at = now();
        const tree = await loadTree(tx);
        const events = tree.reorgEvents;
        const plan = planReorg(tree.units, spec, { today: vnDate(at), latest: events.at(-1)?.spec.effective ?? null });
        if (!plan.ok) throw new AdminRefusal('invalid', plan.issues.map((i) => i.message).join('; '), plan.issues);
        // An officer with the admin right reorganises inside their subtree only: every unit the
        // event changes, and every unit it hangs them under, must be theirs.
        const access = accessOf(actor);
        for (const c of plan.changed) {
          const mine = plan.created.includes(c.id) ? mayCreateUnit(access, c.parentId, tree.byId) : mayAdministerUnit(access, c.id, tree.byId);
          const underMine = c.parentId === null || plan.created.includes(c.parentId) || mayAdministerUnit(access, c.parentId, tree.byId);
          if (!mine || !underMine) throw forbidden();
        }
        // A unit the event creates reports as the one it replaces did (its own rules, when it had some).
        const origin = spec.kind === 'merge' ? spec.from[0]! : spec.kind === 'split' ? spec.from : null;
        const inherited = origin ? (tree.byId.get(origin)?.rules ?? null) : null;
        for (const c of plan.changed) {
          const { id, name, level, parentId, placeholder } = c;
          await tx.putUnit({ id, name, level, parentId, placeholder, closedOn: c.closedOn ?? null }, plan.created.includes(id) ? inherited : undefined);
        }
        const movedUsers: Record<string, [string, string]> = {};
        for (const u of await tx.listUsers()) {
          const to = plan.successor[u.unitId];
          if (!to) continue;
          await tx.updateUser(u.id, { unitId: to });
          movedUsers[u.id] = [u.unitId, to];
        }
        const recordedBy = actor.kind === 'cli' ? null : actor.user.id;
        const event: Omit<ReorgEvent, 'seq'> = { spec, before: plan.before, created: plan.created, successor: plan.successor, movedUsers, recordedAt: at, recordedBy };
        const seq = await tx.appendReorgEvent(event);
        const target = targetOf(spec);
        await tx.appendAudit({
          at,
          actorId: recordedBy,
          actorName: actor.kind === 'cli' ? CLI_NAME : actor.user.displayName,
          action: `reorg.${spec.kind}`,
          target,
          unit: target,
          detail: { seq, spec, successor: plan.successor, created: plan.created, movedUsers: Object.keys(movedUsers).length },
        });
        // Roll-ups: the communes the event touched, and every unit that lost or gained a part.
        const after = await loadTree(tx);
        const touched = [...plan.changed.map((c) => c.id), ...plan.before.flatMap((b) => (b.parentId ? [b.parentId] : []))];
        await refreshRollups(tx, after, touched.filter((id) => after.byId.get(id)?.level === 'commune' || after.byId.get(id)?.level === 'village'), at, touched);
        return { ...event, seq };
      });
    },

    /** Every event, oldest first: the admin, or an officer with the admin right for events touching their subtree. */
    async list(actor: Actor): Promise<ReorgEvent[]> {
      const tree = await loadTree(store);
      const access = accessOf(actor);
      const mine = (e: ReorgEvent) => [...e.before.map((b) => b.id), ...e.created].some((id) => tree.has(id) && mayAdministerUnit(access, id, tree.byId));
      if (access.role !== 'admin' && !(access.canAdmin && access.active)) throw forbidden();
      return tree.reorgEvents.filter((e) => access.role === 'admin' || mine(e));
    },
  };
}
export type ReorgService = ReturnType<typeof reorgService>;
