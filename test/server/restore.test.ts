// Issue 12 "backups": a backup taken while phones push holds everything acknowledged before
// it started; restored into a new server, phones that synced after the backup re-send what
// the restored server lacks (none gets stuck, nothing twice), and they pull again what others
// send from then on — although the restored log numbers restart below their cursors.
// The phones are the app's LocalStore + SyncEngine over fake-indexeddb; the server is the real
// app on SQLite files, backed up with the online backup API.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { createApp } from '../../sync-server/app.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';
import { backupSqlite, checkBackup, listBackups, pruneBackups, restoreSqlite } from '../../sync-server/backup/sqlite.ts';
import { writePid } from '../../sync-server/backup/pid.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import type { SyncStore } from '../../sync-server/store/types.ts';
import { T0, testServer } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'so-tay-restore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type App = ReturnType<typeof createApp>;
let n = 0;
/** A phone whose requests go to whichever server `target()` names now. */
function phone(target: () => App, deviceId: string, token: string, now: () => number) {
  const store = new LocalStore({ db: openDb(`restore-${process.pid}-${++n}`), deviceId, now });
  const engine = new SyncEngine({
    store,
    deviceId: () => deviceId,
    baseUrl: 'http://in-process',
    token: () => token,
    fetch: ((url: string, init?: RequestInit) => target().request(new URL(url).pathname, init)) as typeof fetch,
    deviceNow: now,
  });
  return { store, engine };
}

/** Every logged change of a device, as "coll/id/field@hlc" (a change logged twice would repeat). */
async function loggedBy(store: SyncStore, device: string): Promise<string[]> {
  const units = (await store.getUnits()).map((u) => u.id);
  const page = await store.pull({ after: 0, units, limit: 100_000, maxBytes: 1e9 });
  return page.changes.filter((c) => c.device === device).map((c) => `${c.coll}/${c.id}/${c.field}@${c.hlc}`);
}

