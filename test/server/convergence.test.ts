// Convergence through the real server, with the real phones' code: each person on each phone
// has their own IndexedDB (fake-indexeddb) with the real LocalStore and SyncEngine, and talks
// to the real app in process through a network that drops, duplicates, holds (delivering in
// any order the schedule picks) and replays requests. People open forms, pull while a form is
// open, and save only what they changed against what the form showed. The oracle
// (convergence/oracle.ts) judges the end state from the test's own log of what each person
// was shown and saved, without the merge rule.
//
// Reproduce a failure: CONVERGENCE_SEED=<seed> CONVERGENCE_PATH=<path> npx vitest run test/server/convergence.test.ts
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openPostgresStore } from '../../sync-server/store/postgres.ts';
import { withPostgres } from '../helpers/postgres.ts';
import { createWorld, PHONES, type OpenStore, type World } from './convergence/world.ts';
import { Driver, FIELDS, TARGETS, commands, type Cmd } from './convergence/schedule.ts';
import { judge } from './convergence/oracle.ts';

const SEATS = PHONES.flatMap((p) => p.people.map((name) => `${p.name}/${name}`));
const seatIndex = (key: string) => SEATS.indexOf(key);

async function playOn(cmds: readonly Cmd[], openStore?: OpenStore): Promise<{ problems: string[]; world: World; driver: Driver }> {
  const world = await createWorld(PHONES, openStore);
  const driver = new Driver(world);
  try {
    await driver.play(cmds);
    await driver.quiesce();
    const problems = [...driver.anomalies, ...(await judge(world, TARGETS, FIELDS, driver.saves))];
    // Stamps name device ids the server minted: say whose they are.
    if (problems.length) problems.push(`devices: ${world.seats.map((s) => `${s.deviceId} = ${s.key}`).join(', ')}`);
    return { problems, world, driver };
  } catch (e) {
    await world.close();
    throw e;
  }
}

/** Schedules of 15–50 steps, ≈ 0.3 s each on an idle 2-core machine: about 25 s for the property. */
const NUM_RUNS = 80;
const seedFromEnv = process.env.CONVERGENCE_SEED ? { seed: Number(process.env.CONVERGENCE_SEED), ...(process.env.CONVERGENCE_PATH ? { path: process.env.CONVERGENCE_PATH, endOnFailure: true } : {}) } : {};

// The same on PostgreSQL: one database for the file, a fresh schema (an empty store) per world.
// Fewer schedules there (a world costs a migration and a seed over the network, ≈ 10× SQLite in
// memory): the property's breadth is SQLite's; these runs show the PostgreSQL store merges alike.
const pg = await withPostgres();
const pgUrl = pg ? await pg.newDatabase() : null;
afterAll(() => pg?.stop());
let schemas = 0;
const onPostgres: OpenStore = () => openPostgresStore({ url: pgUrl!, schema: `w${++schemas}`, poolSize: 3 });
const PG_NUM_RUNS = 8;

