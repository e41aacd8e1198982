// Scheduled online backups while the server runs (SQLite only; PostgreSQL has pg_dump).
import type { Logger } from '../observe/log.ts';
import { backupSqlite, pruneBackups } from './sqlite.ts';

export interface BackupSchedule {
  dbFile: string;
  dir: string;
  everyMs: number;
  keep: number;
}

/** Starts the schedule; the first backup is taken one interval after start. Returns a stop function. */
export function startBackups(schedule: BackupSchedule, logger: Logger, now: () => number = Date.now): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow disk: never two at once
    running = true;
    backupSqlite(schedule.dbFile, schedule.dir, now())
      .then(({ file, bytes, changes }) => {
        const removed = pruneBackups(schedule.dir, schedule.keep);
        logger.info({ file, bytes, changes, removed: removed.length }, 'backup written');
      })
      .catch((err: unknown) => logger.error({ err }, 'backup failed'))
      .finally(() => (running = false));
  }, schedule.everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
