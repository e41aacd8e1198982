import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHlc, receive, tick, decodeHlc, type HlcState } from '../../src/domain/sync/hlc.ts';
import { EMPTY_FIELD, baseFor, conflicts, latestPredecessor, mergeField, mergeFieldStates, predecessors, winner, type FieldHead, type FieldState } from '../../src/domain/sync/merge.ts';

describe('hybrid logical clock', () => {
  it('encodes to fixed width so string order is time order', () => {
    fc.assert(
      fc.property(
        fc.record({ wall: fc.integer({ min: 0, max: 36 ** 9 - 1 }), counter: fc.integer({ min: 0, max: 36 ** 3 - 1 }) }),
        fc.record({ wall: fc.integer({ min: 0, max: 36 ** 9 - 1 }), counter: fc.integer({ min: 0, max: 36 ** 3 - 1 }) }),
        (a, b) => {
          const ha = encodeHlc({ ...a, device: 'devA' });
          const hb = encodeHlc({ ...b, device: 'devA' });
          const byTime = a.wall - b.wall || a.counter - b.counter;
          expect(Math.sign(ha < hb ? -1 : ha > hb ? 1 : 0)).toBe(Math.sign(byTime));
          expect(decodeHlc(ha)).toEqual({ ...a, device: 'devA' });
        },
      ),
    );
  });

  it('never goes backwards, even when the phone clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2e12 }), { minLength: 1, maxLength: 50 }), (walls) => {
        let s: HlcState = { wall: 0, counter: 0, device: 'dev1' };
        let last = '';
        for (const now of walls) {
          s = tick(s, now);
          const h = encodeHlc(s);
          expect(h > last).toBe(true);
          last = h;
        }
      }),
    );
  });

  it('stamps after anything received', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 100 }), (mine, theirs, c) => {
        const remote = encodeHlc({ wall: theirs, counter: c, device: 'other' });
        const s = receive({ wall: mine, counter: 0, device: 'dev1' }, remote, mine);
        expect(encodeHlc(tick(s, mine)) > remote).toBe(true);
      }),
    );
  });
});

/** Simulated devices that edit one field offline and exchange changes in any order. */
interface Device {
  clock: HlcState;
  state: FieldState;
}
function edit(d: Device, value: number, now: number, author: string): FieldHead {
  const base = baseFor(d.state);
  const latest = latestPredecessor(base);
  if (latest) d.clock = receive(d.clock, latest, now);
  d.clock = tick(d.clock, now);
  const head: FieldHead = { value, hlc: encodeHlc(d.clock), base, author };
  d.state = mergeField(d.state, head);
  return head;
}

