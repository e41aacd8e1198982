// Hostile requests, as data (so fast-check can print, replay and shrink them), and how each
// becomes a real `Request` for the app. What a request needs from the live server (a valid
// token, the device's next seq, a hash of the body) is named here and filled in by
// `materialize`, so a generated request stays meaningful whatever came before it.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encodeHlc } from '../../../src/domain/sync/hlc.ts';
import { SYNC_FORMAT_VERSION } from '../../../src/domain/sync/wire.ts';
import { PASSWORD } from '../helpers.ts';
import type { World } from './world.ts';

// ─── the request model ──────────────────────────────────────────────────────────────────

export type Auth =
  | { kind: 'none' }
  /** The actor's long-lived session. */
  | { kind: 'actor'; actor: number }
  /** A session minted for this one request (logout revokes what it is given). */
  | { kind: 'fresh'; actor: number }
  | { kind: 'expired' }
  | { kind: 'revoked' }
  /** A raw Authorization header. */
  | { kind: 'header'; value: string };

/** Where a change of the sync body points; the fuzzer writes to these (and to junk). */
export interface Target {
  coll: string;
  id: string;
  field: string;
  unit: string;
  value: fc.Arbitrary<unknown>;
}

const statusValue = fc.constantFrom('notStarted', 'inProgress', 'partial', 'done', 'ongoing', 'waitingGuidance', 'DONE', '');
const date = fc.constantFrom('2026-11-25', '2026-02-29', '2026-99-99', '2026-11-31', '25/11/2026', '2026-1-5');
const text = fc.string({ maxLength: 60 });
export const TARGETS: readonly Target[] = [
  { coll: 'status', id: 'tv:mh-24', field: 'progress', unit: 'tv', value: fc.integer({ min: -5, max: 105 }) },
  { coll: 'status', id: 'tv:mh-24', field: 'note', unit: 'tv', value: text },
  { coll: 'status', id: 'tv:mh-24', field: 'status', unit: 'tv', value: statusValue },
  { coll: 'status', id: 'tv:mh-24', field: 'asOf', unit: 'tv', value: date },
  { coll: 'status', id: 'tv:mh-01', field: 'progress', unit: 'tv', value: fc.integer({ min: 0, max: 100 }) },
  { coll: 'status', id: 'dh:mh-01', field: 'note', unit: 'dh', value: text },
  { coll: 'indicators', id: 'tv@2026-11', field: 's.cap-dien-tu.total', unit: 'tv', value: fc.integer({ min: -1, max: 2e9 }) },
  { coll: 'indicators', id: 'tv@2026-11', field: 's.cap-dien-tu.online', unit: 'tv', value: fc.integer({ min: 0, max: 50 }) },
  { coll: 'indicators', id: 'tv-thon-1@2026-11', field: 'c.hop-thon', unit: 'tv-thon-1', value: fc.nat(1000) },
  { coll: 'checklist', id: 'kiem-tra@tv', field: 'a.q1', unit: 'tv', value: fc.oneof(fc.boolean(), fc.integer(), text, fc.constant(null)) },
  { coll: 'report', id: 'tv@2026-11', field: 'title', unit: 'tv', value: text },
  { coll: 'report', id: 'qx@2026-11', field: 'title', unit: 'qx', value: text },
  { coll: 'reportVersion', id: 'tv@2026-11#1', field: 'snapshot', unit: 'tv', value: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }) },
  { coll: 'comment', id: 'tv@2026-11#1~fuzz1', field: 'body', unit: 'tv', value: text },
  { coll: 'comment', id: 'tv@2026-11#1~fuzz1', field: 'returns', unit: 'tv', value: fc.boolean() },
  // Units that lie about the record: who may read a record must not depend on which change one looks at.
  { coll: 'comment', id: 'tv@2026-11#1~fuzz1', field: 'body', unit: 'dh', value: text },
  { coll: 'status', id: 'tv:mh-24', field: 'note', unit: 'dh', value: text },
  { coll: 'comment', id: 'cm-fuzz-1', field: 'body', unit: 'tv', value: text },
  { coll: 'adoption', id: 'tv:mh-24', field: 'active', unit: 'tv', value: fc.boolean() },
  { coll: 'photo', id: 'tv:mh-24~fuzz1', field: 'caption', unit: 'tv', value: text },
  { coll: 'photo', id: 'tv:mh-24~fuzz1', field: 'blob', unit: 'tv', value: fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'xyz') },
];

