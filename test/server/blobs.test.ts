// Photo bytes by content hash (sync-server/blobs/), through the real app in process: who may
// upload, who may fetch, and that the server trusts only the hash it computes itself.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_FORMAT_VERSION, pushedToTuple, type Pushed } from '../../src/domain/sync/wire.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import { hlcAt, testServer, type ErrorJson, type TestServer } from './helpers.ts';

let s: TestServer;
const tokens = new Map<string, string>();
const seqs = new Map<string, number>();

const deviceOf = (userId: string) => `d_${userId.replace(/-/g, '_')}`.slice(0, 32);
async function tokenOf(userId: string): Promise<string> {
  if (!tokens.has(userId)) tokens.set(userId, await s.session(userId, deviceOf(userId)));
  return tokens.get(userId)!;
}

/** Bytes that start like a JPEG (the server checks the signature, not the picture). */
const jpeg = (size: number): Uint8Array => {
  const b = new Uint8Array(randomBytes(size));
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function put(userId: string, bytes: Uint8Array | ReadableStream<Uint8Array>, o: { hash: string; query?: string; type?: string; length?: boolean }) {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenOf(userId)}`, 'content-type': o.type ?? 'image/jpeg' };
  const init: RequestInit & { duplex?: 'half' } = { method: 'PUT', headers, body: bytes as BodyInit, duplex: 'half' };
  if (o.length !== false && bytes instanceof Uint8Array) headers['content-length'] = String(bytes.byteLength);
  const res = await s.app.request(`/api/blobs/${o.hash}?${o.query ?? 'unit=tv'}`, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as ErrorJson & { hash?: string; size?: number } };
}

async function get(userId: string, hash: string) {
  const res = await s.app.request(`/api/blobs/${hash}`, { headers: { authorization: `Bearer ${await tokenOf(userId)}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Pushes a photo record (one change per field) through POST /api/sync, as a phone does. */
async function pushPhoto(userId: string, id: string, values: Record<string, FieldValue>, unit = 'tv') {
  const device = deviceOf(userId);
  const changes = Object.entries(values).map(([field, value]): Pushed => {
    const seq = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, seq);
    return { seq, coll: 'photo', id, field, value, hlc: hlcAt(s.clock.now(), device, seq), base: null, unit, author: userId };
  });
  return s.request<{ a: number; x?: unknown[] } & ErrorJson>('POST', '/api/sync', {
    token: await tokenOf(userId),
    body: { v: SYNC_FORMAT_VERSION, d: device, c: changes.map(pushedToTuple), p: 0 },
  });
}

const photoValues = (hash: string, size: number, adoptionId = 'tv:mh-24') => ({ adoptionId, blob: hash, type: 'image/jpeg', size, caption: '', takenAt: s.clock.now() });

const POLICE = 'u-thieuvan-congan'; // communeStanding, xã Thiệu Vân (tv), in thành phố Thanh Hóa (th-tp)

beforeAll(async () => {
  s = await testServer({ demoUsers: true });
  await s.addUser({ id: 'u-tp', username: 'thanhpho.huyen', role: 'districtOfficer', unitId: 'th-tp' });
});
afterAll(() => s.close());