const scenario = fc.record({
  devices: fc.integer({ min: 2, max: 5 }),
  steps: fc.array(
    fc.record({
      device: fc.nat(),
      kind: fc.constantFrom('edit', 'edit', 'receive'),
      value: fc.integer({ min: 0, max: 100 }),
      clockSkew: fc.integer({ min: -86_400_000, max: 86_400_000 }),
      pick: fc.nat(),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  deliveryOrder: fc.array(fc.nat(), { maxLength: 200 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
function run(s: Scenario) {
  const devices: Device[] = Array.from({ length: s.devices }, (_, i) => ({ clock: { wall: 0, counter: 0, device: `dev${i}` }, state: EMPTY_FIELD }));
  const all: FieldHead[] = [];
  let t = 1_700_000_000_000;
  for (const step of s.steps) {
    t += 1000;
    const d = devices[step.device % devices.length]!;
    if (step.kind === 'edit') all.push(edit(d, step.value, t + step.clockSkew, `author${step.device % devices.length}`));
    else if (all.length) {
      // Receive some change already written elsewhere (duplicates and reordering included).
      const h = all[step.pick % all.length]!;
      d.state = mergeField(d.state, h);
      d.clock = receive(d.clock, h.hlc, t);
    }
  }
  return { devices, all };
}

describe('merge rule', () => {
  it('converges: every device ends with the same state whatever the delivery order, duplicates included', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { devices, all } = run(s);
        // Deliver everything to every device, each in its own shuffled order with repeats.
        const finals = devices.map((d, i) => {
          let state = d.state;
          const order = [...all.keys(), ...s.deliveryOrder.map((n) => n % Math.max(1, all.length))].filter((n) => n < all.length);
          const rotated = order.slice(i % Math.max(1, order.length)).concat(order.slice(0, i % Math.max(1, order.length)));
          for (const n of rotated) state = mergeField(state, all[n]!);
          return state;
        });
        for (const f of finals) expect(f).toEqual(finals[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('loses nothing: each change is shown, kept as a conflict, or was seen by whoever overwrote it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { all } = run(s);
        const final = all.reduce<FieldState>((st, h) => mergeField(st, h), EMPTY_FIELD);
        const heads = new Set(final.heads.map((h) => h.hlc));
        for (const c of all) {
          // Dropped exactly when some author had it on screen and wrote over it.
          const overwritten = all.some((m) => predecessors(m.base).includes(c.hlc));
          expect(heads.has(c.hlc)).toBe(!overwritten);
        }
        // Nothing appears that nobody wrote.
        for (const h of final.heads) expect(all).toContainEqual(h);
        // The winner is the newest stamp.
        if (all.length) expect(winner(final)!.hlc).toBe(all.map((a) => a.hlc).sort().at(-1));
        expect(final.dead).toEqual([...new Set(all.flatMap((a) => predecessors(a.base)))].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('is commutative, associative and idempotent over states', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), (s, x, y) => {
        const { all } = run(s);
        const cut1 = all.length ? x % all.length : 0;
        const cut2 = all.length ? y % all.length : 0;
        const build = (hs: FieldHead[]) => hs.reduce<FieldState>((st, h) => mergeField(st, h), EMPTY_FIELD);
        const a = build(all.slice(0, cut1));
        const b = build(all.slice(cut1));
        const c = build(all.slice(Math.min(cut1, cut2), Math.max(cut1, cut2)));
        expect(mergeFieldStates(a, b)).toEqual(mergeFieldStates(b, a));
        expect(mergeFieldStates(mergeFieldStates(a, b), c)).toEqual(mergeFieldStates(a, mergeFieldStates(b, c)));
        expect(mergeFieldStates(a, a)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the losing value of two offline edits, and an edit that saw it resolves the conflict', () => {
    const police: Device = { clock: { wall: 0, counter: 0, device: 'police' }, state: EMPTY_FIELD };
    const village: Device = { clock: { wall: 0, counter: 0, device: 'thon1' }, state: EMPTY_FIELD };
    const first = edit(police, 10, 1000, 'congan');
    village.state = mergeField(village.state, first);
    const a = edit(police, 50, 2000, 'congan'); // both offline now
    const b = edit(village, 60, 3000, 'thon1');
    const merged = mergeField(mergeField(police.state, b), a);
    expect(winner(merged)?.value).toBe(60);
    expect(conflicts(merged).map((h) => h.value)).toEqual([50]);
    const resolved = mergeField(merged, edit({ clock: police.clock, state: merged }, 55, 4000, 'congan'));
    expect(conflicts(resolved)).toEqual([]);
    expect(winner(resolved)?.value).toBe(55);
  });

  it('breaks ties between equal clocks deterministically by device id', () => {
    const x: FieldHead = { value: 'x', hlc: encodeHlc({ wall: 5, counter: 0, device: 'aaaa' }), base: null, author: '' };
    const y: FieldHead = { value: 'y', hlc: encodeHlc({ wall: 5, counter: 0, device: 'bbbb' }), base: null, author: '' };
    expect(winner(mergeField(mergeField(EMPTY_FIELD, x), y))?.value).toBe('y');
    expect(winner(mergeField(mergeField(EMPTY_FIELD, y), x))?.value).toBe('y');
  });

  it('never hides a concurrent edit behind a third edit with a later stamp', () => {
    // A edits offline; C edits offline later (not having seen A); B sees only C and edits.
    const a: Device = { clock: { wall: 0, counter: 0, device: 'devA' }, state: EMPTY_FIELD };
    const b: Device = { clock: { wall: 0, counter: 0, device: 'devB' }, state: EMPTY_FIELD };
    const c: Device = { clock: { wall: 0, counter: 0, device: 'devC' }, state: EMPTY_FIELD };
    const fromA = edit(a, 10, 1000, 'A');
    const fromC = edit(c, 20, 2000, 'C');
    b.state = mergeField(b.state, fromC);
    const fromB = edit(b, 30, 3000, 'B');
    for (const order of [[fromA, fromC, fromB], [fromB, fromC, fromA], [fromC, fromB, fromA]]) {
      const final = order.reduce<FieldState>((st, h) => mergeField(st, h), EMPTY_FIELD);
      expect(winner(final)?.value).toBe(30);
      expect(conflicts(final).map((h) => h.value)).toEqual([10]); // A's value is kept, C's was seen by B
    }
  });

  it('a late copy of an overwritten change does not come back', () => {
    const d: Device = { clock: { wall: 0, counter: 0, device: 'devA' }, state: EMPTY_FIELD };
    const first = edit(d, 1, 1000, 'A');
    const second = edit(d, 2, 2000, 'A');
    const third = edit(d, 3, 3000, 'A');
    const other = [third, first, second].reduce<FieldState>((st, h) => mergeField(st, h), EMPTY_FIELD);
    expect(other.heads.map((h) => h.value)).toEqual([3]);
    expect(mergeField(other, first)).toBe(other);
  });
});

