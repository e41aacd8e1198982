// SMS as a last resort (issue 15): the gateway's webhook, in process. A phone composes its queued
// status save as one SMS (src/domain/sms.ts, the module the app uses); the gateway posts it
// signed as "SMS Gateway for Android" does; the server applies it as that phone's change, answers
// a reply text, refuses forgeries, typos, strangers, replays and junk — and when the phone later
// syncs the same change normally it is settled, not applied a second time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSms, type SmsChange } from '../../src/domain/sms.ts';
import { joinBase } from '../../src/domain/sync/merge.ts';
import { capcom6Gateway, capcom6Signature } from '../../sync-server/sms/gateway-capcom6.ts';
import { T0, change, hlcAt, testServer, type TestServer } from './helpers.ts';

const SIGNING_KEY = 'webhook-signing-key-of-the-gateway';
const ADOPTION = 'tv:mh-24';
const DEVICE = 'dsmsphone0000001';
const PHONE = '0912 345 678';
const E164 = '+84912345678';

interface SmsAnswer {
  code: string;
  reply: string;
  to: string | null;
}

let server: TestServer;
let sent: [string, string][];
let token: string;
let secret: string;

beforeEach(async () => {
  sent = [];
  server = await testServer({
    deps: { sms: { gateway: capcom6Gateway(SIGNING_KEY), gatewayNumber: '+84900000001', replier: async (to, text) => void sent.push([to, text]) } },
  });
  await server.addUser({ id: 'u-police', username: 'thieuvan.congan', role: 'communeStanding', unitId: 'tv' });
  token = await server.session('u-police', DEVICE);
  // Bound to its person as a login binds it.
  await server.store.bindDevice(DEVICE, 'u-police', T0);
  const key = await server.request<{ secret: string; gateway: string; phone: string | null }>('POST', '/api/sms/key', { token });
  expect(key.status).toBe(200);
  expect(key.body.gateway).toBe('+84900000001');
  secret = key.body.secret;
  // Asked twice, the same secret: the phone may ask again after a reinstall of its cache.
  expect((await server.request<{ secret: string }>('POST', '/api/sms/key', { token })).body.secret).toBe(secret);
  const phone = await server.request<{ phone: string }>('PUT', '/api/sms/phone', { token, body: { phone: PHONE } });
  expect([phone.status, phone.body.phone]).toEqual([200, E164]);
});
afterEach(() => server.close());

/** The gateway's webhook call for one received SMS, signed with its key. */
async function deliver(text: string, from = E164, key = SIGNING_KEY) {
  const body = JSON.stringify({
    deviceId: 'ffffffffceb0b1db00000193991c27e5',
    event: 'sms:received',
    id: `evt-${Math.random()}`,
    payload: { message: text, receivedAt: '2026-11-25T09:00:00.000+07:00', messageId: 'x', phoneNumber: from, simNumber: 1 },
    webhookId: 'w1',
  });
  const timestamp = String(Math.floor(server.clock.now() / 1000));
  return server.request<SmsAnswer>('POST', '/api/sms/inbound', {
    headers: { 'content-type': 'application/json', 'x-signature': capcom6Signature(key, body, timestamp), 'x-timestamp': timestamp },
    body: JSON.parse(body),
  });
}

