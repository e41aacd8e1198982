// The phone's side of photo blobs (src/photos), over fake-indexeddb, against the real server
// in process: a capture keeps the bytes on the phone and puts only their hash in the record;
// uploadPendingBlobs sends what the records name and marks it; another person's phone fetches
// the bytes on view and keeps them for offline.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type AppDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { docValues } from '../../src/domain/sync/merge.ts';
import { SYNC_FORMAT_VERSION, pushedToTuple } from '../../src/domain/sync/wire.ts';
import { photoEdit, storeDataUrlPhoto, storePhotoBytes } from '../../src/photos/capture.ts';
import { loadPhoto } from '../../src/photos/fetch.ts';
import { uploadPendingBlobs } from '../../src/photos/upload.ts';
import { testServer, type TestServer } from '../server/helpers.ts';

let s: TestServer;
let n = 0;
const fresh = (): AppDb => openDb(`photos-${process.pid}-${++n}`);

const TV_24 = { id: 'tv:mh-24', unitId: 'tv' };
/** Bytes with a JPEG signature; the server checks the signature and the hash, not the picture. */
const jpegBytes = (seed: number, size = 3_000) => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const jpeg = (seed: number, size?: number) => new Blob([jpegBytes(seed, size)], { type: 'image/jpeg' });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const serverFetch = (): typeof fetch => (input, init) => Promise.resolve(s.app.request(input as string, init));
const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

beforeAll(async () => {
  s = await testServer({ demoUsers: true });
  await s.addUser({ id: 'u-tp', username: 'thanhpho.huyen', role: 'districtOfficer', unitId: 'th-tp' });
});
afterAll(() => s.close());

async function capture(db: AppDb, bytes: Blob, author: string, deviceId = 'dev_photos', adoption = TV_24) {
  const store = new LocalStore({ db, deviceId, now: () => s.clock.now() });
  const ref = await storePhotoBytes(db, bytes);
  await store.writeMany([photoEdit(adoption, ref, { suffix: `k${ref.blob.slice(0, 8)}`, takenAt: s.clock.now() })], author);
  return { store, ref };
}

describe('capturing a photo', () => {
  it('keeps the bytes under their sha-256, waiting for upload, and queues a record that names them without the picture', async () => {
    const db = fresh();
    const bytes = jpegBytes(1);
    const { store, ref } = await capture(db, new Blob([bytes], { type: 'image/jpeg' }), 'u-thieuvan-congan');
    expect(ref).toEqual({ blob: sha256(bytes), type: 'image/jpeg', size: bytes.byteLength });

    const row = await db.blobs.get(sha256(bytes));
    expect(row?.uploaded).toBe(0);
    expect(new Uint8Array(await row!.bytes.arrayBuffer())).toEqual(bytes);

    const photos = await store.docsOf('photo');
    expect(photos).toHaveLength(1);
    const values = docValues(photos[0]!.fields);
    expect(values).toMatchObject({ adoptionId: 'tv:mh-24', blob: sha256(bytes), type: 'image/jpeg', size: bytes.byteLength });
    expect(values).not.toHaveProperty('data');
    const queued = await db.outbox.toArray();
    expect(queued.map((r) => r.field).sort()).toEqual(['adoptionId', 'blob', 'caption', 'size', 'takenAt', 'type']);
    expect(Math.max(...queued.map((r) => JSON.stringify(r.value).length))).toBeLessThan(100);
    db.close();
  });

  it('turns a photo of an old draft (a data URL) into the same bytes and hash', async () => {
    const db = fresh();
    const bytes = jpegBytes(2);
    const ref = await storeDataUrlPhoto(db, `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`);
    expect(ref.blob).toBe(sha256(bytes));
    expect(new Uint8Array(await (await db.blobs.get(ref.blob))!.bytes.arrayBuffer())).toEqual(bytes);
    db.close();
  });
});

