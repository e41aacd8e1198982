// The real server in a child process, killed with SIGKILL while batches stream in, then
// restarted on the same data directory: what was acknowledged must be there, once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { SYNC_FORMAT_VERSION, type PushedChange, type SyncResponse } from '../../src/domain/sync/wire.ts';
import { withPostgres } from '../helpers/postgres.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEVICE = 'crash_phone';
const dataDir = mkdtempSync(join(tmpdir(), 'so-tay-crash-'));
const running = new Set<ChildProcess>();
// The same test on PostgreSQL (DATABASE_URL): the server process dies, the database does not.
const pg = await withPostgres();
const pgUrl = pg ? await pg.newDatabase() : null;
afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await pg?.stop();
});

interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
  /** Settles with the exit code; made at spawn so an early exit is not missed. */
  exited: Promise<number | null>;
}

function start(databaseUrl: string | null): Promise<Running> {
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO: '1', NODE_ENV: 'development', STATIC_DIR: join(dataDir, 'no-dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  void exited.then(() => running.delete(proc));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`máy chủ không khởi động:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/[\d.]+:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[0], output: () => out, exited });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`máy chủ dừng (${code}):\n${out}`)));
  });
}

async function login(url: string): Promise<string> {
  const r = await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'thieuvan.congan', password: 'demo2026', deviceId: DEVICE }) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

/**
 * Change `seq` answers checklist question q<seq> with the value seq: each is recognisable.
 * Made once per seq and resent as is, as a phone's outbox would (a retry is the same change).
 */
const made = new Map<number, PushedChange>();
const answer = (seq: number): PushedChange => {
  if (!made.has(seq)) made.set(seq, [seq, 'checklist', 'kiem-tra@tv', `a.q${seq}`, seq, encodeHlc({ wall: Date.now(), counter: seq % 1000, device: DEVICE }), null, 'tv', 'u-thieuvan-congan']);
  return made.get(seq)!;
};

const sync = (url: string, token: string, c: PushedChange[], p = 0) =>
  fetch(`${url}/api/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ v: SYNC_FORMAT_VERSION, d: DEVICE, c, p, n: 2000 }) });

const BATCH = 25;
const batchFrom = (first: number) => Array.from({ length: BATCH }, (_, i) => answer(first + i));

// On PostgreSQL the first push of a process is slower (connections, prepared statements, the
// org tree over the network): the kill is timed from the first acknowledgement, so it still
// lands while batches stream rather than before any was answered.
const crashSafety = (databaseUrl: string | null) => () => {
  it('keeps every acknowledged batch through SIGKILL, and applies nothing twice', async () => {
    const first = await start(databaseUrl);
    let token = await login(first.url);
    let acked = 0;
    let firstAck!: () => void;
    const answered = new Promise<void>((r) => (firstAck = r));
    // The phone streams batches back to back; the server is killed at some moment of it,
    // usually with a batch committed or half-received and its answer never sent.
    const stream = (async () => {
      for (;;) {
        try {
          const r = await sync(first.url, token, batchFrom(acked + 1));
          acked = ((await r.json()) as SyncResponse).a;
          firstAck();
        } catch {
          return;
        }
      }
    })();
    if (databaseUrl) await answered;
    await new Promise((r) => setTimeout(r, databaseUrl ? 200 + Math.random() * 400 : 400 + Math.random() * 200));
    first.proc.kill('SIGKILL');
    await Promise.all([first.exited, stream]);
    expect(acked).toBeGreaterThan(0);

    const second = await start(databaseUrl);
    token = await login(second.url);
    const mark = ((await (await sync(second.url, token, [])).json()) as SyncResponse).a;
    expect(mark).toBeGreaterThanOrEqual(acked); // nothing acknowledged was lost
    expect(mark - acked).toBeLessThanOrEqual(BATCH); // at most the batch whose answer was cut off
    // Resend from the last acknowledgement the phone saw, as its outbox would.
    const resend = await sync(second.url, token, [...batchFrom(acked + 1), ...batchFrom(acked + 1 + BATCH)]);
    expect(resend.status).toBe(200);
    const done = ((await resend.json()) as SyncResponse).a;
    expect(done).toBeGreaterThanOrEqual(acked + 2 * BATCH);

    const seen = new Map<string, number>();
    let p = 0;
    for (;;) {
      const page = (await (await sync(second.url, token, [], p)).json()) as SyncResponse;
      for (const c of page.c) if (c[1] === 'checklist') seen.set(c[3], (seen.get(c[3]) ?? 0) + 1);
      p = page.p;
      if (!page.m) break;
    }
    for (let seq = 1; seq <= done; seq++) expect(seen.get(`a.q${seq}`), `a.q${seq}`).toBe(1);
    expect(seen.size).toBe(done);

    // A graceful stop closes the database and exits cleanly.
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('đang dừng máy chủ');
  }, 60_000);
};

describe('crash safety', crashSafety(null));
describe.skipIf(!pgUrl)('crash safety — PostgreSQL', crashSafety(pgUrl));
