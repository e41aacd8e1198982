// The SQLite schema as numbered migrations (PRAGMA user_version). Each has a sentence
// saying what it does; a new one is appended, never edited once released.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'Đơn vị, người dùng, phiên đăng nhập, thiết bị, nhật ký thay đổi, bản ghi đã hợp nhất, số liệu tổng hợp, danh mục mô hình',
    sql: `
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL,
        parent_id TEXT,
        placeholder INTEGER NOT NULL DEFAULT 0,
        rules TEXT
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        unit_id TEXT NOT NULL REFERENCES units(id),
        password_hash TEXT NOT NULL, -- "scrypt$N$r$p$salt$hash": the salt travels with the hash
        created_at INTEGER NOT NULL
      );
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY, -- sha256 of the bearer token
        user_id TEXT NOT NULL REFERENCES users(id),
        device_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX tokens_user ON tokens(user_id);
      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        high_water INTEGER NOT NULL
      );
      -- Append-only. AUTOINCREMENT so a server_seq is never reused, even after deletes.
      CREATE TABLE changes (
        server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        size INTEGER NOT NULL, -- bytes of the JSON value, to cap a pull page without reading values
        hlc TEXT NOT NULL,
        base TEXT,
        unit TEXT NOT NULL,
        author TEXT NOT NULL,
        device TEXT NOT NULL,
        device_seq INTEGER,
        clamped INTEGER NOT NULL DEFAULT 0,
        orig_hlc TEXT,
        received_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX changes_stamp ON changes(coll, id, field, hlc);
      CREATE INDEX changes_device ON changes(device, device_seq);
      CREATE INDEX changes_unit ON changes(unit, server_seq);
      CREATE INDEX changes_orig ON changes(coll, id, field, orig_hlc) WHERE orig_hlc IS NOT NULL;
      CREATE TABLE docs (
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        field TEXT NOT NULL,
        heads TEXT NOT NULL, -- FieldState (src/domain/sync/merge.ts) as JSON
        unit TEXT NOT NULL,
        PRIMARY KEY (coll, id, field)
      ) WITHOUT ROWID;
      CREATE INDEX docs_unit ON docs(unit, coll);
      CREATE TABLE rollups (
        unit_id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE catalogues (
        version TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'Số phiên bản của cây đơn vị (máy chủ giữ cây trong bộ nhớ, đọc lại khi đổi); danh sách xã cần tính lại số liệu tổng hợp (tính sau khi nhận, không trong lúc nhận)',
    sql: `
      CREATE TABLE units_version (one INTEGER PRIMARY KEY CHECK (one = 1), v INTEGER NOT NULL);
      INSERT INTO units_version (one, v) VALUES (1, 0);
      CREATE TRIGGER units_changed_insert AFTER INSERT ON units BEGIN UPDATE units_version SET v = v + 1; END;
      CREATE TRIGGER units_changed_update AFTER UPDATE ON units BEGIN UPDATE units_version SET v = v + 1; END;
      CREATE TRIGGER units_changed_delete AFTER DELETE ON units BEGIN UPDATE units_version SET v = v + 1; END;
      CREATE TABLE rollup_dirty (unit_id TEXT PRIMARY KEY) WITHOUT ROWID;
    `,
  },
];
