// "Đã gửi n/m" counts saves, as "n thay đổi chưa đồng bộ" does: a person who saved two forms
// sees "Đã gửi 1/2", never "Đã gửi 7/12". Rows come from the real LocalStore (one outbox row
// per field); what the server acknowledged is a prefix of the queue, as the engine sends it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDb, type OutboxRow } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { countSaves } from '../../src/models/history-groups.ts';
import { saveProgress } from '../../src/sync/save-progress.ts';

let n = 0;
const T0 = Date.UTC(2026, 11, 2, 1);
const storeAt = (now: () => number) => new LocalStore({ db: openDb(`save-progress-${process.pid}-${++n}`), deviceId: 'devA', now });
const FIELDS = ['status', 'progress', 'asOf', 'note', 'difficulties', 'causes', 'proposals'] as const;
const STATUSES = ['notStarted', 'inProgress', 'partial', 'done', 'ongoing', 'waitingGuidance'] as const;
/**
 * A value the status record accepts for the field, different from any of the ≤ 4 saves before it
 * (saves are a minute apart): a save that rewrote a value unchanged would write no row and not be
 * a pending change at all.
 */
const valueOf = (f: (typeof FIELDS)[number], at: number) => {
  const minute = Math.round(at / 60_000);
  if (f === 'status') return STATUSES[minute % STATUSES.length]!;
  if (f === 'progress') return minute % 100;
  if (f === 'asOf') return `2026-12-0${1 + (minute % 6)}`;
  return `Ghi nhận lúc ${at}`;
};
const queue = async (store: LocalStore): Promise<OutboxRow[]> => store.db.outbox.orderBy('seq').toArray();
/** The server acknowledged the queue up to `seq`: those rows leave it, as LocalStore.acknowledge does. */
const split = (rows: OutboxRow[], seq: number) => [rows.filter((r) => r.seq <= seq), rows.filter((r) => r.seq > seq)] as const;

describe('saveProgress', () => {
  it('two saves of six fields: 0/2 until the first save is sent whole, 1/2, then 2/2', async () => {
    let now = T0;
    const store = storeAt(() => now);
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 40, asOf: '2026-12-02', note: 'Đã họp thôn', difficulties: 'Sóng yếu', causes: 'Địa bàn rộng' }, 'u1');
    now += 40_000;
    await store.write('status', 'tv:mh-01', 'tv', { status: 'done', progress: 100, asOf: '2026-12-02', note: 'Đã xong', difficulties: 'Không', causes: 'Không' }, 'u1');
    const rows = await queue(store);
    expect(rows).toHaveLength(12);
    expect(countSaves(rows)).toBe(2); // what the sync bar said before the sync
    expect(saveProgress([], rows)).toEqual({ sent: 0, total: 2 });
    expect(saveProgress(...split(rows, 5))).toEqual({ sent: 0, total: 2 });
    expect(saveProgress(...split(rows, 6))).toEqual({ sent: 1, total: 2 });
    expect(saveProgress(...split(rows, 7))).toEqual({ sent: 1, total: 2 });
    expect(saveProgress(...split(rows, 12))).toEqual({ sent: 2, total: 2 });
  });

  it('a save made during the sync adds to the total; a row asked for again counts as waiting', async () => {
    let now = T0;
    const store = storeAt(() => now);
    await store.write('status', 'tv:mh-24', 'tv', { progress: 40, note: 'Một' }, 'u1');
    const [sent] = split(await queue(store), 2);
    now += 60_000;
    await store.write('status', 'tv:mh-24', 'tv', { progress: 50, note: 'Hai' }, 'u1');
    const later = (await queue(store)).filter((r) => r.seq > 2);
    expect(saveProgress(sent, later)).toEqual({ sent: 1, total: 2 });
    // The server went back to a backup: the first save's rows are queued again.
    expect(saveProgress(sent, [...sent, ...later])).toEqual({ sent: 0, total: 2 });
  });

  it('for any saves and any acknowledged prefix: the total is the pending count, sent the saves wholly inside it', async () => {
    // Saves a minute apart (as people save forms): each one is one pending change.
    const save = fc.record({
      record: fc.constantFrom('tv:mh-24', 'tv:mh-01', 'tv:mh-05'),
      fields: fc.subarray([...FIELDS], { minLength: 1 }),
      author: fc.constantFrom('u1', 'u2'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(save, { minLength: 1, maxLength: 5 }), fc.nat(), async (saves, cut) => {
        let now = T0;
        const store = storeAt(() => now);
        const lastSeqOfSave: number[] = [];
        for (const s of saves) {
          now += 60_000;
          await store.write('status', s.record, 'tv', Object.fromEntries(s.fields.map((f) => [f, valueOf(f, now)])), s.author);
          lastSeqOfSave.push((await queue(store)).at(-1)!.seq);
        }
        const rows = await queue(store);
        const seq = cut % (rows.length + 1);
        expect(countSaves(rows)).toBe(saves.length);
        expect(saveProgress(...split(rows, seq))).toEqual({ sent: lastSeqOfSave.filter((last) => last <= seq).length, total: saves.length });
        store.db.close();
      }),
      { numRuns: 40 },
    );
  });
});
