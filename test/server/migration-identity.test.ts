// Migration 3 on a database written by the previous version, where a push could hand a device
// row to whoever pushed last: each device goes back to the first person who logged in on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../sync-server/store/sqlite-schema.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'so-tay-mig3-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 3: device bindings', () => {
  it('binds every device to its first login, including devices that never pushed', async () => {
    const file = join(dir, 'v2.db');
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) old.exec(m.sql);
    old.pragma('user_version = 2');
    old.exec(`
      INSERT INTO units (id, name, level, parent_id) VALUES ('c1', 'Xã', 'commune', NULL);
      INSERT INTO users (id, username, display_name, role, unit_id, password_hash, created_at) VALUES
        ('police', 'congan', 'Công an', 'communeStanding', 'c1', 'x', 1),
        ('member', 'thon', 'Thôn', 'villageMember', 'c1', 'x', 1);
      INSERT INTO tokens (hash, user_id, device_id, created_at, expires_at, revoked_at) VALUES
        ('t1', 'police', 'police_phone', 100, 9999, NULL),
        ('t2', 'member', 'police_phone', 200, 9999, NULL),
        ('t3', 'member', 'member_phone', 300, 9999, NULL),
        ('t4', 'member', 'member_phone', 400, 9999, NULL);
      -- The member's pushes had taken the police phone's row over.
      INSERT INTO devices (device_id, user_id, high_water) VALUES ('police_phone', 'member', 7), ('pushed_only', 'member', 2);
    `);
    old.close();

    const store = openSqliteStore({ file });
    expect(await store.getDeviceBinding('police_phone')).toEqual({ deviceId: 'police_phone', userId: 'police', createdAt: 100, lastSeenAt: 200, revokedAt: null });
    expect(await store.getDevice('police_phone')).toEqual({ deviceId: 'police_phone', userId: 'police', highWater: 7 });
    expect(await store.getDeviceBinding('member_phone')).toEqual({ deviceId: 'member_phone', userId: 'member', createdAt: 300, lastSeenAt: 400, revokedAt: null });
    expect(await store.getDeviceBinding('pushed_only')).toEqual({ deviceId: 'pushed_only', userId: 'member', createdAt: null, lastSeenAt: null, revokedAt: null });
    expect(await store.getLoginCounter('congan', '1.2.3.4')).toBeNull();
    await store.close();
  });
});
