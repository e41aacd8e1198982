// Issue 14, problem 9: "One save is seven history lines … and the counter says 7 thay đổi for
// one save." Rows come from the real LocalStore (one row per field), grouped back into saves.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { countSaves, groupSaves, historyEntries } from '../../src/models/history-groups.ts';

let n = 0;
const T0 = Date.UTC(2026, 10, 25, 3);
const storeAt = (now: () => number) => new LocalStore({ db: openDb(`history-groups-${process.pid}-${++n}`), deviceId: 'devA', now });
// What the status form sends on a first save: seven fields, three of the texts left empty.
const firstSave = { status: 'inProgress', progress: 40, asOf: '2026-11-25', note: 'Đã họp thôn', difficulties: '', causes: '', proposals: '' };

describe('groupSaves', () => {
  it('one save of seven fields is one entry and one pending change', async () => {
    const store = storeAt(() => T0);
    await store.write('status', 'tv:mh-24', 'tv', firstSave, 'u1');
    const history = await store.history('status', 'tv:mh-24');
    expect(history).toHaveLength(7);
    const groups = groupSaves(history);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.rows.map((r) => r.field)).toEqual(Object.keys(firstSave));
    expect(groups[0]!.author).toBe('u1');
    expect(groups[0]!.at).toBe(T0);
    expect(countSaves(await store.db.outbox.toArray())).toBe(1);
  });

  it('two saves stay two, even within the same millisecond when they touch the same field', async () => {
    const store = storeAt(() => T0);
    await store.write('status', 'tv:mh-24', 'tv', firstSave, 'u1');
    await store.write('status', 'tv:mh-24', 'tv', { progress: 60, note: 'Đã hướng dẫn 60% hộ' }, 'u1');
    const groups = groupSaves(await store.history('status', 'tv:mh-24'));
    expect(groups.map((g) => g.rows.map((r) => r.field))).toEqual([['progress', 'note'], Object.keys(firstSave)]);
    expect(countSaves(await store.db.outbox.toArray())).toBe(2);
  });

  it('saves a minute apart, by other people or of other records are separate', async () => {
    let now = T0;
    const store = storeAt(() => now);
    await store.write('status', 'tv:mh-24', 'tv', { progress: 10 }, 'u1');
    now += 60_000;
    await store.write('status', 'tv:mh-24', 'tv', { note: 'Một phút sau' }, 'u1');
    await store.write('status', 'tv:mh-05', 'tv', { progress: 20, note: 'Bản ghi khác' }, 'u1');
    await store.applyPulled(
      [{ coll: 'status', id: 'tv:mh-24', field: 'causes', value: 'Sóng yếu', hlc: encodeHlc({ wall: now, counter: 9, device: 'thon1dev' }), base: null, unit: 'tv', author: 'u2', receivedAt: now }],
      1,
    );
    const groups = groupSaves(await store.history('status', 'tv:mh-24'));
    expect(groups.map((g) => [g.author, g.rows.map((r) => r.field)])).toEqual([
      ['u2', ['causes']],
      ['u1', ['note']],
      ['u1', ['progress']],
    ]);
    expect(countSaves(await store.db.outbox.toArray())).toBe(3);
  });
});

describe('historyEntries', () => {
  it('leaves out fields empty before and after, and keeps a field that was cleared', async () => {
    let now = T0;
    const store = storeAt(() => now);
    await store.write('status', 'tv:mh-24', 'tv', firstSave, 'u1');
    now += 60_000;
    await store.write('status', 'tv:mh-24', 'tv', { note: '', difficulties: 'Thiếu máy' }, 'u1');
    const entries = historyEntries(await store.history('status', 'tv:mh-24'));
    expect(entries.map((e) => e.lines.map((l) => [l.row.field, l.row.value]))).toEqual([
      [['note', ''], ['difficulties', 'Thiếu máy']],
      [['status', 'inProgress'], ['progress', 40], ['asOf', '2026-11-25'], ['note', 'Đã họp thôn']],
    ]);
    expect(entries[0]!.lines[0]!.before).toBe('Đã họp thôn');
  });
});