export interface TupleShape {
  /** Offset from the device's next seq (0 = the right one), or any value at all. */
  seq: { next: number } | { raw: unknown };
  target: number;
  value: { valid: unknown } | { raw: unknown };
  /** Stamp wall time relative to the server clock (a phone far ahead gets re-stamped). */
  wall: number;
  counter: number;
  stampDevice: 'own' | 'other' | 'server' | 'seed';
  base: 'none' | 'earlier' | 'later' | 'several' | { raw: unknown };
  author: 'own' | 'other' | { raw: unknown };
  /** Replace one position of the tuple with anything. */
  patch: [number, unknown] | null;
  /** Keep only this many positions (or add junk ones past 9). */
  length: number | null;
}

export interface SyncShape {
  v: unknown;
  d: 'own' | 'other' | { raw: unknown };
  p: unknown;
  n: unknown;
  changes: TupleShape[] | { raw: unknown };
  omit: string[];
  extra: [string, unknown][];
  /** Send the value of this change as text nested this deep (past any JSON.stringify). */
  deepValue: { index: number; depth: number } | null;
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; cut: number | null }
  | { kind: 'sync'; sync: SyncShape; cut: number | null }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Nesting `depth` deep, by arrays or objects; `inString` hides it inside a JSON string. */
  | { kind: 'deep'; depth: number; open: 'array' | 'object'; closed: boolean; inString: boolean }
  | { kind: 'huge'; which: 'spaces' | 'long-string' }
  /** ~20 MB of zeros gzipped into a few KB. */
  | { kind: 'bomb' }
  /** A picture-ish body for PUT /api/blobs. */
  | { kind: 'image'; magic: 'jpeg' | 'webp' | 'none'; size: number };

export interface HostileRequest {
  method: string;
  path: string;
  /** For paths with ":hash": 'body' = the sha-256 of the body sent. */
  param: 'body' | string;
  query: string;
  auth: Auth;
  headers: [string, string][];
  body: Body;
  /** How the body is packed, and the Content-Encoding claimed (may lie). */
  pack: 'plain' | 'gzip' | 'gzip-cut';
  contentEncoding: string | null;
  /** The body stream fails after this many bytes (the client went away). */
  abortAfter: number | null;
  /** Send the previous push of the same session again, byte for byte (a retried delivery). */
  replay: boolean;
}

// ─── generators ─────────────────────────────────────────────────────────────────────────

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 6 });
const SPECIAL = [
  null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 5e-324,
  'NaN', 'Infinity', '-Infinity', '1e308', '0x10', '', ' ', '\u0000', '\uFEFF', '\u202E', '__proto__', 'constructor',
  'prototype', '💥🇻🇳', 'Thiệu Vân', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '\\', '"', '{', '[',
  [], {}, [[]], { __proto__: null }, { length: 1e9 }, [null], ['tv'],
];
/** A value of the wrong type, size or shape for wherever it lands. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 13, max: 55 }).map(nested) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 20_001, 300_001).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant(new Array(5_001).fill(0)) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}') as unknown) },
);

/** An array nested `depth` levels deep: [[[…]]]. */
export function nested(depth: number): unknown {
  let v: unknown = 'đáy';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/**
 * Wild requests are wrong at every layer at once; calm ones are well formed but for the odd
 * defect, so they get past parsing and authentication to the checks and writes behind.
 */
export type Mood = 'wild' | 'calm';

/** Mostly `usual`, sometimes `odd`: about `wildShare` of the time when wild, 2 % when calm. */
function mostly<T>(mood: Mood, usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, wildShare = 0.2): fc.Arbitrary<T> {
  const oddWeight = mood === 'wild' ? Math.max(1, Math.round(100 * wildShare)) : 2;
  return fc.oneof({ weight: 100 - oddWeight, arbitrary: usual }, { weight: oddWeight, arbitrary: odd });
}

const tupleShape = (mood: Mood): fc.Arbitrary<TupleShape> =>
  fc
    .record({
      seq: mostly<TupleShape['seq']>(
        mood,
        fc.constant({ next: 0 }),
        fc.oneof(fc.integer({ min: -3, max: 3 }).map((next) => ({ next })), junk.map((raw) => ({ raw }))),
      ),
      target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
      value: mostly<{ raw: unknown } | null>(mood, fc.constant(null), junk.map((raw) => ({ raw })), 0.3),
      wall: mostly(mood, fc.integer({ min: -86_400_000, max: 60_000 }), fc.constantFrom(366 * 86_400_000, 10 * 60_000, -30 * 365 * 86_400_000)),
      counter: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 36 ** 3 - 1 })),
      stampDevice: mostly<TupleShape['stampDevice']>(mood, fc.constant('own'), fc.constantFrom('other', 'server', 'seed'), 0.1),
      // Bases are part of normal life (an edit after seeing a value), not a defect.
      base: fc.oneof(
        { weight: 60, arbitrary: fc.constant('none' as const) },
        { weight: 35, arbitrary: fc.constantFrom('earlier' as const, 'later' as const, 'several' as const) },
        { weight: mood === 'wild' ? 10 : 1, arbitrary: junk.map((raw) => ({ raw })) },
      ),
      author: mostly<TupleShape['author']>(mood, fc.constant('own'), fc.oneof(fc.constant('other' as const), junk.map((raw) => ({ raw }))), 0.1),
      patch: mostly<TupleShape['patch']>(mood, fc.constant(null), fc.tuple(fc.integer({ min: 0, max: 8 }), junk), 0.15),
      length: mostly<number | null>(mood, fc.constant(null), fc.integer({ min: 0, max: 12 }), 0.08),
    })
    .chain((t) =>
      // A valid value for the target when none was forced: most changes should get as far as
      // authorization and storage, where the interesting failures live.
      t.value === null ? TARGETS[t.target]!.value.map((valid): TupleShape => ({ ...t, value: { valid } })) : fc.constant({ ...t, value: t.value } as TupleShape),
    );

