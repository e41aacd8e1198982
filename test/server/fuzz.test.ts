// Hostile input against every endpoint. Part one: well over 10,000 generated requests, in
// process (app.request, no sockets), a few at a time so pushes also meet in one group
// commit. Part two: a couple of hundred real loopback connections that send half a body and
// hang up. Throughout, whatever a client sends:
//   · no answer is a 5xx;
//   · every /api error is our JSON ({error:{code, message}}), never an HTML or text page;
//   · nothing reaches the error log (deps.logError, console.error/warn): a client's mistake is
//     not a stack trace in the server's log;
//   · no answer ever carries the file next to dist/ (path traversal);
// and afterwards the SQLite file is sound and every merged field is the fold of its log.
//
// A failure names FUZZ_SEED: the whole run (server state included) replays from it.
import fc from 'fast-check';
import { serve } from '@hono/node-server';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import { seedStore } from '../../sync-server/seed.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { T0 } from './helpers.ts';
import { checkIntegrity } from './fuzz/integrity.ts';
import { describe as describeRequest, hostileRequest, materialize, type Endpoint, type HostileRequest, type Seqs } from './fuzz/requests.ts';
import { answerText, captureConsole, makeWorld, type World } from './fuzz/world.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** Requests per property run, and how many of them are in flight at once. */
const BATCH = 40;
const PARALLEL = Number(process.env['FUZZ_PARALLEL'] ?? 4);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 255);
const MIN_REQUESTS = 10_000;

/** Every route the app declares (Hono lists them), without the catch-alls and middleware. */
function endpointsOf(app: World['app']): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const r of app.routes) {
    if (r.path.includes('*') || r.method === 'ALL') continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

const ERROR_CODE = /^[a-z]+\/[a-z0-9-]+$/;

interface Tally {
  sent: number;
  byStatus: Map<number, number>;
  byEndpoint: Map<string, number>;
  stored: number;
  /** Push outcomes by code (for FUZZ_VERBOSE: is the generator still getting pushes through?). */
  pushes: Map<string, number>;
  /** Time spent per method and path (FUZZ_VERBOSE). */
  ms: Map<string, number>;
}

/** The checks every answer must pass; returns a problem, or null. */
async function judge(req: HostileRequest, res: Response, url: string, world: World): Promise<{ problem: string | null; json: unknown }> {
  const text = await answerText(res);
  const path = new URL(url).pathname;
  let json: unknown = null;
  if (res.status >= 500) return { problem: `status ${res.status}: ${text.slice(0, 300)}`, json };
  if (text.includes(world.secret)) return { problem: 'the answer carries the file outside dist/', json };
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      return { problem: `answer says JSON but is not: ${text.slice(0, 200)}`, json };
    }
  }
  if ((path === '/api' || path.startsWith('/api/')) && res.status >= 400 && req.method !== 'HEAD') {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== 'string' || !ERROR_CODE.test(error.code) || typeof error.message !== 'string' || error.message.length === 0) {
      return { problem: `status ${res.status} without a JSON error: ${res.headers.get('content-type')} ${text.slice(0, 200)}`, json };
    }
    // Brackets inside a JSON string are text, not nesting.
    if (req.body.kind === 'deep' && req.body.inString && error.code === 'http/too-deep') return { problem: 'nesting counted inside a string', json };
  }
  return { problem: null, json };
}

/** Keeps our idea of each device's next seq in step with what the server said. */
function follow(seqs: Seqs, pusher: string | null, status: number, json: unknown, tally: Tally): void {
  if (!pusher) return;
  const body = json as { a?: unknown; x?: unknown; error?: { code?: string; expected?: unknown } } | null;
  const count = (k: string) => tally.pushes.set(k, (tally.pushes.get(k) ?? 0) + 1);
  const issue = (body?.error as { issues?: { path?: string }[] } | undefined)?.issues?.[0];
  count(`${status} ${body?.error?.code ?? ''}${issue?.path ? ` at ${issue.path.replace(/\d+/g, 'N')}` : ''}`);
  if (Array.isArray(body?.x)) for (const x of body.x as unknown[][]) count(`x ${String(x[1])}`);
  if (status === 200 && typeof body?.a === 'number') {
    const before = seqs.get(pusher) ?? 0;
    const refused = Array.isArray(body.x) ? body.x.length : 0;
    if (body.a > before) tally.stored += Math.max(0, body.a - before - refused);
    seqs.set(pusher, Math.max(before, body.a));
  } else if (status === 409 && body?.error?.code === 'sync/seq-gap' && typeof body.error.expected === 'number') {
    seqs.set(pusher, body.error.expected - 1);
  }
}

let world: World;
let endpoints: Endpoint[];
beforeAll(async () => {
  world = await makeWorld();
  endpoints = endpointsOf(world.app);
});
afterAll(async () => {
  await world?.close();
});

