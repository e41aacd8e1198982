// The PostgreSQL tests (store contract, crash and convergence on PostgreSQL, several server
// processes) start a throwaway cluster with Debian's initdb/pg_ctl (test/helpers/postgres.ts).
// Installs them with apt-get when we are root on Debian; otherwise says what is skipped.
// Returns true when PostgreSQL is there: the caller then sets REQUIRE_POSTGRES=1, so a broken
// harness fails the run instead of skipping quietly.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The directory holding initdb and pg_ctl: POSTGRES_BIN, else PATH, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin() {
  const has = (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (process.env.POSTGRES_BIN) return has(process.env.POSTGRES_BIN) ? process.env.POSTGRES_BIN : null;
  const onPath = (process.env.PATH ?? '').split(delimiter).find((d) => d && has(d));
  if (onPath) return onPath;
  if (!existsSync('/usr/lib/postgresql')) return null;
  const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find(has) ?? null;
}

const hasPostgresUser = () => {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export function ensurePostgres() {
  const isRoot = process.getuid?.() === 0;
  // As root the server runs as `postgres`, which the package creates.
  if (findPostgresBin() && (!isRoot || hasPostgresUser())) return true;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Đang cài PostgreSQL (apt-get install postgresql)… / Installing Debian PostgreSQL for the PostgreSQL tests…');
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' });
    } catch {
      // Reported below.
    }
    if (findPostgresBin() && hasPostgresUser()) return true;
  }
  console.warn(
    'Thiếu PostgreSQL: bỏ qua các kiểm thử PostgreSQL. PostgreSQL tests will be SKIPPED: initdb/pg_ctl not found ' +
      '(install Debian\'s package: "sudo apt-get install postgresql", or put its bin directory on PATH).',
  );
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensurePostgres() ? 0 : 1);