describe('uploadPendingBlobs', () => {
  it('uploads the bytes a record names, marks them uploaded, and sends nothing twice', async () => {
    const db = fresh();
    const { ref } = await capture(db, jpeg(3), 'u-thieuvan-congan');
    const token = await s.session('u-thieuvan-congan', 'dev_photos_1');
    let puts = 0;
    const counting: typeof fetch = (input, init) => {
      puts++;
      return serverFetch()(input, init);
    };

    expect(await uploadPendingBlobs({ db, fetch: counting, token, baseUrl: '' })).toEqual({ uploaded: 1, pending: 0, refused: [], stopped: null });
    expect((await db.blobs.get(ref.blob))?.uploaded).toBe(1);
    expect(await s.store.getBlob(ref.blob)).toMatchObject({ size: ref.size, type: 'image/jpeg', unit: 'tv', uploadedBy: 'u-thieuvan-congan' });

    expect(await uploadPendingBlobs({ db, fetch: counting, token, baseUrl: '' })).toEqual({ uploaded: 0, pending: 0, refused: [], stopped: null });
    expect(puts).toBe(1);
    db.close();
  });

  it('names the adoption, so a village member may upload photos of its assigned model', async () => {
    const db = fresh();
    const { ref } = await capture(db, jpeg(4), 'u-thieuvan-thon1');
    const token = await s.session('u-thieuvan-thon1', 'dev_photos_2');
    expect((await uploadPendingBlobs({ db, fetch: serverFetch(), token, baseUrl: '' })).uploaded).toBe(1);
    expect((await s.store.getBlob(ref.blob))?.uploadedBy).toBe('u-thieuvan-thon1');
    db.close();
  });

  it('keeps bytes no saved record names (a draft photo), and stops at no network with everything still pending', async () => {
    const db = fresh();
    const draftOnly = await storePhotoBytes(db, jpeg(5));
    const { ref } = await capture(db, jpeg(6), 'u-thieuvan-congan');
    const token = await s.session('u-thieuvan-congan', 'dev_photos_3');

    expect(await uploadPendingBlobs({ db, fetch: offline, token, baseUrl: '' })).toMatchObject({ uploaded: 0, pending: 2, stopped: 'offline' });
    expect((await db.blobs.get(ref.blob))?.uploaded).toBe(0);

    expect(await uploadPendingBlobs({ db, fetch: serverFetch(), token, baseUrl: '' })).toMatchObject({ uploaded: 1, pending: 1, stopped: null });
    expect((await db.blobs.get(draftOnly.blob))?.uploaded).toBe(0);
    expect(await s.store.getBlob(draftOnly.blob)).toBeNull();
    db.close();
  });

  it('reports a refusal and keeps the bytes; a revoked session stops the run', async () => {
    const db = fresh();
    // A commune leader writes no photos (sync-server/sync/authorize.ts).
    const { ref } = await capture(db, jpeg(7), 'u-thieuvan-lanhdao');
    const token = await s.session('u-thieuvan-lanhdao', 'dev_photos_4');
    const refused = await uploadPendingBlobs({ db, fetch: serverFetch(), token, baseUrl: '' });
    expect(refused).toMatchObject({ uploaded: 0, pending: 1, stopped: null, refused: [{ hash: ref.blob, status: 403, code: 'auth/forbidden-unit' }] });
    expect((await db.blobs.get(ref.blob))?.uploaded).toBe(0);

    const stale = await uploadPendingBlobs({ db, fetch: serverFetch(), token: 'x'.repeat(40), baseUrl: '' });
    expect(stale).toMatchObject({ uploaded: 0, pending: 1, stopped: 'unauthorized', refused: [] });
    db.close();
  });
});

describe('viewing a photo taken on another phone', () => {
  it('a district officer fetches the bytes once, keeps them, and opens them offline afterwards', async () => {
    const police = fresh();
    const { ref } = await capture(police, jpeg(8, 120_000), 'u-thieuvan-congan', 'dev_photos_5');
    const policeToken = await s.session('u-thieuvan-congan', 'dev_photos_5');
    await uploadPendingBlobs({ db: police, fetch: serverFetch(), token: policeToken, baseUrl: '' });

    const officer = fresh();
    const officerToken = await s.session('u-tp', 'dev_photos_6');
    // The server lets the officer read the bytes only once a record of a commune it reads names them.
    expect(await loadPhoto({ db: officer, fetch: serverFetch(), token: officerToken, baseUrl: '' }, ref.blob)).toEqual({ kind: 'missing' });
    const outbox = await police.outbox.orderBy('seq').toArray();
    const pushed = await s.request<{ x: unknown[] }>('POST', '/api/sync', {
      token: policeToken,
      body: { v: SYNC_FORMAT_VERSION, d: 'dev_photos_5', c: outbox.map(pushedToTuple), p: 0 },
    });
    expect([pushed.status, pushed.body.x]).toEqual([200, []]);

    const got = await loadPhoto({ db: officer, fetch: serverFetch(), token: officerToken, baseUrl: '' }, ref.blob);
    expect(got.kind).toBe('ok');
    expect(await officer.blobs.get(ref.blob)).toMatchObject({ hash: ref.blob, type: 'image/jpeg', uploaded: 1 });
    const offlineAgain = await loadPhoto({ db: officer, fetch: offline, token: officerToken, baseUrl: '' }, ref.blob);
    expect(offlineAgain.kind === 'ok' && offlineAgain.bytes.size).toBe(120_000);

    expect(await loadPhoto({ db: fresh(), fetch: offline, token: officerToken, baseUrl: '' }, ref.blob)).toEqual({ kind: 'offline' });
    police.close();
    officer.close();
  });

  it('keeps nothing when the answer is not the bytes the hash names', async () => {
    const db = fresh();
    const bytes = jpegBytes(9);
    const wrong: typeof fetch = async () => new Response(jpegBytes(10), { headers: { 'content-type': 'image/jpeg' } });
    expect(await loadPhoto({ db, fetch: wrong, token: 't', baseUrl: '' }, sha256(bytes))).toEqual({ kind: 'corrupt' });
    expect(await db.blobs.count()).toBe(0);
    db.close();
  });
});
