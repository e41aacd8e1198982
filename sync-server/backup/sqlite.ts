// Online backups of the SQLite database and putting one back.
//
// A backup is taken with SQLite's online backup API (better-sqlite3 `backup`) on a separate
// read connection, so the server keeps serving pushes meanwhile; it holds everything committed
// before it finished. The copy is checked (integrity_check) before it gets its final name:
// a half-written or damaged file never looks like a backup.
//
// Restore puts a backup in place of the database (the server must be stopped) and gives the
// database a new epoch: phones that synced after the backup was taken re-send their own
// changes and pull again (sync/server-restored, LocalStore.recoverFromRestore).
// PostgreSQL deployments use pg_dump / pg_restore instead (README), then `mark-restored`.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../store/sqlite.ts';

const NAME = /^so-tay-(\d{8}-\d{6})\.db$/;

/** "20261201-231500" in Vietnam time: backups sort by name and read as local time. */
function stamp(at: number): string {
  const d = new Date(at + 7 * 3600_000).toISOString();
  return `${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 19).replace(/:/g, '')}`;
}

export interface BackupCheck {
  ok: boolean;
  /** The schema version (PRAGMA user_version) of the copy. */
  version: number;
  changes: number;
  problem?: string;
}

/** Opens a copy read-only and checks it is a whole, readable database of ours. */
export function checkBackup(file: string): BackupCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (integrity !== 'ok') return { ok: false, version, changes: 0, problem: `Tệp hỏng: ${String(integrity)}` };
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'").get();
    if (!hasLog) return { ok: false, version, changes: 0, problem: 'Không phải cơ sở dữ liệu của Sổ tay Đề án 06 (không có nhật ký thay đổi)' };
    const changes = (db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n;
    return { ok: true, version, changes };
  } catch (e) {
    return { ok: false, version: 0, changes: 0, problem: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}

/** Writes a checked backup of `dbFile` into `dir`; returns its path. */
export async function backupSqlite(dbFile: string, dir: string, at: number): Promise<{ file: string; bytes: number; changes: number }> {
  mkdirSync(dir, { recursive: true });
  let name = `so-tay-${stamp(at)}.db`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `so-tay-${stamp(at + n * 1000)}.db`;
  const partial = join(dir, `.${name}.dang-ghi`);
  const source = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  const check = checkBackup(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new Error(`Bản sao lưu không đạt kiểm tra: ${check.problem}`);
  }
  const file = join(dir, name);
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, changes: check.changes };
}

/** Keeps the newest `keep` backups in `dir` (only files this module names); returns those removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const backups = readdirSync(dir).filter((f) => NAME.test(f)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const f of old) rmSync(join(dir, f), { force: true });
  return old;
}

export function listBackups(dir: string): { file: string; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .map((f) => ({ file: join(dir, f), bytes: statSync(join(dir, f)).size }));
}

/**
 * Puts `backupFile` in place of `dbFile` (the server must not be running). The database that
 * was there is kept beside it, renamed, never deleted. Returns the new epoch.
 */
export async function restoreSqlite(backupFile: string, dbFile: string, at: number): Promise<{ epoch: string; keptAs: string | null; changes: number }> {
  const check = checkBackup(backupFile);
  if (!check.ok) throw new Error(`Không khôi phục được từ ${basename(backupFile)}: ${check.problem}`);
  let keptAs: string | null = null;
  if (existsSync(dbFile)) {
    keptAs = `${dbFile}.truoc-khoi-phuc-${stamp(at)}`;
    // The write-ahead log belongs to the old file: move it along, or SQLite would replay it into the backup.
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, keptAs + suffix);
  }
  mkdirSync(dirname(dbFile), { recursive: true });
  copyFileSync(backupFile, dbFile);
  // Opening runs any newer migrations; then the new epoch tells phones the server went back in time.
  const store = openSqliteStore({ file: dbFile });
  try {
    const epoch = await store.newServerEpoch();
    return { epoch, keptAs, changes: check.changes };
  } finally {
    await store.close();
  }
}