const syncShape = (mood: Mood): fc.Arbitrary<SyncShape> =>
  fc.record({
    v: mostly<unknown>(mood, fc.constant(SYNC_FORMAT_VERSION), fc.constantFrom(1, 3, '2', 2.5, null, 1e308), 0.08),
    d: mostly<SyncShape['d']>(mood, fc.constant('own'), fc.oneof(fc.constant('other' as const), junk.map((raw) => ({ raw }))), 0.1),
    // Mostly past the end of the log (a small answer), sometimes the whole subscription.
    p: mostly<unknown>(mood, fc.oneof({ weight: 3, arbitrary: fc.constant(1e9) }, { weight: 1, arbitrary: fc.nat(5_000) }), junk, 0.1),
    n: mostly<unknown>(mood, fc.constantFrom(undefined, 50), fc.constantFrom(1, 2000, 2001, 0, -1, 1.5, '5'), 0.1),
    changes: mostly<SyncShape['changes']>(
      mood,
      fc.array(tupleShape(mood), { minLength: mood === 'calm' ? 1 : 0, maxLength: 6 }),
      fc.oneof(junk.map((raw) => ({ raw })), fc.constant({ raw: new Array(501).fill([]) })),
      0.1,
    ),
    omit: mostly(mood, fc.constant<string[]>([]), fc.constantFrom(['v'], ['d'], ['c'], ['p']), 0.08),
    extra: mostly(mood, fc.constant<[string, unknown][]>([]), fc.array(fc.tuple(fc.constantFrom('x', '__proto__', 'constructor', 'c ', 'V'), junk), { minLength: 1, maxLength: 2 }), 0.15),
    deepValue: mostly(mood, fc.constant(null), fc.record({ index: fc.nat(5), depth: fc.constantFrom(13, 60, 64, 65, 3_500, 100_000) }), 0.05),
  });

const badAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'expired' as const }, { kind: 'revoked' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom('Bearer', 'Bearer ', 'bearer abcdefghijklmnopqrstuvwxyz', 'Basic YWRtaW46ZGVtbzA2', 'Bearer null', 'Bearer undefined'),
        fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_'), minLength: 20, maxLength: 200 }).map((t) => `Bearer ${t}`),
        fc.constantFrom(201, 8_000).map((n) => `Bearer ${'A'.repeat(n)}`),
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
      )
      .map((value) => ({ kind: 'header' as const, value })),
  },
);
const auth = (mood: Mood, actors: number): fc.Arbitrary<Auth> =>
  mostly<Auth>(mood, fc.nat(actors - 1).map((actor) => ({ kind: 'actor' as const, actor })), badAuth, 0.35);