describe('PUT then GET /api/blobs/:hash', () => {
  it('round-trips the bytes; a colleague sees them once a photo record names them, pushed before or after the upload', async () => {
    const bytes = jpeg(150_000);
    const hash = sha256(bytes);

    // The record may arrive first: the push does not wait for the bytes.
    const pushed = await pushPhoto(POLICE, `tv:mh-24~a${hash.slice(0, 6)}`, photoValues(hash, bytes.byteLength));
    expect(pushed.status).toBe(200);
    expect(pushed.body.x ?? []).toEqual([]);

    expect(await get(POLICE, hash)).toMatchObject({ status: 404 });
    const up = await put(POLICE, bytes, { hash });
    expect(up).toMatchObject({ status: 201, body: { hash, size: 150_000 } });

    for (const who of [POLICE, 'u-thieuvan-lanhdao']) {
      const r = await get(who, hash);
      expect(r.status).toBe(200);
      expect(Buffer.from(r.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(r.headers.get('content-type')).toBe('image/jpeg');
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets the uploader fetch its bytes before any record names them, and nobody else', async () => {
    const bytes = jpeg(2_000);
    const hash = sha256(bytes);
    expect((await put(POLICE, bytes, { hash })).status).toBe(201);
    expect((await get(POLICE, hash)).status).toBe(200);
    expect((await get('u-thieuvan-lanhdao', hash)).status).toBe(404);
  });

  it('answers a re-upload of stored bytes 200 and keeps the first copy', async () => {
    const bytes = jpeg(5_000);
    const hash = sha256(bytes);
    expect((await put(POLICE, bytes, { hash })).status).toBe(201);
    expect((await put(POLICE, bytes, { hash })).status).toBe(200);
    expect((await put('u-thieuvan-lanhdao', bytes, { hash })).status).toBe(403); // a leader writes no photos, stored or not
    const stored = await s.store.getBlob(hash);
    expect(stored).toMatchObject({ hash, size: 5_000, type: 'image/jpeg', unit: 'tv', uploadedBy: POLICE });
  });

  it('refuses bytes whose sha-256 is not the hash in the address, and stores nothing', async () => {
    const bytes = jpeg(4_000);
    const claimed = sha256(jpeg(4_000));
    const r = await put(POLICE, bytes, { hash: claimed });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('blob/hash-mismatch');
    expect(await s.store.getBlob(claimed)).toBeNull();
    expect(await s.store.getBlob(sha256(bytes))).toBeNull();
  });

  it('refuses more than 300 KB with 413, whether the length is declared or only streamed', async () => {
    const bytes = jpeg(300_001);
    const hash = sha256(bytes);
    const declared = await put(POLICE, bytes, { hash });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('http/too-large');

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.byteLength; i += 16_384) controller.enqueue(bytes.subarray(i, i + 16_384));
        controller.close();
      },
    });
    const streamed = await put(POLICE, stream, { hash, length: false });
    expect(streamed.status).toBe(413);
    expect(await s.store.getBlob(hash)).toBeNull();

    const largest = jpeg(300_000);
    expect((await put(POLICE, largest, { hash: sha256(largest) })).status).toBe(201);
  });

  it('refuses what is not a JPEG or WebP, whatever the declared type', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    expect((await put(POLICE, png, { hash: sha256(png), type: 'image/png' })).body.error.code).toBe('blob/unsupported-type');
    const lying = await put(POLICE, png, { hash: sha256(png), type: 'image/jpeg' });
    expect([lying.status, lying.body.error.code]).toEqual([415, 'blob/unsupported-type']);
    const bad = await put(POLICE, png, { hash: 'ABC' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'blob/invalid-hash']);
  });

  it('requires a session', async () => {
    const bytes = jpeg(100);
    const res = await s.app.request(`/api/blobs/${sha256(bytes)}?unit=tv`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: bytes as BodyInit });
    expect(res.status).toBe(401);
    expect((await s.app.request(`/api/blobs/${sha256(bytes)}`)).status).toBe(401);
  });
});

describe('who may upload (the write rule of photos)', () => {
  const VILLAGE = 'u-thieuvan-thon1'; // Thôn 1 is assigned tv:mh-24, not tv:mh-03

  it('a village member uploads photos of the models its village is assigned to, naming the adoption', async () => {
    const bytes = jpeg(1_000);
    const hash = sha256(bytes);
    expect((await put(VILLAGE, bytes, { hash, query: 'unit=tv' })).status).toBe(403);
    expect((await put(VILLAGE, bytes, { hash, query: 'unit=tv&adoption=tv:mh-03' })).status).toBe(403);
    expect((await put(VILLAGE, bytes, { hash, query: 'unit=tv&adoption=tv:mh-24' })).status).toBe(201);
  });

  it('refuses another commune, an unknown unit, an adoption of another unit and district officers', async () => {
    const bytes = jpeg(1_000);
    const hash = sha256(bytes);
    expect((await put(POLICE, bytes, { hash, query: 'unit=dh' })).status).toBe(403);
    expect((await put(POLICE, bytes, { hash, query: 'unit=nowhere' })).body.error.code).toBe('http/invalid-query');
    expect((await put(POLICE, bytes, { hash, query: '' })).body.error.code).toBe('http/invalid-query');
    expect((await put(POLICE, bytes, { hash, query: 'unit=tv&adoption=dh:mh-24' })).body.error.code).toBe('http/invalid-query');
    expect((await put('u-tp', bytes, { hash, query: 'unit=tv' })).status).toBe(403);
    expect(await s.store.getBlob(hash)).toBeNull();
  });
});

describe('who may fetch (whoever reads the unit of a record naming the hash)', () => {
  let hash: string;
  beforeAll(async () => {
    const bytes = jpeg(20_000);
    hash = sha256(bytes);
    expect((await put(POLICE, bytes, { hash })).status).toBe(201);
    expect((await pushPhoto(POLICE, `tv:mh-24~b${hash.slice(0, 6)}`, photoValues(hash, bytes.byteLength))).status).toBe(200);
  });

  it('a district officer whose district contains the commune can fetch it', async () => {
    expect((await get('u-tp', hash)).status).toBe(200);
    expect((await get('u-thanhhoa-tinh', hash)).status).toBe(200); // province, above the district
  });

  it('a user of another commune or district gets the very answer of a hash that does not exist', async () => {
    const missing = await get('u-donghai-congan', sha256(jpeg(10)));
    for (const who of ['u-donghai-congan', 'u-quangxuong-huyen']) {
      const r = await get(who, hash);
      expect(r.status).toBe(404);
      expect(Buffer.from(r.bytes).toString()).toBe(Buffer.from(missing.bytes).toString());
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    expect(JSON.parse(Buffer.from(missing.bytes).toString()).error.code).toBe('blob/not-found');
  });
});
