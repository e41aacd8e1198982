// Issue 12 "a demo where every role has work": the simulated Quảng Xương history is valid
// data (every change passes the push checks), reproducible, written once, clearly labelled,
// and gives the district officer late reports, a returned one and reports to review.
import { afterEach, describe, expect, it } from 'vitest';
import { timeliness } from '../../src/domain/calendar.ts';
import type { RollupAnswer } from '../../src/domain/rollup.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { unitOfRecord } from '../../src/domain/sync/ids.ts';
import { SIM_DEVICE, SIM_MARK, simulateDemoHistory } from '../../sync-server/demo/history.ts';
import { loadTree } from '../../sync-server/org/load-tree.ts';
import { T0, testServer, type TestServer } from './helpers.ts';

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
const fresh = async () => {
  const s = await testServer({ demoUsers: true });
  servers.push(s);
  return s;
};
const simulated = async (s: TestServer) => {
  const units = (await s.store.getUnits()).map((u) => u.id);
  return (await s.store.pull({ after: 0, units, limit: 1e6, maxBytes: 1e9 })).changes.filter((c) => c.device === SIM_DEVICE);
};

// A few thousand changes through the merge path: seconds on a busy 2-core machine.
describe('simulated demo history', { timeout: 60_000 }, () => {
  it('is valid data a phone could have pushed, in the Quảng Xương communes only, by named simulated people', async () => {
    const s = await fresh();
    const result = await simulateDemoHistory(s.store, { now: T0 });
    expect(result).toMatchObject({ communes: 26, created: true });
    const log = await simulated(s);
    expect(log.length).toBe(result.changes);
    expect(log.length).toBeGreaterThan(1000);
    const tree = await loadTree(s.store);
    const qx = new Set(tree.communesUnder('qx').map((c) => c.id));
    const users = new Map((await s.store.listUsers()).map((u) => [u.id, u]));
    for (const c of log) {
      expect(checkChangeValue(c.coll, c.field, c.value), `${c.coll} ${c.id} ${c.field}`).toBeNull();
      expect(unitOfRecord(c.coll, c.id)).toEqual({ ok: true, unit: c.unit });
      expect(qx.has(c.unit), c.unit).toBe(true);
      expect(c.receivedAt).toBeLessThanOrEqual(T0);
      // Every author is a person the app can name; the simulated ones say so.
      const author = users.get(c.author);
      expect(author, c.author).toBeDefined();
      if (author!.id.startsWith('u-sim-')) expect(author!.displayName).toMatch(/\(mô phỏng\)$/);
    }
    // What people read says it is simulated.
    const notes = log.filter((c) => c.coll === 'status' && c.field === 'note');
    expect(notes.length).toBeGreaterThan(50);
    for (const n of notes) expect(String(n.value)).toContain(SIM_MARK);
    // Simulated accounts cannot be logged in to with the demo password (or any guess).
    const login = await s.request('POST', '/api/login', { body: { username: 'mophong.quangbinh', password: 'demo2026' } });
    expect(login.status).toBe(401);
  });

  it('gives the district late and on-time reports, one returned, and some waiting for review', async () => {
    const s = await fresh();
    await simulateDemoHistory(s.store, { now: T0 });
    const tree = await loadTree(s.store);
    const versions = (await s.store.listDocs({ colls: ['reportVersion'] })).filter((d) => d.unit.startsWith('qx-'));
    const received = await s.store.firstReceived('reportVersion', versions.map((v) => v.id));
    const verdicts = versions.map((v) => {
      const period = String(v.doc['period']!.heads[0]!.value);
      const rule = tree.rulesFor(v.unit).find((r) => r.periodType === 'monthly')!;
      return timeliness(rule, period, received.get(v.id)!, T0);
    });
    expect(verdicts.filter((t) => t === 'late').length).toBeGreaterThan(0);
    expect(verdicts.filter((t) => t === 'onTime').length).toBeGreaterThan(verdicts.length / 2);
    const comments = (await s.store.listDocs({ colls: ['comment'] })).filter((d) => d.unit.startsWith('qx-'));
    const decided = new Set(comments.map((c) => String(c.doc['reportId']!.heads[0]!.value)));
    expect(comments.filter((c) => c.doc['returns']!.heads[0]!.value === true)).toHaveLength(1);
    expect(comments.every((c) => c.doc['returns']!.heads[0]!.value !== c.doc['accepts']!.heads[0]!.value)).toBe(true);
    const waiting = versions.filter((v) => !decided.has(String(v.doc['reportId']!.heads[0]!.value)));
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    // The district's roll-up has all 26 communes with data.
    const officer = await s.session('u-quangxuong-huyen', 'qxoffice1');
    const rollup = await s.request<RollupAnswer>('GET', '/api/rollups?unit=qx', { token: officer });
    expect(rollup.status).toBe(200);
    expect(rollup.body.rollup.communes).toHaveLength(26);
    // What the district dashboard shows: late communes in some month, on-time ones in most.
    const monthly = rollup.body.timeliness.filter((t) => t.periodType === 'monthly');
    expect(monthly.some((t) => t.counts.late > 0)).toBe(true);
    expect(monthly.some((t) => t.counts.onTime > 13)).toBe(true);
  });

  it('is the same on every machine and is written once per database', async () => {
    const [a, b] = [await fresh(), await fresh()];
    await simulateDemoHistory(a.store, { now: T0 });
    await simulateDemoHistory(b.store, { now: T0 });
    const shape = (log: Awaited<ReturnType<typeof simulated>>) => log.map((c) => [c.coll, c.id, c.field, JSON.stringify(c.value), c.hlc, c.receivedAt].join('|'));
    expect(shape(await simulated(a))).toEqual(shape(await simulated(b)));
    const again = await simulateDemoHistory(a.store, { now: T0 + 86_400_000 });
    expect(again).toMatchObject({ created: false, changes: 0 });
  });
});