describe('backup and restore', () => {
  it('keeps what was acknowledged before the backup; phones re-send the rest once and keep pulling', { timeout: 60_000 }, async () => {
    const before = join(dir, 'before', 'so-tay.db');
    const s = await testServer({ demoUsers: true, file: before });
    let server: App = s.app;
    const now = () => s.clock.now();
    const police = phone(() => server, 'police_ph', await s.session('u-thieuvan-congan', 'police_ph'), now);
    const leader = phone(() => server, 'leader_ph', await s.session('u-thieuvan-lanhdao', 'leader_ph'), now);
    const write = async (i: number) => {
      s.clock.advance(1000);
      await police.store.write('status', 'tv:mh-24', 'tv', { progress: i, note: `Lần ghi ${i}` }, 'u-thieuvan-congan');
      expect((await police.engine.sync()).ok).toBe(true);
    };
    for (let i = 1; i <= 5; i++) await write(i);
    const ackedBeforeBackup = await loggedBy(s.store, 'police_ph');
    expect(ackedBeforeBackup).toHaveLength(10);

    // The backup runs while the phone keeps pushing (the backup API works in steps).
    const backup = backupSqlite(before, join(dir, 'backups'), now());
    for (let i = 6; i <= 8; i++) await write(i);
    const { file } = await backup;
    // After the backup: acknowledged by this server, absent from the backup.
    for (let i = 9; i <= 12; i++) await write(i);
    expect(await police.store.outboxCount()).toBe(0);
    expect(await loggedBy(s.store, 'police_ph')).toHaveLength(24);
    const oldEpoch = await s.store.serverEpoch();
    await s.close();

    const copy = checkBackup(file);
    expect(copy.ok).toBe(true);
    const after = join(dir, 'after', 'so-tay.db');
    const { epoch } = await restoreSqlite(file, after, now());
    expect(epoch).not.toBe(oldEpoch);
    const restored = openSqliteStore({ file: after });
    server = createApp({ store: restored, now, staticDir: null, logError: () => undefined });
    const inBackup = await loggedBy(restored, 'police_ph');
    for (const c of ackedBeforeBackup) expect(inBackup).toContain(c);
    expect(inBackup.length).toBeLessThan(24); // the backup really lacks what came after it

    // Another phone sends to the restored server before the police phone comes back: its log
    // rows get numbers the police phone's cursor has already passed.
    expect((await leader.engine.sync()).ok).toBe(true);
    s.clock.advance(1000);
    await leader.store.write('report', 'tv@2026-11', 'tv', { title: 'Báo cáo tháng 11/2026' }, 'u-thieuvan-lanhdao');
    expect((await leader.engine.sync()).ok).toBe(true);

    const back = await police.engine.sync();
    expect(back.ok).toBe(true);
    expect(await police.store.outboxCount()).toBe(0);
    // Every change the phone ever made is on the restored server, exactly once.
    const all = await loggedBy(restored, 'police_ph');
    expect(all).toHaveLength(24);
    expect(new Set(all).size).toBe(24);
    expect((await restored.getDoc('status', 'tv:mh-24'))?.note?.heads.map((h) => h.value)).toEqual(['Lần ghi 12']);
    // And it pulled what the other phone sent after the restore.
    expect((await police.store.values('report', 'tv@2026-11')).title).toBe('Báo cáo tháng 11/2026');
    // Later syncs are ordinary again (the new epoch is remembered): nothing more to send or fix.
    s.clock.advance(1000);
    await police.store.write('status', 'tv:mh-24', 'tv', { progress: 100 }, 'u-thieuvan-congan');
    expect((await police.engine.sync()).ok).toBe(true);
    expect(await loggedBy(restored, 'police_ph')).toHaveLength(25);
    await restored.close();
  });

  it('keeps the newest backups and refuses a file that is not a whole database', async () => {
    const db = join(dir, 'prune', 'so-tay.db');
    const s = await testServer({ file: db });
    const backups = join(dir, 'prune', 'backups');
    for (let i = 0; i < 4; i++) await backupSqlite(db, backups, T0 + i * 3600_000);
    expect(listBackups(backups)).toHaveLength(4);
    expect(pruneBackups(backups, 2)).toHaveLength(2);
    const kept = listBackups(backups).map((b) => b.file);
    expect(kept).toHaveLength(2);
    expect(kept[1]).toMatch(/so-tay-20261125-120000\.db$/); // the newest (T0 + 3 h, Vietnam time)
    await s.close();
    const bogus = join(dir, 'prune', 'not-a-db.db');
    (await import('node:fs')).writeFileSync(bogus, 'không phải cơ sở dữ liệu');
    expect(checkBackup(bogus).ok).toBe(false);
    await expect(restoreSqlite(bogus, join(dir, 'prune', 'x.db'), T0)).rejects.toThrow(/Không khôi phục được/);
  });

  it('the admin commands back up, refuse to restore under a running server, and restore when it is stopped', async () => {
    const dataDir = join(dir, 'cli');
    const s = await testServer({ demoUsers: true, file: join(dataDir, 'so-tay.db') });
    const out: string[] = [];
    const err: string[] = [];
    const admin = (...argv: string[]) =>
      runAdmin(argv, { store: s.store, out: (l) => out.push(l), err: (l) => err.push(l), prompt: async () => '', now: s.clock.now, dataDir });
    expect(await admin('backup')).toBe(0);
    expect(out.at(-1)).toMatch(/^Đã sao lưu vào .*so-tay-\d{8}-\d{6}\.db/);
    const file = listBackups(join(dataDir, 'backups'))[0]!.file;
    // A server process owns this data directory: restore refuses. (This test's own pid does not
    // count, so another process plays the server: the vitest worker's parent.)
    const stop = writePid(dataDir);
    (await import('node:fs')).writeFileSync(join(dataDir, 'server.pid'), String(process.ppid));
    expect(await admin('restore', file, '--yes')).toBe(1);
    expect(err.at(-1)).toMatch(/Máy chủ đang chạy/);
    stop();
    (await import('node:fs')).rmSync(join(dataDir, 'server.pid'), { force: true });
    await s.close();
    // Without --yes, the typed confirmation is required.
    expect(await admin('restore', file)).toBe(1);
    expect(err.at(-1)).toMatch(/Đã hủy/);
    expect(await admin('restore', file, '--yes')).toBe(0);
    expect(out.join('\n')).toMatch(/Cơ sở dữ liệu cũ được giữ ở .*truoc-khoi-phuc/);
  });
});
