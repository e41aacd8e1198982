import { predecessors } from '../../src/domain/sync/merge.ts';
// Devices edit the same records offline and sync through the real app while the network
// duplicates, reorders, drops and retries their batches. At the end every device must hold
// exactly the server's docs, and the server's log must account for every change.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { SyncResponse } from '../../src/domain/sync/wire.ts';
import { testServer, type ErrorJson, type TestServer } from './helpers.ts';
import { SimDevice, fieldKey, type Docs } from './sim-device.ts';

interface Target {
  coll: Collection;
  id: string;
  field: string;
  unit: string;
  value: fc.Arbitrary<FieldValue>;
  /** Whether the village member may write it. */
  village: boolean;
}
const TARGETS: Target[] = [
  { coll: 'status', id: 'tv:mh-24', field: 'progress', unit: 'tv', value: fc.constantFrom(0, 25, 50, 100), village: true },
  { coll: 'status', id: 'tv:mh-24', field: 'note', unit: 'tv', value: fc.constantFrom('Đang lắp camera', 'Đã xong', ''), village: true },
  { coll: 'status', id: 'tv:mh-01', field: 'note', unit: 'tv', value: fc.constantFrom('Chờ kinh phí', 'Đã tập huấn'), village: true },
  { coll: 'indicators', id: 'tv@2026-11', field: 's.khai-sinh.total', unit: 'tv', value: fc.nat(5), village: false },
];

/** Four phones: two of the commune's standing body (one 2 h fast), one 3 min fast, a village member 20 min slow. */
const DEVICES = [
  { id: 'phone_a', user: 'u-thieuvan-congan', skew: 0, village: false, ordered: false },
  { id: 'phone_b', user: 'u-thieuvan-congan', skew: 2 * 3600_000, village: false, ordered: true },
  { id: 'phone_d', user: 'u-thieuvan-congan', skew: 3 * 60_000, village: false, ordered: false },
  { id: 'phone_c', user: 'u-thieuvan-thon1', skew: -20 * 60_000, village: true, ordered: false },
] as const;

type Fault = 'none' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'reorder';
type Op =
  | { kind: 'edit'; device: number; target: number; value: FieldValue }
  | { kind: 'sync'; device: number; fault: Fault; limit: number }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: TARGETS.length - 1 }).chain((target) =>
      fc.record({ kind: fc.constant('edit' as const), device: fc.nat(DEVICES.length - 1), target: fc.constant(target), value: TARGETS[target]!.value })) },
  { weight: 4, arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: fc.nat(DEVICES.length - 1),
      fault: fc.constantFrom<Fault>('none', 'none', 'dropRequest', 'dropResponse', 'duplicate', 'reorder'),
      limit: fc.integer({ min: 1, max: 4 }),
    }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 10 * 60_000 }) }) },
);

async function post(s: TestServer, d: SimDevice, batch: SimDevice['outbox']) {
  return s.sync(d.token, d.id, batch, d.cursor);
}

/** One sync attempt under a network fault. */
async function syncWithFault(s: TestServer, d: SimDevice, ordered: boolean, fault: Fault, limit: number): Promise<void> {
  // A phone whose clock runs far ahead sends its whole outbox each time (see sim-device.ts).
  const batch = ordered ? d.outbox : d.outbox.slice(0, limit);
  const handle = (r: Awaited<ReturnType<typeof post>>) => {
    if (r.status === 409 && (r.body as ErrorJson).error.code === 'sync/seq-gap') return; // resent later from the outbox
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    d.receive(s.clock.now(), r.body as SyncResponse);
  };
  switch (fault) {
    case 'dropRequest':
      return;
    case 'dropResponse':
      await post(s, d, batch);
      return;
    case 'duplicate':
      handle(await post(s, d, batch));
      handle(await post(s, d, batch));
      return;
    case 'reorder': {
      if (ordered) return handle(await post(s, d, batch));
      // The later half of the outbox overtakes the first half.
      const later = d.outbox.slice(limit, 2 * limit);
      if (later.length) handle(await post(s, d, later));
      handle(await post(s, d, batch));
      return;
    }
    case 'none':
      handle(await post(s, d, batch));
  }
}

async function settle(s: TestServer, devices: SimDevice[]): Promise<void> {
  for (const d of devices) {
    for (let i = 0; d.outbox.length > 0 && i < 50; i++) await syncWithFault(s, d, true, 'none', 500);
  }
  for (const d of devices) {
    for (let i = 0; i < 50; i++) {
      const r = await post(s, d, []);
      d.receive(s.clock.now(), r.body as SyncResponse);
      if (!r.body.m) break;
    }
  }
}

