// The PostgreSQL schema as numbered migrations, in the spirit of sqlite-schema.ts: each has a
// sentence saying what it does; a new one is appended, never edited once released. The
// numbers are PostgreSQL's own (this schema starts where SQLite's version 5 stands, so it is
// one migration today); what SQLite reached in five steps is here in one.
//
// Differences from SQLite, and why:
// - every text column is COLLATE "C": orderings (units by id, users by username, docs by
//   coll/id/field) must be byte order as in SQLite, whatever locale the cluster was created with;
// - values, heads, rules stay JSON *text*, not jsonb: the push path compares a retried change
//   with the logged one by its JSON text, and jsonb would reorder object keys;
// - times and sequence numbers are bigint (ms since 1970 overflow integer);
// - `changes.server_seq` is a bigserial with the default CACHE 1, and it is only ever drawn
//   under the store's global write lock (postgres.ts), so numbers are handed out in commit order;
// - the units version is bumped by a statement trigger (a single row, updated in the writing
//   transaction, so another process sees it move exactly when the units it counts commit).
import type { Migration } from './sqlite-schema.ts';

export type { Migration };

const T = 'TEXT COLLATE "C"';

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      'Đơn vị, người dùng, phiên đăng nhập, thiết bị (gắn cố định với một người), đếm đăng nhập sai, nhật ký thay đổi và thay đổi bị từ chối, bản ghi đã hợp nhất, số liệu tổng hợp và danh sách xã cần tính lại, danh mục mô hình, ảnh theo mã băm — như SQLite ở phiên bản 5',
    sql: `
      CREATE TABLE units (
        id ${T} PRIMARY KEY,
        name ${T} NOT NULL,
        level ${T} NOT NULL,
        parent_id ${T},
        placeholder BOOLEAN NOT NULL DEFAULT FALSE,
        rules ${T}
      );
      CREATE TABLE units_version (one INTEGER PRIMARY KEY CHECK (one = 1), v BIGINT NOT NULL);
      INSERT INTO units_version (one, v) VALUES (1, 0);
      CREATE FUNCTION units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE units_version SET v = v + 1; RETURN NULL; END $$;
      CREATE TRIGGER units_changed AFTER INSERT OR UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION units_changed();

      CREATE TABLE users (
        id ${T} PRIMARY KEY,
        username ${T} NOT NULL UNIQUE,
        display_name ${T} NOT NULL,
        role ${T} NOT NULL,
        unit_id ${T} NOT NULL REFERENCES units(id),
        password_hash ${T} NOT NULL, -- "scrypt$N$r$p$salt$hash": the salt travels with the hash
        created_at BIGINT NOT NULL
      );
      CREATE TABLE tokens (
        hash ${T} PRIMARY KEY, -- sha256 of the bearer token
        user_id ${T} NOT NULL REFERENCES users(id),
        device_id ${T} NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX tokens_user ON tokens(user_id);
      CREATE INDEX tokens_device ON tokens(device_id, user_id);
      CREATE TABLE devices (
        device_id ${T} PRIMARY KEY,
        user_id ${T} NOT NULL,
        high_water BIGINT NOT NULL,
        created_at BIGINT,
        last_seen_at BIGINT,
        revoked_at BIGINT
      );
      CREATE INDEX devices_user ON devices(user_id);
      CREATE TABLE login_attempts (
        username ${T} NOT NULL, -- '' = every username tried from this address
        address ${T} NOT NULL,
        failures INTEGER NOT NULL,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        blocked_until BIGINT NOT NULL,
        PRIMARY KEY (username, address)
      );
      CREATE INDEX login_attempts_idle ON login_attempts(last_at);

      -- Append-only. A sequence never hands a number out twice, even after deletes.
      CREATE TABLE changes (
        server_seq BIGSERIAL PRIMARY KEY,
        coll ${T} NOT NULL,
        id ${T} NOT NULL,
        field ${T} NOT NULL,
        value ${T} NOT NULL,
        size INTEGER NOT NULL, -- bytes of the JSON value, to cap a pull page without reading values
        hlc ${T} NOT NULL,
        base ${T},
        unit ${T} NOT NULL,
        author ${T} NOT NULL,
        device ${T} NOT NULL,
        device_seq BIGINT,
        clamped BOOLEAN NOT NULL DEFAULT FALSE,
        orig_hlc ${T},
        received_at BIGINT NOT NULL,
        scope ${T} -- the adoption a status or photo change belongs to (subscriptions.ts)
      );
      CREATE UNIQUE INDEX changes_stamp ON changes(coll, id, field, hlc);
      CREATE INDEX changes_device ON changes(device, device_seq);
      CREATE INDEX changes_unit ON changes(unit, server_seq);
      CREATE INDEX changes_orig ON changes(coll, id, field, orig_hlc) WHERE orig_hlc IS NOT NULL;
      CREATE INDEX changes_scope ON changes(scope, server_seq) WHERE scope IS NOT NULL;
      CREATE TABLE refusals (
        device ${T} NOT NULL,
        device_seq BIGINT NOT NULL,
        hlc ${T} NOT NULL,
        code ${T} NOT NULL,
        message ${T} NOT NULL,
        author ${T} NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (device, device_seq)
      );

      CREATE TABLE docs (
        coll ${T} NOT NULL,
        id ${T} NOT NULL,
        field ${T} NOT NULL,
        heads ${T} NOT NULL, -- FieldState (src/domain/sync/merge.ts) as JSON
        unit ${T} NOT NULL,
        PRIMARY KEY (coll, id, field)
      );
      CREATE INDEX docs_unit ON docs(unit, coll);
      -- Photo records are add-only, so the first head's value is the hash the record names.
      CREATE INDEX docs_photo_blob ON docs (((heads::jsonb) #>> '{heads,0,value}')) WHERE coll = 'photo' AND field = 'blob';

      CREATE TABLE rollups (
        unit_id ${T} PRIMARY KEY,
        data ${T} NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE rollup_dirty (unit_id ${T} PRIMARY KEY);
      CREATE TABLE catalogues (
        version ${T} PRIMARY KEY,
        data ${T} NOT NULL,
        imported_at BIGINT NOT NULL,
        n BIGSERIAL NOT NULL -- insertion order, SQLite's rowid: the tie-break of "latest"
      );
      -- In the database, not in files: one backup holds records and photos consistently.
      CREATE TABLE blobs (
        hash ${T} PRIMARY KEY, -- sha-256 hex of data, recomputed by the server on upload
        type ${T} NOT NULL,
        size INTEGER NOT NULL,
        data BYTEA NOT NULL,
        unit ${T} NOT NULL,
        uploaded_by ${T} NOT NULL,
        created_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'Mỗi thiết bị ghi vị trí đã nhận tới trong nhật ký; mốc đã dọn nhật ký (máy mới nhận ảnh chụp trạng thái thay vì cả nhật ký); mã của cơ sở dữ liệu (epoch), đổi khi khôi phục từ bản sao lưu — như SQLite 6 và 7',
    sql: `
      -- The device has every change up to it (its last pull asked for what follows); null: never pulled from the log.
      ALTER TABLE devices ADD COLUMN pull_cursor BIGINT;
      -- The highest server_seq compaction deleted: a pull from below it must bootstrap from a snapshot.
      CREATE TABLE log_horizon (one INTEGER PRIMARY KEY CHECK (one = 1), compacted_through BIGINT NOT NULL);
      INSERT INTO log_horizon (one, compacted_through) VALUES (1, 0);
      CREATE TABLE server_meta (key ${T} PRIMARY KEY, value ${T} NOT NULL);
      -- 16 hex digits from a random UUID (gen_random_uuid is built in since PostgreSQL 13).
      INSERT INTO server_meta (key, value) VALUES ('epoch', substr(md5(gen_random_uuid()::text), 1, 16));
    `,
  },
  {
    version: 3,
    description: 'Bản ghi đã hợp nhất giữ danh sách dấu thời gian của các giá trị hiện hành, để dọn nhật ký không phải đọc JSON trong cơ sở dữ liệu',
    sql: `
      -- The stamps of the field's current heads, written with them (postgres.ts putField). Compaction
      -- keeps a log row whose stamp is one of them; reading that from the heads' JSON in SQL would
      -- fail on the whole scan for one value holding \\u0000, which json/jsonb cannot turn into text.
      ALTER TABLE docs ADD COLUMN head_hlcs TEXT[] COLLATE "C";
      UPDATE docs SET head_hlcs = ARRAY(SELECT h ->> 'hlc' FROM json_array_elements((heads::json) -> 'heads') h);
      ALTER TABLE docs ALTER COLUMN head_hlcs SET NOT NULL;
    `,
  },
  {
    version: 4,
    description:
      'Quản trị trên trình duyệt: tài khoản có thể bị khóa và cán bộ có thể được giao quyền quản trị; mã dùng một lần (đặt lại mật khẩu, đăng ký máy bằng mã QR); nhật ký quản trị; kế hoạch và bảng nhiệm vụ do quản trị viên nhập — như SQLite 8',
    sql: `
      ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
      ALTER TABLE users ADD COLUMN can_admin BOOLEAN NOT NULL DEFAULT FALSE;
      CREATE TABLE one_time_codes (
        hash ${T} PRIMARY KEY, -- sha-256 of the code: the code is shown once, never stored
        purpose ${T} NOT NULL, -- 'reset' | 'enrol'
        user_id ${T} NOT NULL REFERENCES users(id),
        created_by ${T}, -- null = the command line
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX one_time_codes_user ON one_time_codes(user_id, purpose) WHERE used_at IS NULL;
      -- Append-only; a sequence never hands an id out twice (it is the paging cursor).
      CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor_id ${T}, -- null = the command line
        actor_name ${T} NOT NULL,
        action ${T} NOT NULL,
        target ${T} NOT NULL,
        unit ${T}, -- the unit the action concerns: who may read the entry
        detail ${T} NOT NULL -- JSON text
      );
      CREATE INDEX audit_log_unit ON audit_log(unit, id);
      CREATE TABLE plans (
        id ${T} PRIMARY KEY,
        data ${T} NOT NULL, -- the plan (src/domain/plans.ts) as JSON text
        imported_at BIGINT NOT NULL,
        imported_by ${T}
      );
    `,
  },
  {
    version: 5,
    description: 'Tổ chức lại đơn vị hành chính lưu thành sự kiện có ngày hiệu lực và bảng ánh xạ; đơn vị có ngày ngừng hoạt động — như SQLite 9',
    sql: `
      ALTER TABLE units ADD COLUMN closed_on ${T}; -- YYYY-MM-DD (Vietnam), null = open
      CREATE TABLE reorg_events (
        seq BIGSERIAL PRIMARY KEY,
        kind ${T} NOT NULL,
        effective ${T} NOT NULL,
        recorded_at BIGINT NOT NULL,
        recorded_by ${T},
        data ${T} NOT NULL -- JSON text: spec, before, created, successor, movedUsers
      );
    `,
  },
  {
    version: 6,
    description: 'Khoá công khai của mỗi thiết bị, để máy chủ kiểm chữ ký của gói dữ liệu bàn giao giữa hai điện thoại — như SQLite 10',
    sql: `
      CREATE TABLE device_keys (
        device_id ${T} PRIMARY KEY,
        user_id ${T} NOT NULL,
        public_key ${T} NOT NULL, -- raw P-256 point, base64url (src/domain/sync/bundle.ts)
        created_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 8,
    description: 'Tin nhắn SMS khi không có mạng dữ liệu — như SQLite 12',
    sql: `
      CREATE TABLE sms_keys (
        device_id ${T} PRIMARY KEY,
        user_id ${T} NOT NULL,
        secret ${T} NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE user_phones (
        user_id ${T} PRIMARY KEY,
        phone ${T} NOT NULL UNIQUE
      );
      CREATE TABLE sms_seen (
        hash ${T} PRIMARY KEY,
        received_at BIGINT NOT NULL
      );
    `,
  },
];