const headerValue = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(8_000, 16_000).map((n) => 'v'.repeat(n)) },
);
const anyHeaders = fc.array(
  fc.tuple(
    fc.constantFrom(
      'content-type', 'accept', 'accept-encoding', 'if-none-match', 'x-forwarded-for', 'x-real-ip', 'forwarded', 'cookie',
      'content-length', 'origin', 'referer', 'user-agent', 'x-http-method-override', 'range', 'expect',
    ),
    fc.oneof(
      { weight: 3, arbitrary: headerValue },
      { weight: 2, arbitrary: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'image/jpeg', 'image/webp', '*/*', 'text/html') },
      { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'gzip;q=0', 'identity', '*') },
      { weight: 1, arbitrary: fc.constantFrom('-1', '0', '1', 'abc', '99999999999999999999', '1e3', ' 5') },
    ),
  ),
  { maxLength: 4 },
);

const jsonCut = (mood: Mood) => mostly<number | null>(mood, fc.constant(null), fc.double({ min: 0, max: 1, noNaN: true }), 0.15);
const jsonBody = (value: fc.Arbitrary<unknown>, mood: Mood = 'wild'): fc.Arbitrary<Body> =>
  fc.record({ value, cut: jsonCut(mood) }).map((b) => ({ kind: 'json' as const, ...b }));

const loginValue = fc.record(
  {
    username: fc.oneof(fc.constantFrom('thieuvan.congan', 'thieuvan.thon1', 'admin', 'ADMIN', 'khong.co'), junk),
    password: fc.oneof(fc.constantFrom(PASSWORD, 'sai-mat-khau', ''), junk),
    deviceId: fc.oneof(fc.constantFrom('fuzzphone0', 'fuzzphone1', 'server', 'seed', 'abc'), fc.string({ unit: fc.constantFrom(...'abcXYZ019_'), minLength: 4, maxLength: 32 }), junk),
  },
  { requiredKeys: [] },
);

const genericBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 3, arbitrary: jsonBody(junk) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
  {
    weight: 2,
    arbitrary: fc.record({
      depth: fc.constantFrom(63, 64, 65, 100, 3_500, 100_000),
      open: fc.constantFrom('array' as const, 'object' as const),
      closed: fc.boolean(),
      inString: fc.boolean(),
    }).map((d) => ({ kind: 'deep' as const, ...d })),
  },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'huge' as const, which: 'spaces' as const }, { kind: 'huge' as const, which: 'long-string' as const }, { kind: 'bomb' as const }) },
);

/** A body aimed at `path`: its own shape (with junk in it) most of the time, anything otherwise. */
function bodyFor(path: string, mood: Mood): fc.Arbitrary<Body> {
  if (path === '/api/sync') {
    return mostly<Body>(mood, fc.record({ sync: syncShape(mood), cut: jsonCut(mood) }).map((b) => ({ kind: 'sync' as const, ...b })), genericBody, 0.3);
  }
  if (path === '/api/login') return mostly<Body>(mood, jsonBody(loginValue, mood), genericBody, 0.4);
  if (path.startsWith('/api/blobs/')) {
    const image = fc.record({ magic: fc.constantFrom('jpeg' as const, 'webp' as const, 'none' as const), size: fc.constantFrom(3, 100, 5_000, 300_001) });
    return mostly<Body>(mood, image.map((b) => ({ kind: 'image' as const, ...b })), genericBody, 0.4);
  }
  return mood === 'calm' ? fc.constant({ kind: 'none' as const }) : genericBody;
}