describe('fuzzing every endpoint', () => {
  it(`answers ≥ ${MIN_REQUESTS} hostile requests without a 5xx, a non-JSON API error or a logged error, and the store stays sound`, async () => {
    const seqs: Seqs = new Map();
    const tally: Tally = { sent: 0, byStatus: new Map(), byEndpoint: new Map(), stored: 0, pushes: new Map(), ms: new Map() };
    const restore = captureConsole(world.captured);
    const batches = fc.array(hostileRequest(endpoints, world.actors.length), { minLength: BATCH, maxLength: BATCH });
    let details: fc.RunDetails<[HostileRequest[]]>;
    try {
      details = await fc.check(
        fc.asyncProperty(batches, async (batch) => {
          for (let i = 0; i < batch.length; i += PARALLEL) {
            const chunk = batch.slice(i, i + PARALLEL);
            const sent: string[] = [];
            const problems = await Promise.all(
              chunk.map(async (req) => {
                const m = await materialize(req, world, seqs);
                sent.push(describeRequest(req, m));
                let res: Response;
                const started = performance.now();
                try {
                  res = await world.app.request(m.url, m.init);
                } catch (e) {
                  return `${describeRequest(req, m)}: the app threw ${String(e)}`;
                }
                tally.sent++;
                const key = `${req.method} ${req.path}`;
                tally.ms.set(key, (tally.ms.get(key) ?? 0) + performance.now() - started);
                tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
                tally.byEndpoint.set(key, (tally.byEndpoint.get(key) ?? 0) + 1);
                const { problem, json } = await judge(req, res, m.url, world);
                follow(seqs, m.pusher, res.status, json, tally);
                return problem && `${describeRequest(req, m)}: ${problem}`;
              }),
            );
            const problem = problems.find((p) => p);
            if (problem) throw new Error(problem);
            const logged = world.captured.errors[0];
            const line = world.captured.console[0];
            if (logged || line) {
              const what = logged
                ? `logged as unexpected (${logged.where}): ${logged.err instanceof Error ? logged.err.stack : String(logged.err)}`
                : `written to the console: ${line!.map(String).join(' ').slice(0, 500)}`;
              throw new Error(`${what}\nwhile answering one of:\n  ${sent.join('\n  ')}`);
            }
          }
        }),
        // No shrinking: the server's state moves on with every request, so a smaller batch
        // replayed later proves little; the message names the requests in flight instead.
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      restore();
    }
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`run ${details.numRuns} of FUZZ_SEED=${SEED} (replay the whole run: FUZZ_SEED=${SEED} npx vitest run test/server/fuzz.test.ts)\n${error}`);
    }

    if (process.env['FUZZ_VERBOSE']) console.log(tally, [...tally.ms].sort((a, b) => b[1] - a[1]).slice(0, 12));
    expect(tally.sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // Every declared route was attacked, and enough pushes got through to make the checks below mean something.
    for (const e of endpoints) expect(tally.byEndpoint.get(`${e.method} ${e.path}`) ?? 0, `${e.method} ${e.path}`).toBeGreaterThan(20);
    expect(tally.stored).toBeGreaterThan(100);
    // No generated request could end the shared sessions, so signed-in paths were fuzzed to the end.
    for (const a of world.actors) expect((await world.app.request('/api/me', { headers: { authorization: `Bearer ${a.token}` } })).status, a.username).toBe(200);
    expect(world.captured.errors).toEqual([]);

    const integrity = checkIntegrity(world.dbFile);
    expect(integrity.problems).toEqual([]);
    expect(integrity.counts.changes).toBeGreaterThan(100);
  }, 120_000);
});