describe('convergence through the server', () => {
  it('every device ends with the server\'s docs; the log accounts for every acknowledged change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 45 }), async (ops) => {
        const s = await testServer();
        try {
          await s.addUser({ id: 'u-thieuvan-congan', username: 'thieuvan.congan', role: 'communeStanding', unitId: 'tv' });
          await s.addUser({ id: 'u-thieuvan-thon1', username: 'thieuvan.thon1', role: 'villageMember', unitId: 'tv-thon-1' });
          const devices = await Promise.all(DEVICES.map(async (d) => new SimDevice(d.id, await s.session(d.user, d.id), d.skew, d.user)));
          const written = new Set<string>();

          for (const o of ops) {
            if (o.kind === 'wait') s.clock.advance(o.ms);
            else if (o.kind === 'edit') {
              const t = TARGETS[o.target]!;
              if (DEVICES[o.device]!.village && !t.village) continue;
              devices[o.device]!.edit(s.clock.now(), t.coll, t.id, t.field, o.value, t.unit);
              written.add(JSON.stringify(o.value));
            } else await syncWithFault(s, devices[o.device]!, DEVICES[o.device]!.ordered, o.fault, o.limit);
          }
          await settle(s, devices);

          // 1. Every device holds exactly the server's docs.
          const server: Docs = new Map();
          for (const d of await s.store.listDocs({})) {
            for (const [field, heads] of Object.entries(d.doc)) server.set(fieldKey(d.coll, d.id, field), heads);
          }
          const readable = new Map([...server].filter(([key]) => /\/tv[:@-]|\/tv$/.test(key.split('/').slice(0, 2).join('/'))));
          for (const d of devices) expect(d.docs).toEqual(readable);

          // 2. Every acknowledged change is logged exactly once, as the device made it.
          const log = [];
          for (const d of devices) {
            const entries = await s.store.deviceChanges(d.id, 1, 1e9);
            expect(entries.map((e) => e.deviceSeq)).toEqual([...d.made.keys()]);
            expect(d.acked).toBe(d.made.size);
            for (const e of entries) {
              const made = d.made.get(e.deviceSeq!)!;
              expect([e.coll, e.id, e.field, e.value]).toEqual([made[1], made[2], made[3], made[4]]);
              expect(e.origHlc === null ? e.hlc : e.origHlc).toBe(made[5]);
            }
            log.push(...entries);
          }

          // 3. Each logged change is shown or kept as a conflict head, unless a change whose
          //    author had it on screen (names it as a predecessor) overwrote it — and only then.
          for (const e of log) {
            const state = server.get(fieldKey(e.coll, e.id, e.field));
            const kept = state?.heads.some((h) => h.hlc === e.hlc) ?? false;
            const overwritten = log.some((m) => m !== e && m.coll === e.coll && m.id === e.id && m.field === e.field && predecessors(m.base).includes(e.hlc));
            expect(kept !== overwritten, `${e.coll}/${e.id}/${e.field} ${e.hlc} kept=${kept} overwritten=${overwritten}`).toBe(true);
          }

          // 4. No value appears that nobody wrote: every head is a logged change, unaltered.
          const bySeqStamp = new Map((await s.store.pull({ after: 0, units: ['tv'], limit: 1e6, maxBytes: 1e9 })).changes.map((c) => [`${c.coll}/${c.id}/${c.field}/${c.hlc}`, c]));
          for (const [key, state] of readable) {
            for (const h of state.heads) {
              const logged = bySeqStamp.get(`${key}/${h.hlc}`);
              expect(logged, `${key} ${h.hlc}`).toBeDefined();
              expect({ value: h.value, base: h.base, author: h.author }).toEqual({ value: logged!.value, base: logged!.base, author: logged!.author });
              if (logged!.author !== 'seed') expect(written.has(JSON.stringify(h.value))).toBe(true);
            }
          }
        } finally {
          await s.close();
        }
      }),
      {
        numRuns: 40,
        examples: [
          // The fast phone's answer is lost, so it edits again on top of its own far-future
          // stamp while another phone's edit lands in between: the server must map that base
          // to the re-stamped change, not to whatever the field shows now.
          [[
            { kind: 'edit', device: 1, target: 1, value: 'Đã xong' },
            { kind: 'sync', device: 1, fault: 'dropResponse', limit: 1 },
            { kind: 'wait', ms: 1000 },
            { kind: 'edit', device: 0, target: 1, value: 'Đang lắp camera' },
            { kind: 'sync', device: 0, fault: 'none', limit: 4 },
            { kind: 'edit', device: 1, target: 1, value: '' },
            { kind: 'sync', device: 1, fault: 'none', limit: 4 },
          ]],
        ],
      },
    );
  }, 60_000);
});