export interface Endpoint {
  method: string;
  /** As Hono lists it (":hash" parameters allowed). */
  path: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND'];

/** Traversal and oddities for the static files (and for every path, once in a while). */
const staticPath = fc
  .array(
    fc.constantFrom(
      '..', '%2e%2e', '%2E%2E', '.%2e', '%252e%252e', '..%2f', '..%2F..%2F', '%2e%2e%2f', '..%5c', '..\\', '%c0%ae%c0%ae', '%ff', '%', '%00',
      'assets', 'index.html', 'sw.js', 'manifest.webmanifest', 'index-B2x9_aQf.js', 'bi-mat.txt', 'etc', 'passwd', '', '.', 'ü', '💥',
      'bao-cao', 'x'.repeat(300), '%2e%2e%2fbi-mat.txt', '..%2fbi-mat.txt', '..%252fbi-mat.txt',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => `/${parts.join('/')}`);

const queryJunk = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('tv', 'qx', 'th', 'dh', 'tv-thon-1', 'khong-co', '', 'x'.repeat(81)).map((u) => `?unit=${u}`) },
  { weight: 1, arbitrary: fc.constantFrom('?unit=tv&unit=qx', '?unit', '?unit=%E0%A4%A', '?unit=%', '?unit=%00', '?=&&=', '?unit[]=tv', '?unit=tv&adoption=tv:mh-24', '?unit=tv&adoption=dh:mh-01') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abc=&%?#+ /tv09'), maxLength: 30 }).map((q) => `?${q}`) },
);

function request(endpoints: readonly Endpoint[], actors: number, mood: Mood): fc.Arbitrary<HostileRequest> {
  // Pushes carry most of the logic (and all of the writes): a third of the aimed requests.
  const push = endpoints.filter((e) => e.path === '/api/sync');
  const rest = endpoints.filter((e) => e.path !== '/api/sync');
  const endpoint = push.length && rest.length
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...push) }, { weight: 2, arbitrary: fc.constantFrom(...rest) })
    : fc.constantFrom(...endpoints);
  const aimed = endpoint.chain((e) =>
    fc.record({
      method: mostly(mood, fc.constant(e.method), fc.constantFrom(...METHODS), 0.15),
      path: mostly(
        mood,
        fc.constant(e.path),
        fc.constantFrom(`${e.path}/`, e.path.toUpperCase(), `/${e.path}`, `${e.path}/x`, `${e.path};x`, `${e.path}%00`, e.path.replace('/api/', '/api/%2e%2e/api/')),
        0.08,
      ),
      body: bodyFor(e.path, mood),
    }),
  );
  const elsewhere = fc.record({
    method: fc.constantFrom(...METHODS),
    path: fc.oneof(
      staticPath,
      fc.constantFrom('/api', '/api/', '/api/devices/fuzzphone0', '/api/admin', '/api/sync/../login', '/api//sync', '/API/health', '/.env', '/favicon.ico'),
      fc.string({ unit: fc.constantFrom(...'abc/._-%2e~'), maxLength: 40 }).map((p) => `/api/${p}`),
    ),
    body: genericBody,
  });
  return fc
    .record({
      target: mood === 'calm' ? aimed : fc.oneof({ weight: 4, arbitrary: aimed }, { weight: 1, arbitrary: elsewhere }),
      param: mostly(mood, fc.constant('body'), fc.constantFrom('a'.repeat(64), '0'.repeat(64), 'A'.repeat(64), 'abc', '', '..', '%2e%2e', 'g'.repeat(64), 'a'.repeat(65), 'fuzzrevoked', 'thieuvan.thon1', 'admin'), 0.4),
      query: mostly(mood, fc.constantFrom('', '?unit=tv', '?unit=qx', '?unit=tv&adoption=tv:mh-24'), queryJunk, 0.5),
      auth: auth(mood, actors),
      headers: mostly(mood, fc.constant<[string, string][]>([]), anyHeaders, 0.5),
      pack: mostly<HostileRequest['pack']>(mood, fc.constantFrom('plain', 'plain', 'gzip'), fc.constant('gzip-cut'), 0.1),
      contentEncoding: mostly<string | null>(
        mood,
        fc.constant(null),
        fc.constantFrom('gzip', 'GZIP', ' gzip ', 'br', 'deflate', 'gzip, gzip', 'identity', 'x-evil', 'compress'),
        0.3,
      ),
      abortAfter: mostly<number | null>(mood, fc.constant(null), fc.nat(400), 0.1),
      replay: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map(({ target, ...rest }) => {
      // Gzipped bodies say so unless a lying header was drawn.
      const contentEncoding = rest.pack !== 'plain' && rest.contentEncoding === null ? 'gzip' : rest.contentEncoding;
      return { ...rest, ...target, contentEncoding };
    });
}

/** One hostile request against one of `endpoints` (or a path nobody serves): half wild, half calm. */
export const hostileRequest = (endpoints: readonly Endpoint[], actors: number): fc.Arbitrary<HostileRequest> =>
  fc.oneof(request(endpoints, actors, 'wild'), request(endpoints, actors, 'calm'));

// ─── turning a request into bytes on the wire ───────────────────────────────────────────

/** What the fuzzer knows of each device's exactly-once mark (updated from the answers). */
export type Seqs = Map<string, number>;

/** The last push each session sent (for replays). */
const lastPush = new WeakMap<World, Map<string, Materialized>>();

const big = {
  spaces: Buffer.alloc(1024 * 1024 + 1, 0x20),
  longString: Buffer.from(JSON.stringify('Đ'.repeat(1024 * 1024 / 2 - 20))),
  bomb: gzipSync(Buffer.alloc(20 * 1024 * 1024)),
};

function deepText(depth: number, open: 'array' | 'object', closed: boolean): string {
  const [o, c] = open === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return o.repeat(depth) + (closed ? '1' + c.repeat(depth) : '');
}

function syncText(s: SyncShape, world: World, actorIndex: number, seqs: Seqs): string {
  const actor = world.actors[actorIndex] ?? world.actors[0]!;
  const other = world.actors[(actorIndex + 1) % world.actors.length]!;
  const next = (seqs.get(actor.deviceId) ?? 0) + 1;
  const now = world.now();
  const stampFor = (t: TupleShape, i: number, extra = 0) => {
    const device = t.stampDevice === 'own' ? actor.deviceId : t.stampDevice === 'other' ? other.deviceId : t.stampDevice;
    return encodeHlc({ wall: Math.max(0, now + t.wall + extra), counter: (t.counter + i) % 36 ** 3, device });
  };
  let deep: string | null = null;
  const DEEP = '"__fuzz_deep__"';
  const body: Record<string, unknown> = {
    v: s.v,
    d: s.d === 'own' ? actor.deviceId : s.d === 'other' ? other.deviceId : s.d.raw,
    c: Array.isArray(s.changes)
      ? s.changes.map((t, i) => {
          const target = TARGETS[t.target]!;
          const hlc = stampFor(t, i);
          const base =
            t.base === 'none' ? null
            : t.base === 'earlier' ? stampFor(t, i, -1000)
            : t.base === 'later' ? stampFor(t, i, 1000)
            : t.base === 'several' ? [stampFor(t, i, -3000), encodeHlc({ wall: now - 2000, counter: 0, device: other.deviceId })].sort().join(',')
            : t.base.raw;
          let value = 'valid' in t.value ? t.value.valid : t.value.raw;
          if (s.deepValue && s.deepValue.index === i) {
            deep = deepText(s.deepValue.depth, 'array', true);
            value = '__fuzz_deep__';
          }
          const tuple: unknown[] = [
            'next' in t.seq ? next + i + t.seq.next : t.seq.raw,
            target.coll, target.id, target.field, value, hlc, base, target.unit,
            t.author === 'own' ? actor.userId : t.author === 'other' ? other.userId : t.author.raw,
          ];
          if (t.patch) tuple[t.patch[0]] = t.patch[1];
          if (t.length !== null) {
            tuple.length = Math.min(t.length, tuple.length);
            while (tuple.length < t.length) tuple.push('extra');
          }
          return tuple;
        })
      : s.changes.raw,
    p: s.p,
    ...(s.n === undefined ? {} : { n: s.n }),
  };
  for (const k of s.omit) delete body[k];
  for (const [k, v] of s.extra) Object.defineProperty(body, k, { value: v, enumerable: true, configurable: true, writable: true });
  const text = JSON.stringify(body);
  return deep === null ? text : text.replace(DEEP, deep);
}

function bodyBytes(req: HostileRequest, world: World, actorIndex: number, seqs: Seqs): Buffer | null {
  const b = req.body;
  const cut = (text: string, at: number | null) => (at === null ? text : text.slice(0, Math.floor(text.length * at)));
  switch (b.kind) {
    case 'none':
      return null;
    case 'json':
      return Buffer.from(cut(JSON.stringify(b.value) ?? 'undefined', b.cut));
    case 'sync':
      return Buffer.from(cut(syncText(b.sync, world, actorIndex, seqs), b.cut));
    case 'text':
      return Buffer.from(b.text);
    case 'bytes':
      return Buffer.from(b.bytes);
    case 'deep': {
      const t = deepText(b.depth, b.open, b.closed);
      return Buffer.from(b.inString ? JSON.stringify({ note: `\\"${t}` }) : t);
    }
    case 'huge':
      return b.which === 'spaces' ? big.spaces : big.longString;
    case 'bomb':
      return big.bomb;
    case 'image': {
      const magic = b.magic === 'jpeg' ? [0xff, 0xd8, 0xff] : b.magic === 'webp' ? [...Buffer.from('RIFF\0\0\0\0WEBP')] : [0x00];
      const bytes = Buffer.alloc(Math.max(b.size, magic.length), 0x41);
      Buffer.from(magic).copy(bytes);
      return bytes;
    }
  }
}

function authHeader(a: Auth, world: World, fresh: string | null): string | null {
  switch (a.kind) {
    case 'none':
      return null;
    case 'actor':
      return `Bearer ${world.actors[a.actor]!.token}`;
    case 'fresh':
      return `Bearer ${fresh!}`;
    case 'expired':
      return `Bearer ${world.expiredToken}`;
    case 'revoked':
      return `Bearer ${world.revokedToken}`;
    case 'header':
      return a.value;
  }
}

export interface Materialized {
  url: string;
  init: RequestInit & { duplex?: 'half' };
  /** The actor whose device the body speaks for, when it is a push with that actor's token. */
  pusher: string | null;
}

/** Routes that revoke the session they are called with (logout, renewing a phone's identity, revoking a phone). */
const SPENDS_TOKEN = /logout|renew|revoke/i;

/** The request as the app will receive it. A route that spends its session gets a fresh one, so the shared ones survive. */
export async function materialize(req: HostileRequest, world: World, seqs: Seqs): Promise<Materialized> {
  const actorIndex = req.auth.kind === 'actor' || req.auth.kind === 'fresh' ? req.auth.actor : 0;
  const method = req.method;
  const mayHaveBody = method !== 'GET' && method !== 'HEAD';
  let bytes = mayHaveBody ? bodyBytes(req, world, actorIndex, seqs) : null;
  const sha = createHash('sha256').update(bytes ?? Buffer.alloc(0)).digest('hex');
  if (bytes && req.pack !== 'plain') {
    const packed = gzipSync(bytes);
    bytes = req.pack === 'gzip' ? packed : packed.subarray(0, Math.max(1, Math.floor(packed.length / 2)));
  }
  const path = req.path.replace(/:[a-z]+/g, req.param === 'body' ? sha : req.param);
  const url = `http://localhost${path}${req.query}`;
  // As the app will see it: the URL parser resolves "%2e%2e" and "..".
  const resolved = new URL(url).pathname;

  let auth = req.auth;
  if (auth.kind === 'actor' && SPENDS_TOKEN.test(resolved)) auth = { kind: 'fresh', actor: auth.actor };
  const fresh = auth.kind === 'fresh' ? await world.freshToken(world.actors[auth.actor]!) : null;

  const headers = new Headers();
  for (const [k, v] of req.headers) headers.append(k, v);
  const authorization = authHeader(auth, world, fresh);
  if (authorization !== null) headers.set('authorization', authorization);
  if (req.contentEncoding !== null) headers.set('content-encoding', req.contentEncoding);
  if (bytes && !headers.has('content-type')) headers.set('content-type', req.body.kind === 'image' ? 'image/jpeg' : 'application/json');

  let body: BodyInit | undefined;
  if (bytes && req.abortAfter !== null) {
    const sent = bytes.subarray(0, Math.min(req.abortAfter, bytes.length));
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (sent.length) controller.enqueue(new Uint8Array(sent));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
  } else if (bytes) {
    body = new Uint8Array(bytes);
  }
  const pusher = resolved === '/api/sync' && (auth.kind === 'actor' || auth.kind === 'fresh') ? world.actors[actorIndex]!.deviceId : null;
  const made: Materialized = { url, init: { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' as const } : {}) }, pusher };
  if (pusher && auth.kind === 'actor') {
    const sent = lastPush.get(world) ?? new Map<string, Materialized>();
    lastPush.set(world, sent);
    const previous = sent.get(pusher);
    if (req.replay && previous) return { ...previous, init: { ...previous.init, headers: new Headers(previous.init.headers) } };
    if (body instanceof Uint8Array) sent.set(pusher, made);
  }
  return made;
}

/** A short, printable account of a request for failure messages. */
export function describe(req: HostileRequest, m: Materialized): string {
  const body = req.body.kind === 'sync' ? `sync(${Array.isArray(req.body.sync.changes) ? req.body.sync.changes.length : 'raw'} changes)` : req.body.kind;
  return `${m.init.method} ${m.url} auth=${req.auth.kind} body=${body} pack=${req.pack} ce=${req.contentEncoding ?? '-'} abort=${req.abortAfter ?? '-'}${req.replay ? ' (replay)' : ''}`;
}
