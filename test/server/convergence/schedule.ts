// What people and the network do, as a generated schedule, and the driver that plays it on a
// World. A person opens a record's status form (what it rendered is remembered, as the form
// does), syncs, comes back and taps "Lưu": only the fields they changed are saved, with
// `seen` = the stamps the form rendered — so pulls land between read and save. The network
// drops, duplicates, holds and replays requests; held copies arrive in whatever order the
// schedule picks.
import fc from 'fast-check';
import { baseFor, type Base, type FieldValue } from '../../../src/domain/sync/merge.ts';
import { FATES, type Fate } from './network.ts';
import type { Saved, Target } from './oracle.ts';
import type { Seat, World } from './world.ts';

/** Two models assigned to every village of Thiệu Vân: all four people may write their status. */
export const TARGETS: readonly Target[] = [
  { coll: 'status', id: 'tv:mh-24', unit: 'tv' },
  { coll: 'status', id: 'tv:mh-01', unit: 'tv' },
];
/** Fields with no cross-field rule between them, so no save is refused. */
export const VALUES: Readonly<Record<string, readonly FieldValue[]>> = {
  progress: [0, 25, 50, 75, 100],
  note: ['Đang lắp camera', 'Đã tập huấn cho người dân', 'Chờ kinh phí', ''],
  proposals: ['Đề nghị hỗ trợ thiết bị', 'Không có'],
};
export const FIELDS = Object.keys(VALUES);

export type Cmd =
  | { k: 'open'; seat: number; rec: number }
  /** pick ≤ MAX_PICK: one of the field's values; beyond: "Giữ bản này" on a version the form shows. */
  | { k: 'save'; seat: number; rec: number; edits: { field: number; pick: number }[]; /** Send edited fields even if unchanged (as the old form did). */ sendUnchanged?: true }
  | { k: 'sync'; seat: number; fates: Fate[] }
  | { k: 'deliver'; pick: number }
  | { k: 'replay'; pick: number }
  | { k: 'wait'; ms: number }
  | { k: 'relogin'; seat: number };

const MAX_PICK = 7;

export function commands(seats: number): fc.Arbitrary<Cmd[]> {
  const seat = fc.nat(seats - 1);
  // Most edits meet on one record and two fields: contention is what this test is about.
  const rec = fc.constantFrom(0, 0, 0, 1);
  const field = fc.constantFrom(0, 0, 1, 1, 2);
  const open = fc.record({ k: fc.constant('open' as const), seat, rec });
  const save = fc.record({
    k: fc.constant('save' as const),
    seat,
    rec,
    edits: fc.array(fc.record({ field, pick: fc.nat(MAX_PICK + 3) }), { minLength: 1, maxLength: 2 }),
  });
  const fate = fc.oneof({ weight: 4, arbitrary: fc.constant<Fate>('deliver') }, { weight: 5, arbitrary: fc.constantFrom(...FATES) });
  const sync = fc.record({ k: fc.constant('sync' as const), seat, fates: fc.array(fate, { maxLength: 4 }) });
  const single: fc.Arbitrary<Cmd> = fc.oneof(
    { weight: 3, arbitrary: open },
    { weight: 4, arbitrary: save },
    { weight: 5, arbitrary: sync },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('deliver' as const), pick: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('replay' as const), pick: fc.nat(60) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 10 * 60_000 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('relogin' as const), seat }) },
  );
  // A form left open while others' edits and this phone's own sync come and go.
  const formSession: fc.Arbitrary<Cmd[]> = fc
    .tuple(seat, rec, fc.array(single, { minLength: 1, maxLength: 3 }), save)
    .map(([s, r, middle, sv]) => [{ k: 'open', seat: s, rec: r }, { k: 'sync', seat: s, fates: [] }, ...middle, { ...sv, seat: s, rec: r }]);
  // Problem 1's shape with faults: A opens, B saves the same record and syncs, A's phone
  // syncs while the form is open, A saves.
  const contended: fc.Arbitrary<Cmd[]> = fc
    .tuple(seat, seat, rec, save, save, sync, sync)
    .map(([a, b, r, theirs, mine, syncB, syncA]) => [
      { k: 'open', seat: a, rec: r },
      { ...theirs, seat: b, rec: r },
      { ...syncB, seat: b },
      { ...syncA, seat: a },
      { ...mine, seat: a, rec: r },
    ]);
  // Everyone catches up; then someone settles what the form shows side by side ("Giữ bản này").
  const settle: fc.Arbitrary<Cmd[]> = fc
    .tuple(seat, rec, field, fc.nat(3))
    .map(([s, r, field, version]): Cmd[] => [
      ...Array.from({ length: seats }, (_, i): Cmd => ({ k: 'sync', seat: (s + 1 + i) % seats, fates: [] })),
      { k: 'open', seat: s, rec: r },
      { k: 'save', seat: s, rec: r, edits: [{ field, pick: MAX_PICK + 1 + version }] },
    ]);
  return fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: single.map((c) => [c]) },
        { weight: 2, arbitrary: formSession },
        { weight: 2, arbitrary: contended },
        { weight: 1, arbitrary: settle },
      ),
      { minLength: 6, maxLength: 18 },
    )
    .map((groups) => groups.flat());
}

