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
  {
    version: 3,
    description:
      'Mã thiết bị do máy chủ cấp và gắn cố định với một người (ngày gắn, lần cuối dùng, ngày thu hồi); đếm số lần đăng nhập sai theo tên và địa chỉ, dùng chung cho mọi tiến trình',
    sql: `
      ALTER TABLE devices ADD COLUMN created_at INTEGER;
      ALTER TABLE devices ADD COLUMN last_seen_at INTEGER;
      ALTER TABLE devices ADD COLUMN revoked_at INTEGER;
      -- The first login on an id bound it: a device that logged in but never pushed gets its row,
      -- and a row whose owner a later push overwrote goes back to the first person who logged in.
      INSERT OR IGNORE INTO devices (device_id, user_id, high_water) SELECT DISTINCT device_id, user_id, 0 FROM tokens;
      UPDATE devices SET
        user_id = COALESCE((SELECT t.user_id FROM tokens t WHERE t.device_id = devices.device_id ORDER BY t.created_at, t.rowid LIMIT 1), user_id),
        created_at = (SELECT MIN(t.created_at) FROM tokens t WHERE t.device_id = devices.device_id),
        last_seen_at = (SELECT MAX(t.created_at) FROM tokens t WHERE t.device_id = devices.device_id);
      CREATE INDEX devices_user ON devices(user_id);
      CREATE INDEX tokens_device ON tokens(device_id, user_id);
      CREATE TABLE login_attempts (
        username TEXT NOT NULL, -- '' = every username tried from this address
        address TEXT NOT NULL,
        failures INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        blocked_until INTEGER NOT NULL,
        PRIMARY KEY (username, address)
      ) WITHOUT ROWID;
      CREATE INDEX login_attempts_idle ON login_attempts(last_at);
    `,
  },
  {
    version: 4,
    description:
      'Thay đổi bị từ chối được ghi lại theo thiết bị và số thứ tự (gửi lại thì trả lời như lần đầu); mỗi thay đổi ghi mô hình áp dụng mà nó thuộc về, để thôn chỉ nhận mô hình được phân công',
    sql: `
      CREATE TABLE refusals (
        device TEXT NOT NULL,
        device_seq INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        author TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (device, device_seq)
      ) WITHOUT ROWID;
      ALTER TABLE changes ADD COLUMN scope TEXT;
      UPDATE changes SET scope = id WHERE coll = 'status';
      UPDATE changes SET scope = substr(id, 1, instr(id, '~') - 1) WHERE coll = 'photo' AND instr(id, '~') > 1;
      CREATE INDEX changes_scope ON changes(scope, server_seq) WHERE scope IS NOT NULL;
    `,
  },
  {
    version: 5,
    description:
      'Ảnh lưu theo mã băm sha-256 của nội dung, tách khỏi bản ghi ảnh (bản ghi chỉ ghi mã); chỉ mục tìm các bản ghi ảnh nhắc tới một mã, để biết ai được xem ảnh',
    sql: `
      -- In the database, not in files: one backup (the .db file) holds records and photos consistently.
      CREATE TABLE blobs (
        hash TEXT PRIMARY KEY, -- sha-256 hex of data, recomputed by the server on upload
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        unit TEXT NOT NULL,
        uploaded_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ); -- a rowid table: WITHOUT ROWID suits small rows, not 200 KB pictures
      -- Photo records are add-only, so the first head's value is the hash the record names.
      CREATE INDEX docs_photo_blob ON docs(json_extract(heads, '$.heads[0].value')) WHERE coll = 'photo' AND field = 'blob';
    `,
  },
  {
    version: 6,
    description:
      'Mỗi thiết bị ghi vị trí đã nhận tới trong nhật ký (số thứ tự máy chủ); mốc đã dọn nhật ký: máy mới nhận ảnh chụp trạng thái hiện tại thay vì cả nhật ký, và nhật ký được dọn phía sau máy cũ nhất còn dùng',
    sql: `
      -- The device has every change up to it (its last pull asked for what follows); null: never pulled from the log.
      ALTER TABLE devices ADD COLUMN pull_cursor INTEGER;
      -- The highest server_seq compaction deleted: a pull from below it must bootstrap from a snapshot.
      CREATE TABLE log_horizon (one INTEGER PRIMARY KEY CHECK (one = 1), compacted_through INTEGER NOT NULL);
      INSERT INTO log_horizon (one, compacted_through) VALUES (1, 0);
    `,
  },
  {
    version: 7,
    description: 'Mã của cơ sở dữ liệu (epoch): đổi khi khôi phục từ bản sao lưu, để điện thoại gửi lại thay đổi của mình và nhận lại dữ liệu',
    sql: `
      CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO server_meta (key, value) VALUES ('epoch', lower(hex(randomblob(8))));
    `,
  },
  {
    version: 8,
    description:
      'Quản trị trên trình duyệt: tài khoản có thể bị khóa và cán bộ có thể được giao quyền quản trị; mã dùng một lần (đặt lại mật khẩu, đăng ký máy bằng mã QR); nhật ký quản trị; kế hoạch và bảng nhiệm vụ do quản trị viên nhập',
    sql: `
      ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE users ADD COLUMN can_admin INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE one_time_codes (
        hash TEXT PRIMARY KEY, -- sha-256 of the code: the code is shown once, never stored
        purpose TEXT NOT NULL, -- 'reset' | 'enrol'
        user_id TEXT NOT NULL REFERENCES users(id),
        created_by TEXT, -- null = the command line
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX one_time_codes_user ON one_time_codes(user_id, purpose) WHERE used_at IS NULL;
      -- Append-only; AUTOINCREMENT so an id is never reused (it is the paging cursor).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT, -- null = the command line
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        unit TEXT, -- the unit the action concerns: who may read the entry
        detail TEXT NOT NULL -- JSON
      );
      CREATE INDEX audit_log_unit ON audit_log(unit, id);
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL, -- the plan (src/domain/plans.ts) as JSON
        imported_at INTEGER NOT NULL,
        imported_by TEXT
      );
    `,
  },
  {
    version: 9,
    description:
      'Tổ chức lại đơn vị hành chính (sáp nhập, chia tách, chuyển, đổi tên, giải thể) được lưu thành sự kiện có ngày hiệu lực và bảng ánh xạ; đơn vị có ngày ngừng hoạt động',
    sql: `
      ALTER TABLE units ADD COLUMN closed_on TEXT; -- YYYY-MM-DD (Vietnam), null = open
      -- Append-only; the id is the order events were applied in (undone in reverse: reorg.ts treeAsOf).
      CREATE TABLE reorg_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        effective TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT, -- user id; null = the command line
        data TEXT NOT NULL -- JSON: spec, before, created, successor, movedUsers
      );
    `,
  },
  {
    version: 10,
    description: 'Khoá công khai của mỗi thiết bị (tạo trên điện thoại lúc đăng nhập đầu tiên): máy chủ kiểm chữ ký của gói dữ liệu bàn giao giữa hai điện thoại; mỗi thiết bị đăng ký một lần',
    sql: `
      CREATE TABLE device_keys (
        device_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        public_key TEXT NOT NULL, -- raw P-256 point, base64url (src/domain/sync/bundle.ts)
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 12,
    description: 'Tin nhắn SMS khi không có mạng dữ liệu: khoá bí mật của mỗi thiết bị (mã kiểm tra của tin), số điện thoại của mỗi người, và các tin đã nhận (một tin gửi lại không được ghi hai lần)',
    sql: `
      CREATE TABLE sms_keys (
        device_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE user_phones (
        user_id TEXT PRIMARY KEY,
        phone TEXT NOT NULL UNIQUE -- E.164, "+84…"
      ) WITHOUT ROWID;
      CREATE TABLE sms_seen (
        hash TEXT PRIMARY KEY, -- sha-256 of the message text
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
