import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { storeContract } from './store.contract.ts';

storeContract('SQLite in memory', async () => openSqliteStore({ file: ':memory:' }));

const dir = mkdtempSync(join(tmpdir(), 'so-tay-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
storeContract('SQLite file (WAL)', async () => openSqliteStore({ file: join(dir, `db-${n++}.db`) }));

describe('SQLite store on disk', () => {
  it('keeps data across reopening, in WAL mode', async () => {
    const file = join(dir, 'reopen.db');
    const a = openSqliteStore({ file });
    await a.putDevice({ deviceId: 'devA', userId: 'u1', highWater: 4 });
    await a.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal'); // WAL is a property of the file
    raw.close();
    const b = openSqliteStore({ file });
    expect(await b.getDevice('devA')).toEqual({ deviceId: 'devA', userId: 'u1', highWater: 4 });
    await b.close();
    await expect(b.getDevice('devA')).rejects.toThrow();
  });
});
