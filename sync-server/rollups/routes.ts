// GET /api/rollups?unit=<id> and GET /api/rollups/children?unit=<id>: what a district or
// province officer caches to follow its communes offline. Stored roll-ups are current as
// of every committed push; timeliness is classified against "now" on each request. The
// answers' shape is the shared one (src/domain/rollup.ts), which the dashboard parses with.
import { loadTree } from '../org/load-tree.ts';
import { flushRollups } from './flush.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { emptyRollup, reportTimeliness, type RollupAnswer, type RollupChildrenAnswer, type UnitRollup } from '../../src/domain/rollup.ts';
import { requireSession } from '../auth/session.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, parseBody } from '../http/errors.ts';
import { OrgTree } from '../org/tree.ts';
import type { SyncStore } from '../store/types.ts';

/** How far back report timeliness is listed. */
export const TIMELINESS_WINDOW_MS = 92 * 86_400_000;


const Query = z.object({ unit: z.string().min(1).max(80) });

export function rollupRoutes(deps: { store: SyncStore; now: () => number }) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();

  async function unitRollup(tree: OrgTree, unitId: string, at: number): Promise<UnitRollup> {
    const unit = tree.byId.get(unitId)!;
    const stored = await store.getRollup(unitId);
    const rollup = stored?.rollup ?? emptyRollup(unitId);
    const communes = tree.communesUnder(unitId).map((c) => ({ unitId: c.id, rules: tree.rulesFor(c.id), ...tree.activeSpan(c.id) }));
    return {
      unitId,
      name: unit.name,
      level: unit.level,
      updatedAt: stored?.updatedAt ?? null,
      rollup,
      timeliness: reportTimeliness(rollup.reports, communes, at, at - TIMELINESS_WINDOW_MS),
    };
  }

  async function readable(unitId: string, user: AppEnv['Variables']['session']['user']): Promise<OrgTree> {
    // Whatever pushes arrived a moment ago are in what we answer.
    await flushRollups(store, now);
    const tree = await loadTree(store);
    if (!tree.has(unitId)) throw new ApiError(404, 'rollup/unknown-unit', `Không có đơn vị ${unitId}`);
    // A village team's phone is not sent the commune's figures or reports (subscriptions.ts):
    // the commune's roll-up, built from them, is not for it either.
    if (user.role === 'villageMember') {
      throw new ApiError(403, 'auth/forbidden-unit', 'Tổ công nghệ số của thôn không xem số liệu tổng hợp của xã');
    }
    if (!tree.canRead(user, unitId)) {
      throw new ApiError(403, 'auth/forbidden-unit', `Tài khoản không được xem số liệu của ${tree.byId.get(unitId)!.name}`);
    }
    return tree;
  }

  app.use('*', requireSession(store, now));

  app.get('/', async (c) => {
    const { unit } = parseBody(Query, c.req.query());
    const tree = await readable(unit, c.get('session').user);
    const asOf = now();
    const answer: RollupAnswer = { asOf, ...(await unitRollup(tree, unit, asOf)) };
    return c.json(answer);
  });

  app.get('/children', async (c) => {
    const { unit } = parseBody(Query, c.req.query());
    const tree = await readable(unit, c.get('session').user);
    const asOf = now();
    const children: UnitRollup[] = [];
    for (const child of tree.children(unit)) children.push(await unitRollup(tree, child.id, asOf));
    const answer: RollupChildrenAnswer = { asOf, unitId: unit, children };
    return c.json(answer);
  });

  return app;
}
