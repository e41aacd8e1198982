// Hand-off between phones, on the server: a bundle signed by the village phone and handed in by
// the commune phone is applied once, under the author's device, seqs and name, with the author's
// rights; a second relay, or the author's own push of the same seqs later, changes nothing; a
// bundle changed on the way, signed by another key or by an unregistered phone is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPublicKey, fromBase64url, generateDeviceKey, packBundle, toBase64url } from '../../src/domain/sync/bundle.ts';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import type { RelayResponse } from '../../sync-server/handoff/routes.ts';
import { change, hlcAt, testServer, type ErrorJson, type TestServer } from './helpers.ts';

const VILLAGE = 'u-thieuvan-thon1';
const POLICE = 'u-thieuvan-congan';
const VDEV = 'dvillagephone01';
const PDEV = 'dpolicephone001';

let s: TestServer;
let villageToken: string;
let policeToken: string;
let key: CryptoKeyPair;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  await s.store.bindDevice(VDEV, VILLAGE, s.clock.now());
  await s.store.bindDevice(PDEV, POLICE, s.clock.now());
  villageToken = await s.session(VILLAGE, VDEV);
  policeToken = await s.session(POLICE, PDEV);
  key = await generateDeviceKey();
  const registered = await s.request('POST', '/api/device/key', { token: villageToken, body: { k: await exportPublicKey(key.publicKey) } });
  expect(registered.status).toBe(200);
});
afterEach(() => s.close());

/** A note as the village phone writes it, over what it saw (`after`: the note it had on screen). */
const note = (seq: number, text: string, id = 'tv:mh-24', after: PushedChange | null = null): PushedChange =>
  change(seq, 'status', id, 'note', text, hlcAt(s.clock.now(), VDEV, seq), after ? after[5] : null, 'tv', VILLAGE);
const pack = (changes: PushedChange[], k = key, author = VILLAGE) =>
  packBundle({ author, authorName: 'Tổ công nghệ số cộng đồng Thôn 1', device: VDEV, epoch: null, createdAt: s.clock.now(), changes, key: k });
const relay = (bundle: string, token = policeToken) => s.request<RelayResponse & ErrorJson>('POST', '/api/sync/relay', { token, body: { b: bundle } });
/** Every logged row of the village phone, as the server keeps it. */
const villageLog = () => s.store.deviceChanges(VDEV, 1, 1000);
const deflate = (b: Uint8Array) => new Uint8Array(deflateRawSync(b));
const inflate = (b: Uint8Array) => new Uint8Array(inflateRawSync(b));
const noteOnServer = async (id = 'tv:mh-24') => (await s.store.getField('status', id, 'note'))?.heads.map((h) => [h.value, h.author]);

describe('device keys', () => {
  it('are registered once per device: the same key again is fine, another one is refused', async () => {
    const same = await s.request('POST', '/api/device/key', { token: villageToken, body: { k: await exportPublicKey(key.publicKey) } });
    expect(same.status).toBe(200);
    const other = await s.request<ErrorJson>('POST', '/api/device/key', { token: villageToken, body: { k: await exportPublicKey((await generateDeviceKey()).publicKey) } });
    expect([other.status, other.body.error.code]).toEqual([409, 'handoff/key-taken']);
    expect(other.body.error.message).toContain('đã đăng ký một khoá khác');
    expect((await s.store.getDeviceKey(VDEV))?.publicKey).toBe(await exportPublicKey(key.publicKey));
    // Not a point on the curve.
    const junk = await s.request<ErrorJson>('POST', '/api/device/key', { token: policeToken, body: { k: 'B'.repeat(87) } });
    expect(junk.status).toBe(400);
    expect(await s.store.getDeviceKey(PDEV)).toBeNull();
  });
});

