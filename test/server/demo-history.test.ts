// Issue 12 "a demo where every role has work": the simulated Quảng Xương history is valid
// data (every change passes the push checks), reproducible, written once, clearly labelled,
// and gives the district officer late reports, a returned one and reports to review; and
// (issue 11) progress on the province's tasks in Thiệu Vân and several Quảng Xương communes,
// written by each commune's standing body, for the district dashboard and the province report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { timeliness } from '../../src/domain/calendar.ts';
import type { Role } from '../../src/domain/people.ts';
import { TaskStatus, taskProgressProblems } from '../../src/domain/plans.ts';
import type { RollupAnswer } from '../../src/domain/rollup.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { parseTaskProgressId, unitOfRecord } from '../../src/domain/sync/ids.ts';
import type { PulledChange } from '../../src/domain/sync/wire.ts';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';
import { SIM_DEVICE, SIM_MARK, simulateDemoHistory } from '../../sync-server/demo/history.ts';
import { loadTree } from '../../sync-server/org/load-tree.ts';
import { taskScopeLookup } from '../../sync-server/plans/task-scope.ts';
import { authorizeWrite } from '../../sync-server/sync/authorize.ts';
import { T0, testServer, type TestServer } from './helpers.ts';

/** The demo accounts as the file gives them: the expectation for who writes a commune's progress. */
const DEMO_FILE = JSON.parse(readFileSync(join(import.meta.dirname, '../../seeds/demo-users.json'), 'utf8')) as { users: { id: string; role: Role; unitId: string }[] };

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
  it('is valid data a phone could have pushed, in the Quảng Xương communes (task progress also in Thiệu Vân), by named people', async () => {
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
      // Task progress also in Thiệu Vân (the province's task table names every commune); the
      // inspection campaign's own records under the district that runs it (demo-campaign.test.ts).
      const campaignOwn = (c.coll === 'campaign' || c.coll === 'inspection' || c.coll === 'campaignAnswer') && c.unit === 'qx';
      expect(qx.has(c.unit) || (c.coll === 'taskProgress' && c.unit === 'tv') || campaignOwn, c.unit).toBe(true);
      expect(c.receivedAt).toBeLessThanOrEqual(T0);
      // Every author is a person the app can name; the simulated ones say so.
      const author = users.get(c.author);
      expect(author, c.author).toBeDefined();
      if (author!.id.startsWith('u-sim-')) expect(author!.displayName).toMatch(/\(mô phỏng\)$/);
    }
    // A commune's later assessment of a model replaces its earlier one (the save names the
    // stamps it saw, as a phone's does): no field shows a concurrent edit to choose from.
    const assessed = (await s.store.listDocs({ colls: ['status'] })).filter((d) => d.unit.startsWith('qx-'));
    expect(assessed.length).toBeGreaterThan(100);
    for (const d of assessed) for (const [field, state] of Object.entries(d.doc)) expect(state.heads, `${d.id} ${field}`).toHaveLength(1);
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

  it('records progress on 001 Phụ lục I tasks of "UBND cấp xã" in Thiệu Vân and several Quảng Xương communes, each by the commune’s standing body', async () => {
    const s = await fresh();
    await simulateDemoHistory(s.store, { now: T0 });
    const tree = await loadTree(s.store);
    const log = (await simulated(s)).filter((c) => c.coll === 'taskProgress');
    const docs = (await s.store.listDocs({ colls: ['taskProgress'] })).filter((d) => log.some((c) => c.id === d.id));
    const communes = new Set(docs.map((d) => d.unit));
    expect(communes.has('tv')).toBe(true);
    expect([...communes].filter((u) => u.startsWith('qx-')).length).toBeGreaterThanOrEqual(3);

    // The tasks: 001 Phụ lục I's, and each names "UBND cấp xã" (some rows spell out "Ủy ban
    // nhân dân cấp xã") as lead or partner.
    const plan = loadPlanSeeds().plans.find((p) => p.source.file === '001_0be6ffac82be08d1.txt' && p.table === 'Phụ lục I')!;
    const users = new Map((await s.store.listUsers()).map((u) => [u.id, u]));
    const task = taskScopeLookup(s.store, tree);
    const today = new Date(T0 + 7 * 3_600_000).toISOString().slice(0, 10);
    const statuses = new Set<string>();
    for (const d of docs) {
      const ref = parseTaskProgressId(d.id)!;
      const t = plan.tasks.find((x) => x.id === ref.taskId);
      expect(t, d.id).toBeDefined();
      expect([...t!.lead, ...t!.partners].some((r) => r.kind === 'level' && r.level === 'commune' && /^(UBND|Ủy ban nhân dân) cấp xã/.test(r.text)), d.id).toBe(true);

      // Who wrote it: the commune's standing body — its account in demo-users.json where the
      // file has one (Thiệu Vân, Tân Phong), else the history's simulated commune police.
      const authors = new Set(log.filter((c) => c.id === d.id).map((c) => c.author));
      expect(authors.size, d.id).toBe(1);
      const author = users.get([...authors][0]!)!;
      expect(author, d.id).toBeDefined();
      expect([author.role, author.unitId], d.id).toEqual(['communeStanding', d.unit]);
      const demoAccount = DEMO_FILE.users.find((u) => u.unitId === d.unit && u.role === 'communeStanding');
      if (demoAccount) expect(author.id, d.id).toBe(demoAccount.id);
      else expect(author.displayName, d.id).toMatch(/\(mô phỏng\)$/);
      // The push's own write rule accepts it for that author; not for the commune's leader or the district.
      const target = { coll: 'taskProgress' as const, unit: d.unit, adoptionId: null, taskId: ref.taskId };
      expect(await authorizeWrite({ user: author, tree, adoption: async () => null, task }, target), d.id).toBeNull();
      expect(await authorizeWrite({ user: { role: 'communeLeader', unitId: d.unit }, tree, adoption: async () => null, task }, target)).not.toBeNull();
      expect(await authorizeWrite({ user: { role: 'districtOfficer', unitId: tree.byId.get(d.unit)!.parentId! }, tree, adoption: async () => null, task }, target)).not.toBeNull();

      // What it says: one current value per field (a later save replaced the earlier), a status
      // of the documents' vocabulary, the record rules of a progress form, a result marked simulated.
      for (const [field, state] of Object.entries(d.doc)) expect(state.heads, `${d.id} ${field}`).toHaveLength(1);
      const v = Object.fromEntries(Object.entries(d.doc).map(([f, state]) => [f, state.heads[0]!.value]));
      const status = TaskStatus.parse(v.status);
      statuses.add(status);
      expect(taskProgressProblems({ status, percent: v.percent as number, cause: v.cause as string | undefined }), d.id).toEqual([]);
      expect(String(v.result)).toContain(SIM_MARK);
      expect(String(v.asOf) <= today).toBe(true);
    }
    // Realistic: work under way, work kept up, and some not done — with its cause.
    for (const st of ['inProgress', 'ongoing', 'notDone']) expect(statuses.has(st), st).toBe(true);
    expect(docs.filter((d) => d.doc.status!.heads[0]!.value === 'notDone').every((d) => String(d.doc.cause?.heads[0]?.value ?? '').length > 0)).toBe(true);

    // The district dashboard's task progress: its communes' statuses in its roll-up.
    const officer = await s.session('u-quangxuong-huyen', 'qxoffice1');
    const rollup = await s.request<RollupAnswer>('GET', '/api/rollups?unit=qx', { token: officer });
    const reported = Object.values(rollup.body.rollup.tasks).flatMap((t) => Object.values(t.units).flat());
    expect(new Set(reported)).toEqual(new Set([...communes].filter((u) => u.startsWith('qx-'))));
    // The province report prefills Phụ lục I from the records the province officer's phone pulls.
    const province = await s.session('u-thanhhoa-tinh', 'thoffice1');
    const pulled: PulledChange[] = [];
    for (let p = 0, more = true; more; ) {
      const r = await s.sync(province, 'thoffice1', [], p);
      pulled.push(...r.body.c.filter((c) => c[1] === 'taskProgress'));
      [p, more] = [r.body.p, r.body.m];
    }
    expect(new Set(pulled.map((c) => c[2]))).toEqual(new Set(docs.map((d) => d.id)));
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