const convergence = (openStore: OpenStore | undefined, numRuns: number) => () => {
  const play = (cmds: readonly Cmd[]) => playOn(cmds, openStore);
  it('every acknowledged change is current or kept beside it unless someone shown it overwrote it; every phone ends as the server', async () => {
    const details = await fc.check(
      fc.asyncProperty(commands(SEATS.length), async (cmds) => {
        const { problems, world } = await play(cmds);
        await world.close();
        if (problems.length) throw new Error(problems.join('\n'));
      }),
      // Shrinking replays whole worlds: it is cut at the time limit and the smallest failing
      // schedule found by then is reported (with the seed and path to replay it).
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? numRuns), interruptAfterTimeLimit: 150_000, ...seedFromEnv },
    );
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${fc.defaultReportMessage(details)}\n${cause}`);
    }
    if (details.interrupted) console.warn(`convergence: interrupted after ${details.numRuns} runs (machine too slow for the time limit)`);
  }, 240_000);

  // Found by the property: a phone whose clock runs ahead saves, opens the form (it shows the
  // phone's own stamp), syncs (the server re-stamps the change and the phone takes the new
  // stamp), then saves the same field against what the form showed.
  it('a save against a value the server re-stamped while the form was open overwrites it on the phone as on the server', async () => {
    const p2 = seatIndex('p2/vanhoa');
    const progress = FIELDS.indexOf('progress');
    const { problems, world } = await play([
      { k: 'save', seat: p2, rec: 1, edits: [{ field: progress, pick: 0 }] },
      { k: 'open', seat: p2, rec: 1 },
      { k: 'sync', seat: p2, fates: [] },
      { k: 'save', seat: p2, rec: 1, edits: [{ field: progress, pick: 1 }] },
    ]);
    try {
      expect(problems).toEqual([]);
    } finally {
      await world.close();
    }
  }, 30_000);

  // Problem 1 of issue 10, at the store + server level. Công an opens the status form of
  // Mô hình 24; meanwhile Thôn 1's note is pushed and acknowledged; Công an's phone pulls it
  // while the form is still open; Công an saves.
  describe('a pull while a form is open does not let the save overwrite what it did not show', () => {
    const p1congan = seatIndex('p1/congan');
    const p1thon1 = seatIndex('p1/thon1');
    const before: Cmd[] = [
      { k: 'save', seat: p1congan, rec: 0, edits: [{ field: FIELDS.indexOf('note'), pick: 0 }, { field: FIELDS.indexOf('progress'), pick: 1 }] },
      { k: 'sync', seat: p1congan, fates: [] },
      { k: 'sync', seat: p1thon1, fates: [] },
      { k: 'open', seat: p1congan, rec: 0 },
      { k: 'save', seat: p1thon1, rec: 0, edits: [{ field: FIELDS.indexOf('note'), pick: 1 }] },
      { k: 'sync', seat: p1thon1, fates: [] },
      { k: 'sync', seat: p1congan, fates: [] }, // pulls Thôn 1's note while the form is open
    ];
    const theirNote = 'Đã tập huấn cho người dân';

    it('saving only the progress leaves their note current everywhere', async () => {
      const { problems, world } = await play([...before, { k: 'save', seat: p1congan, rec: 0, edits: [{ field: FIELDS.indexOf('progress'), pick: 3 }] }]);
      try {
        expect(problems).toEqual([]);
        for (const seat of world.seats) expect(await seat.store.values('status', 'tv:mh-24')).toMatchObject({ note: theirNote, progress: 75 });
      } finally {
        await world.close();
      }
    }, 30_000);

    it('a save that sends the note it showed (as the old form did, every field) keeps their note as a concurrent value', async () => {
      // The old form sent every field with a base read at save time, naming the pulled note
      // as seen: it was overwritten everywhere with no conflict kept.
      const { problems, world } = await play([...before, { k: 'save', seat: p1congan, rec: 0, edits: [{ field: FIELDS.indexOf('note'), pick: 0 }, { field: FIELDS.indexOf('progress'), pick: 3 }], sendUnchanged: true }]);
      try {
        expect(problems).toEqual([]);
        const server = await world.store.getDoc('status', 'tv:mh-24');
        expect(server?.note?.heads.map((h) => h.value).sort()).toEqual(['Đang lắp camera', theirNote].sort());
        for (const seat of world.seats) {
          const doc = await seat.store.doc('status', 'tv:mh-24');
          expect(doc?.fields.note?.heads.map((h) => h.value)).toContain(theirNote);
        }
      } finally {
        await world.close();
      }
    }, 30_000);
  });
};

describe('convergence through the server, with the real phones', convergence(undefined, NUM_RUNS));
describe.skipIf(!pgUrl)('convergence through the server, with the real phones — PostgreSQL', convergence(onPostgres, PG_NUM_RUNS));