describe('relay', () => {
  it('applies the bundle once under the author\'s device, seqs and name; the commune phone pulls it as the author\'s', async () => {
    const first = note(1, 'Thôn 1: đã hướng dẫn 12 hộ');
    const bundle = await pack([first, note(2, 'Thôn 1: thêm 3 hộ', 'tv:mh-24', first)]);
    const r = await relay(bundle);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ a: 2, author: VILLAGE, device: VDEV, seqs: [1, 2], x: [] });
    expect((await villageLog()).map((e) => [e.deviceSeq, e.author, e.device, e.value])).toEqual([
      [1, VILLAGE, VDEV, 'Thôn 1: đã hướng dẫn 12 hộ'],
      [2, VILLAGE, VDEV, 'Thôn 1: thêm 3 hộ'],
    ]);
    expect((await s.store.getDevice(VDEV))?.highWater).toBe(2);
    expect(await noteOnServer()).toEqual([['Thôn 1: thêm 3 hộ', VILLAGE]]);
    // Nothing was logged under the relaying phone.
    expect(await s.store.deviceChanges(PDEV, 1, 1000)).toEqual([]);
    const pulled = await s.sync(policeToken, PDEV, [], 0);
    expect(pulled.body.c.filter((c) => c[1] === 'status' && c[2] === 'tv:mh-24' && c[3] === 'note').map((c) => [c[4], c[8]])).toContainEqual(['Thôn 1: thêm 3 hộ', VILLAGE]);
  });

  it('relayed twice, then pushed by the author, changes nothing the second and third time; the author\'s push goes on after it', async () => {
    const one = note(1, 'một');
    const changes = [one, note(2, 'hai', 'tv:mh-24', one)];
    const bundle = await pack(changes);
    expect((await relay(bundle)).status).toBe(200);
    const logged = await villageLog();
    const field = await s.store.getField('status', 'tv:mh-24', 'note');

    s.clock.advance(60_000);
    const again = await relay(bundle);
    expect([again.status, again.body.a]).toEqual([200, 2]);
    expect(await villageLog()).toEqual(logged);
    expect(await s.store.getField('status', 'tv:mh-24', 'note')).toEqual(field);
    // The author's phone never heard of the relay: it pushes its queue as usual, and the server
    // settles those seqs silently (same stamp, same content) — its outbox can drop them.
    const own = await s.sync(villageToken, VDEV, [...changes, note(3, 'ba', 'tv:mh-24', changes[1]!)], 0);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect([own.body.a, own.body.x]).toEqual([3, []]);
    const after = await villageLog();
    expect(after.slice(0, 2)).toEqual(logged);
    expect(after.map((e) => e.deviceSeq)).toEqual([1, 2, 3]);
    expect(await noteOnServer()).toEqual([['ba', VILLAGE]]);
    // The same bundle after the author moved on: still nothing.
    expect((await relay(bundle)).body.a).toBe(3);
    expect(await villageLog()).toEqual(after);
  });

  it('pushed by the author first, then relayed: nothing changes', async () => {
    const changes = [note(1, 'một')];
    const bundle = await pack(changes);
    expect((await s.sync(villageToken, VDEV, changes, 0)).body.a).toBe(1);
    const logged = await villageLog();
    expect((await relay(bundle)).body).toMatchObject({ a: 1, x: [] });
    expect(await villageLog()).toEqual(logged);
  });

  it('authorises each change as the author, not as the relaying officer; a refusal is logged under the author\'s seq and told to the author too', async () => {
    // The commune police may write Mô hình 3; Thôn 1 is not assigned it (test/server/authorize.test.ts).
    const bundle = await pack([note(1, 'được'), note(2, 'không được', 'tv:mh-03')]);
    const r = await relay(bundle);
    expect(r.body.a).toBe(2);
    expect(r.body.x.map(([seq, code]) => [seq, code])).toEqual([[2, 'auth/forbidden-unit']]);
    expect(await noteOnServer('tv:mh-03')).toBeUndefined();
    const own = await s.sync(villageToken, VDEV, [note(1, 'được'), note(2, 'không được', 'tv:mh-03')], 0);
    expect(own.body.x.map(([seq, code]) => [seq, code])).toEqual([[2, 'auth/forbidden-unit']]);
  });

  it('refuses a bundle with one character changed, with a clear code and message, and applies nothing', async () => {
    const bundle = await pack([note(1, 'Thôn 1: đã hướng dẫn 12 hộ')]);
    const at = Math.floor(bundle.length / 3);
    const tampered = bundle.slice(0, at) + (bundle[at] === 'A' ? 'B' : 'A') + bundle.slice(at + 1);
    const r = await relay(tampered);
    // The signature is checked before anything is decompressed: a change in the data is told as one.
    expect([r.status, r.body.error.code]).toEqual([400, 'handoff/bad-signature']);
    expect(r.body.error.message).toMatch(/^Gói dữ liệu đã bị thay đổi sau khi máy gửi ký/);
    expect(await villageLog()).toEqual([]);
    // Changed where it names the device: the device it now names has no key on the server, but
    // the bundle is told as changed, not as an unknown phone.
    const moved = bundle.replace(`.${VDEV}.`, '.dnobody00000001.');
    expect(moved).not.toBe(bundle);
    const r3 = await relay(moved);
    expect([r3.status, r3.body.error.code]).toEqual([400, 'handoff/bad-signature']);
    // Changed inside the compressed manifest, re-compressed so it still reads (another author, the
    // signature kept): refused before anything is read.
    const [prefix, device, publicKey, body, signature] = bundle.split('.') as [string, string, string, string, string];
    const manifest = JSON.parse(new TextDecoder().decode(inflate(fromBase64url(body)))) as { a: string };
    const rewritten = [prefix, device, publicKey, toBase64url(deflate(new TextEncoder().encode(JSON.stringify({ ...manifest, a: POLICE })))), signature].join('.');
    const r4 = await relay(rewritten);
    expect([r4.status, r4.body.error.code]).toEqual([400, 'handoff/bad-signature']);
    // Wherever a change falls, the same.
    for (let i = 0; i < bundle.length; i += 3) {
      const t = bundle.slice(0, i) + (bundle[i] === 'x' ? 'y' : 'x') + bundle.slice(i + 1);
      const each = await relay(t);
      expect([each.status, ['handoff/bad-signature', 'handoff/malformed'].includes(each.body.error.code)], `position ${i}: ${each.body.error.code}`).toEqual([400, true]);
    }
    expect(await villageLog()).toEqual([]);
    // The signature part changed: the signature does not match.
    const sig = bundle.slice(0, -2) + (bundle.at(-2) === 'A' ? 'B' : 'A') + bundle.at(-1);
    const r2 = await relay(sig);
    expect([r2.status, r2.body.error.code]).toEqual([400, 'handoff/bad-signature']);
    expect(r2.body.error.message).toContain('chữ ký không khớp');
  });

  it('refuses a bundle signed by another key than the device registered (a forger who knows the ids)', async () => {
    const forged = await pack([note(1, 'giả mạo')], await generateDeviceKey());
    const r = await relay(forged);
    expect([r.status, r.body.error.code]).toEqual([400, 'handoff/bad-signature']);
    expect(await villageLog()).toEqual([]);
  });

  it('refuses a bundle of a phone that registered no key, one naming someone else as author, and one of a revoked phone', async () => {
    await s.store.bindDevice('dnokey000000001', VILLAGE, s.clock.now());
    const k = await generateDeviceKey();
    const nokey = await packBundle({ author: VILLAGE, authorName: '', device: 'dnokey000000001', epoch: null, createdAt: 0, changes: [change(1, 'status', 'tv:mh-24', 'note', 'x', hlcAt(s.clock.now(), 'dnokey000000001'), null, 'tv', VILLAGE)], key: k });
    const r = await relay(nokey);
    expect([r.status, r.body.error.code]).toEqual([403, 'handoff/unknown-key']);
    expect(r.body.error.message).toContain('không có khoá');

    // Signed by the village phone's own key, but claiming the police officer wrote it.
    const impostor = await pack([change(1, 'status', 'tv:mh-03', 'note', 'x', hlcAt(s.clock.now(), VDEV), null, 'tv', POLICE)], key, POLICE);
    const r2 = await relay(impostor);
    expect([r2.status, r2.body.error.code]).toEqual([403, 'handoff/author-mismatch']);

    const ok = await pack([note(1, 'một')]);
    await s.store.revokeDevice(VDEV, s.clock.now());
    const r3 = await relay(ok);
    expect([r3.status, r3.body.error.code]).toEqual([403, 'handoff/device-revoked']);
    expect(await villageLog()).toEqual([]);
  });

  it('refuses a bundle made before the server was restored from a backup', async () => {
    const epoch = await s.store.serverEpoch();
    const bundle = await packBundle({ author: VILLAGE, authorName: '', device: VDEV, epoch, createdAt: 0, changes: [note(1, 'một')], key });
    await s.store.newServerEpoch();
    const r = await relay(bundle);
    expect([r.status, r.body.error.code]).toEqual([409, 'handoff/server-restored']);
    expect(await villageLog()).toEqual([]);
  });
});