/** The status save the phone queued: status then progress, seqs 1 and 2, having seen nothing. */
const SAVE: SmsChange[] = [
  { seq: 1, field: 'status', value: 'inProgress', hlc: hlcAt(T0, DEVICE, 0), base: null },
  { seq: 2, field: 'progress', value: 45, hlc: hlcAt(T0, DEVICE, 1), base: null },
];
const smsOf = (changes = SAVE, key = secret) => encodeSms({ device: DEVICE, adoptionId: ADOPTION, changes }, key);
const statusNow = async () => {
  const doc = await server.store.getDoc('status', ADOPTION);
  return { status: doc?.['status']?.heads.map((h) => h.value), progress: doc?.['progress']?.heads.map((h) => h.value) };
};
const GSM_SAFE = /^[A-Za-z0-9 .,:;!?%()"'\/+\-_<>=&#@*]*$/;

describe('SMS webhook', () => {
  it('applies a valid message as the phone\'s own change, answers a confirmation, and sends it back', async () => {
    const res = await deliver(await smsOf());
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('sms/applied');
    expect(res.body.reply).toMatch(/Da ghi nhan.*tv:mh-24.*Dang thuc hien, 45%/);
    expect(await statusNow()).toEqual({ status: ['inProgress'], progress: [45] });
    // Under the phone's own device and seqs, authored by its person.
    const logged = await server.store.deviceChanges(DEVICE, 1, 2);
    expect(logged.map((e) => [e.deviceSeq, e.field, e.author])).toEqual([[1, 'status', 'u-police'], [2, 'progress', 'u-police']]);
    // The device's mark does not move: its normal push still starts at 1.
    expect((await server.store.getDevice(DEVICE))?.highWater ?? 0).toBe(0);
    expect(sent).toEqual([[E164, res.body.reply]]);
  });

  it('refuses a wrong check code, an unknown number, a replay and a malformed message, each with a reply text', async () => {
    const text = await smsOf();
    const lastChar = text.at(-1) === 'a' ? 'b' : 'a';
    const cases: [string, string, string][] = [
      [text.slice(0, -1) + lastChar, E164, 'sms/bad-check'],
      [text.replace(':45:', ':46:'), E164, 'sms/bad-check'], // a typo in the value
      [await smsOf(SAVE, 'another-phones-secret'), E164, 'sms/bad-check'], // a forgery
      [text, '+84987654321', 'sms/unknown-number'],
      [text, 'Viettel', 'sms/unknown-number'],
      ['DA06 xin chao', E164, 'sms/malformed'],
      ['hello', E164, 'sms/malformed'],
    ];
    for (const [body, from, code] of cases) {
      const res = await deliver(body, from);
      expect([res.status, res.body.code], `${code}: ${body}`).toEqual([200, code]);
      expect(res.body.reply.length).toBeLessThanOrEqual(160);
      expect(res.body.reply).toMatch(GSM_SAFE);
      expect(res.body.reply).toMatch(/^DA06: /);
      expect(res.body.reply).not.toMatch(/Da ghi nhan/);
    }
    expect(await statusNow()).toEqual({ status: undefined, progress: undefined });

    expect((await deliver(text)).body.code).toBe('sms/applied');
    const again = await deliver(text);
    expect([again.body.code, again.body.reply]).toEqual(['sms/replayed', expect.stringMatching(/da duoc nhan truoc do/)]);
    expect(await server.store.deviceChanges(DEVICE, 1, 2)).toHaveLength(2);
  });

  it('refuses a request the gateway did not sign, or signed long ago', async () => {
    const wrong = await deliver(await smsOf(), E164, 'not-the-key');
    expect([wrong.status, (wrong.body as unknown as { error: { code: string } }).error.code]).toEqual([401, 'sms/bad-signature']);
    const res = await server.request('POST', '/api/sms/inbound', { body: { event: 'sms:received', payload: { message: 'x', phoneNumber: E164 } } });
    expect(res.status).toBe(401);
    expect(await statusNow()).toEqual({ status: undefined, progress: undefined });
  });

  it('the same change synced normally later is settled, not applied twice; and an SMS after the sync changes nothing', async () => {
    expect((await deliver(await smsOf())).body.code).toBe('sms/applied');
    const before = await server.store.pull({ after: 0, rules: [{ units: ['tv'] }] as never, limit: 1000, maxBytes: 1e9 }).catch(() => null);
    // The phone's normal push of the very changes (it knows nothing of the SMS's fate).
    const push = await server.sync(token, DEVICE, [
      change(1, 'status', ADOPTION, 'status', 'inProgress', SAVE[0]!.hlc, null, 'tv'),
      change(2, 'status', ADOPTION, 'progress', 45, SAVE[1]!.hlc, null, 'tv'),
    ]);
    expect([push.status, push.body.a, push.body.x]).toEqual([200, 2, []]);
    expect(await server.store.deviceChanges(DEVICE, 1, 2)).toHaveLength(2);
    expect(await statusNow()).toEqual({ status: ['inProgress'], progress: [45] });
    // A retry of that push (its answer was lost) is settled too.
    const retry = await server.sync(token, DEVICE, [
      change(1, 'status', ADOPTION, 'status', 'inProgress', SAVE[0]!.hlc, null, 'tv'),
      change(2, 'status', ADOPTION, 'progress', 45, SAVE[1]!.hlc, null, 'tv'),
    ]);
    expect([retry.status, retry.body.a, retry.body.x]).toEqual([200, 2, []]);
    if (before) {
      const after = await server.store.pull({ after: 0, rules: [{ units: ['tv'] }] as never, limit: 1000, maxBytes: 1e9 });
      expect(after.changes.length).toBe(before.changes.length);
    }

    // The next save (seqs 3, 4) reaches the server by the data network first, its SMS afterwards.
    const next: SmsChange[] = [
      { seq: 3, field: 'status', value: 'done', hlc: hlcAt(T0 + 60_000, DEVICE, 0), base: joinBase([SAVE[0]!.hlc]) },
      { seq: 4, field: 'progress', value: 100, hlc: hlcAt(T0 + 60_000, DEVICE, 1), base: joinBase([SAVE[1]!.hlc]) },
    ];
    const pushed = await server.sync(token, DEVICE, [
      change(3, 'status', ADOPTION, 'status', 'done', next[0]!.hlc, SAVE[0]!.hlc, 'tv'),
      change(4, 'status', ADOPTION, 'progress', 100, next[1]!.hlc, SAVE[1]!.hlc, 'tv'),
    ]);
    expect([pushed.body.a, pushed.body.x]).toEqual([4, []]);
    const late = await deliver(await smsOf(next));
    expect(late.body.code).toBe('sms/already-received');
    expect(await server.store.deviceChanges(DEVICE, 1, 4)).toHaveLength(4);
    expect(await statusNow()).toEqual({ status: ['done'], progress: [100] });
  });

  it('an edit against what the phone saw overwrites it (the base travels as a digest and is found again)', async () => {
    // Someone else set the progress first, and the phone pulled it before going offline.
    const other = await server.addUser({ id: 'u-leader', username: 'thieuvan.pho', role: 'communeStanding', unitId: 'tv' });
    const otherToken = await server.session(other.id, 'dotherphone00001');
    await server.store.bindDevice('dotherphone00001', other.id, T0);
    const seen = hlcAt(T0 - 3_600_000, 'dotherphone00001');
    expect((await server.sync(otherToken, 'dotherphone00001', [change(1, 'status', ADOPTION, 'progress', 20, seen, null, 'tv')])).body.x).toEqual([]);

    const edit: SmsChange[] = [{ seq: 1, field: 'progress', value: 60, hlc: hlcAt(T0, DEVICE, 0), base: joinBase([seen]) }];
    expect((await deliver(await smsOf(edit))).body.code).toBe('sms/applied');
    // One head: the phone's value replaced the one it saw (no conflict left to resolve).
    expect((await statusNow()).progress).toEqual([60]);

    // A base the server never had (a save made on top of another one still queued): refused, not guessed.
    const unknown: SmsChange[] = [{ seq: 3, field: 'progress', value: 70, hlc: hlcAt(T0 + 1000, DEVICE, 0), base: joinBase([hlcAt(T0 + 500, DEVICE, 0)]) }];
    const res = await deliver(await smsOf(unknown));
    expect(res.body.code).toBe('sms/unknown-base');
    expect(res.body.reply.length).toBeLessThanOrEqual(160);
    expect((await statusNow()).progress).toEqual([60]);
  });

  it('refuses what the person may not write, as a push would (a village member on a model its village does not have)', async () => {
    await server.addUser({ id: 'u-thon', username: 'thieuvan.thon9', role: 'villageMember', unitId: 'tv-thon-1' }).catch(() => undefined);
    const device = 'dvillagephone001';
    const t = await server.session('u-thon', device);
    await server.store.bindDevice(device, 'u-thon', T0);
    const s = (await server.request<{ secret: string }>('POST', '/api/sms/key', { token: t })).body.secret;
    await server.request('PUT', '/api/sms/phone', { token: t, body: { phone: '0388 000 111' } });
    const text = await encodeSms({ device, adoptionId: 'tv:mh-999', changes: [{ seq: 1, field: 'progress', value: 10, hlc: hlcAt(T0, device), base: null }] }, s);
    const res = await deliver(text, '+84388000111');
    expect(res.body.code).toBe('sms/refused');
    expect(res.body.reply.length).toBeLessThanOrEqual(160);
    expect(await server.store.deviceChanges(device, 1, 1)).toEqual([]);
  });

  it('a number belongs to one person; an invalid number is refused with its field', async () => {
    await server.addUser({ id: 'u-2', username: 'thieuvan.khac', role: 'communeStanding', unitId: 'tv' });
    const t2 = await server.session('u-2', 'dsecondphone0001');
    const taken = await server.request<{ error: { code: string } }>('PUT', '/api/sms/phone', { token: t2, body: { phone: '+84912345678' } });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'sms/phone-taken']);
    const bad = await server.request<{ error: { code: string; issues: { path: string }[] } }>('PUT', '/api/sms/phone', { token: t2, body: { phone: '12345' } });
    expect([bad.status, bad.body.error.code, bad.body.error.issues[0]?.path]).toEqual([400, 'sms/invalid-phone', 'phone']);
  });
});

describe('SMS webhook when no gateway is configured', () => {
  it('is not there', async () => {
    const plain = await testServer();
    const res = await plain.request('POST', '/api/sms/inbound', { body: { event: 'sms:received', payload: { message: 'x', phoneNumber: E164 } } });
    expect(res.status).toBe(404);
    await plain.close();
  });
});