describe('clients that hang up mid-body (real sockets, loopback)', () => {
  it('answers the next request normally and logs nothing after 200 aborted uploads', async () => {
    const restore = captureConsole(world.captured);
    const infos: unknown[][] = [];
    const info = console.info;
    console.info = (...args: unknown[]) => void infos.push(args);
    const server = serve({ fetch: world.app.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
      const { port } = server.address() as AddressInfo;
      const actor = { ...world.actors[0]!, token: await world.freshToken(world.actors[0]!) };
      const sync = JSON.stringify({ v: SYNC_FORMAT_VERSION, d: actor.deviceId, c: [], p: 0 });
      const shapes = [
        // declared length, then half of it
        (i: number) => ({ path: '/api/sync', headers: `Authorization: Bearer ${actor.token}\r\nContent-Type: application/json\r\nContent-Length: ${sync.length + 500}\r\n`, body: sync.slice(0, 10 + (i % 30)) }),
        () => ({ path: '/api/login', headers: 'Content-Type: application/json\r\nContent-Length: 4000\r\n', body: '{"username":"thieuvan.congan","pass' }),
        // chunked, cut inside a chunk
        () => ({ path: '/api/login', headers: 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n', body: '40\r\n{"username":"admin",' }),
        // gzip claimed, cut
        () => ({ path: '/api/sync', headers: `Authorization: Bearer ${actor.token}\r\nContent-Encoding: gzip\r\nContent-Length: 900\r\n`, body: '\x1f\x8b\x08\x00' }),
        // headers only
        () => ({ path: '/api/login', headers: 'Content-Type: application/json\r\nContent-Length: 100\r\n', body: '' }),
        // a photo upload cut short
        () => ({ path: `/api/blobs/${'a'.repeat(64)}?unit=tv`, method: 'PUT', headers: `Authorization: Bearer ${actor.token}\r\nContent-Type: image/jpeg\r\nContent-Length: 50000\r\n`, body: '\xff\xd8\xff' + 'A'.repeat(2000) }),
      ];
      const abort = (i: number) =>
        new Promise<void>((resolve) => {
          const shape = shapes[i % shapes.length]!(i);
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(`${'method' in shape ? shape.method : 'POST'} ${shape.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${shape.headers}\r\n`);
            socket.write(Buffer.from(shape.body, 'latin1'));
            // Sometimes at once, sometimes after the server has started reading.
            setTimeout(() => (i % 2 ? socket.resetAndDestroy() : socket.destroy()), i % 3 === 0 ? 0 : 5);
          });
          socket.on('error', () => undefined);
          socket.on('close', () => resolve());
        });
      for (let round = 0; round < 10; round++) {
        await Promise.all(Array.from({ length: 20 }, (_, k) => abort(round * 20 + k)));
        const health = await fetch(`http://127.0.0.1:${port}/api/health`);
        expect(health.status).toBe(200);
      }
      // The socket closes before the server has finished with it; give it a moment to settle.
      await new Promise((r) => setTimeout(r, 200));
      const login = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${actor.token}` } });
      expect(login.status).toBe(200);
      // Traversal in raw request lines, where no URL parser tidied the path first.
      for (const target of ['/../bi-mat.txt', '/..%2fbi-mat.txt', '/%2e%2e/bi-mat.txt', '/assets/..%2f..%2fbi-mat.txt', '/..\\bi-mat.txt']) {
        const raw = await new Promise<string>((resolve) => {
          let got = '';
          const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
          socket.on('data', (d) => (got += d.toString('latin1')));
          socket.on('error', () => undefined);
          socket.on('close', () => resolve(got));
        });
        expect(raw, target).not.toContain(world.secret);
        expect(raw, target).not.toMatch(/^HTTP\/1\.1 5/);
      }
    } finally {
      await new Promise((r) => server.close(r));
      console.info = info;
      restore();
    }
    expect(world.captured.errors.map((e) => e.where)).toEqual([]);
    expect(world.captured.console).toEqual([]);
    expect(infos).toEqual([]);
    expect(checkIntegrity(world.dbFile).problems).toEqual([]);
  }, 30_000);
});

describe('the integrity check the fuzzer relies on', () => {
  it('passes a freshly seeded store and names each kind of damage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-tay-integrity-'));
    const file = join(dir, 'sync.db');
    const store = openSqliteStore({ file });
    try {
      await seedStore(store, { demo: false, now: T0 });
      const clean = checkIntegrity(file);
      expect(clean.problems).toEqual([]);
      expect(clean.counts.changes).toBeGreaterThan(0);

      const hlc = (ms: number): Hlc => encodeHlc({ wall: ms, counter: 0, device: 'phone1' });
      const [adoption] = await store.listDocs({ colls: ['adoption'] });
      const [field, state] = Object.entries(adoption!.doc)[0]!;
      // A merged value nobody's change explains, a merged field with no log at all, and a
      // logged value the validator refuses that never reached the docs.
      await store.putField('adoption', adoption!.id, field, adoption!.unit, { heads: [{ ...state.heads[0]!, value: 'bịa ra' }], dead: [] });
      await store.putField('status', 'tv:mh-24', 'note', 'tv', { heads: [{ value: 'x', hlc: hlc(T0), base: null, author: 'u' }], dead: [] });
      await store.appendChange({
        coll: 'status', id: 'tv:mh-24', field: 'progress', value: 140, hlc: hlc(T0 + 1), base: null, unit: 'tv', author: 'u',
        device: 'phone1', deviceSeq: 1, origHlc: null, receivedAt: T0,
      });
      const damaged = checkIntegrity(file).problems.join('\n');
      expect(damaged).toContain(`doc field adoption/${adoption!.id}/${field} is not the fold of its log`);
      expect(damaged).toContain('doc field status/tv:mh-24/note has no logged change');
      expect(damaged).toContain('(status/tv:mh-24/progress) stored although invalid');
      expect(damaged).toContain('logged field status/tv:mh-24/progress has no merged doc');
      expect(damaged).toContain('device phone1 has logged changes but no mark');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