interface FieldOnScreen {
  value: FieldValue | undefined;
  /** Each version shown (one unless a concurrent edit is displayed beside the newest). */
  versions: { hlc: string; value: FieldValue }[];
  seen: Base | null;
}
interface Form {
  rec: number;
  fields: Record<string, FieldOnScreen>;
}

export class Driver {
  readonly saves: Saved[] = [];
  /** Outcomes other than a network error during the faulty phase (none expected). */
  readonly anomalies: string[] = [];
  private readonly forms = new Map<string, Form>();

  constructor(private readonly world: World) {}

  private seat(i: number): Seat {
    return this.world.seats[i % this.world.seats.length]!;
  }

  /** What the status form renders: each field's value and versions, and `baseFor` of its state as `seen`. */
  private async open(seat: Seat, rec: number): Promise<Form> {
    const t = TARGETS[rec]!;
    const doc = await seat.store.doc(t.coll, t.id);
    const values = await seat.store.values(t.coll, t.id);
    const fields: Record<string, FieldOnScreen> = {};
    for (const f of FIELDS) {
      const state = doc?.fields[f];
      fields[f] = { value: values[f], versions: (state?.heads ?? []).map((h) => ({ hlc: h.hlc, value: h.value })), seen: baseFor(state) };
    }
    const form = { rec, fields };
    this.forms.set(seat.key, form);
    return form;
  }

  private async save(seat: Seat, rec: number, edits: readonly { field: number; pick: number }[], sendUnchanged = false): Promise<void> {
    const open = this.forms.get(seat.key);
    const form = open?.rec === rec ? open : await this.open(seat, rec);
    this.forms.delete(seat.key); // "Lưu" closes the form
    const t = TARGETS[rec]!;
    const values: Record<string, FieldValue> = {};
    for (const { field, pick } of edits) {
      const name = FIELDS[field]!;
      const shown = form.fields[name]!;
      const choices = VALUES[name]!;
      const value = pick <= MAX_PICK || shown.versions.length === 0 ? choices[pick % choices.length]! : shown.versions[(pick - MAX_PICK - 1) % shown.versions.length]!.value;
      // The form sends a field the person changed, or one whose shown versions they settled.
      if (sendUnchanged || shown.versions.length > 1 || JSON.stringify(value) !== JSON.stringify(shown.value)) values[name] = value;
      else delete values[name];
    }
    if (Object.keys(values).length === 0) return;
    const seen: Record<string, Base | null> = {};
    for (const name of Object.keys(values)) seen[name] = form.fields[name]!.seen;
    const before = new Set((await seat.store.history(t.coll, t.id)).map((c) => c.hlc));
    await seat.store.writeMany([{ coll: t.coll, id: t.id, unit: t.unit, values, seen }], seat.person.id);
    for (const row of await seat.store.history(t.coll, t.id)) {
      if (before.has(row.hlc)) continue;
      if (!Object.hasOwn(values, row.field)) this.anomalies.push(`${seat.key} saved ${row.field}, which the form did not send`);
      this.saves.push({
        seat: seat.key, user: seat.person.id, device: seat.deviceId, coll: t.coll, id: t.id, field: row.field,
        value: row.value, hlc: row.hlc, base: row.base, shown: form.fields[row.field]?.versions.map((v) => v.hlc) ?? [],
      });
    }
  }

  private async sync(seat: Seat, fates: readonly Fate[]): Promise<void> {
    this.world.net.plan(seat.key, fates);
    const outcome = await seat.engine.sync();
    this.world.net.plan(seat.key, []);
    seat.lastOutcome = outcome;
    if (!outcome.ok && outcome.reason !== 'offline') this.anomalies.push(`${seat.key} sync failed (${outcome.reason}): ${outcome.message}`);
  }

  async play(cmds: readonly Cmd[]): Promise<void> {
    for (const c of cmds) {
      switch (c.k) {
        case 'open':
          await this.open(this.seat(c.seat), c.rec);
          break;
        case 'save':
          await this.save(this.seat(c.seat), c.rec, c.edits, c.sendUnchanged);
          break;
        case 'sync':
          await this.sync(this.seat(c.seat), c.fates);
          break;
        case 'deliver':
          await this.world.net.deliverPending(c.pick);
          break;
        case 'replay':
          await this.world.net.replay(c.pick);
          break;
        case 'wait':
          this.world.clock.advance(c.ms);
          break;
        case 'relogin':
          this.forms.delete(this.seat(c.seat).key);
          await this.world.relogin(this.seat(c.seat));
          break;
      }
    }
  }

  /** The network calms down: what is still in flight arrives, then everyone syncs until
   * nothing is queued or left to pull — twice round, so each pulls what the later ones pushed. */
  async quiesce(): Promise<void> {
    await this.world.net.deliverAllPending();
    for (let round = 0; round < 2; round++) {
      for (const seat of this.world.seats) {
        const outcome = await seat.engine.sync();
        if (!outcome.ok) this.anomalies.push(`${seat.key} final sync failed (${outcome.reason}): ${outcome.message}`);
      }
    }
  }
}
