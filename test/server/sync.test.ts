import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { decodeHlc } from '../../src/domain/sync/hlc.ts';
import { MAX_CLOCK_AHEAD_MS } from '../../sync-server/sync/future-clock.ts';
import { change, hlcAt, testServer, type TestServer } from './helpers.ts';

const DEV = 'tvphone1';
let s: TestServer;
let token: string;
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  token = await s.session('u-thieuvan-congan', DEV);
});
afterEach(() => s.close());

const now = () => s.clock.now();
const status = (seq: number, field: string, value: string | number, at = now(), base: ReturnType<typeof hlcAt> | null = null) =>
  change(seq, 'status', 'tv:mh-24', field, value, hlcAt(at, DEV, seq), base, 'tv');
const logged = () => s.store.deviceChanges(DEV, 0, 1e9);

describe('push: exactly once', () => {
  it('applies a batch sent three times once, with the same acknowledgement', async () => {
    const batch = [status(1, 'progress', 40), status(2, 'status', 'inProgress'), status(3, 'note', 'Đã lắp camera ở 3 thôn')];
    const replies = [await s.sync(token, DEV, batch), await s.sync(token, DEV, batch), await s.sync(token, DEV, batch)];
    expect(replies.map((r) => [r.status, r.body.a])).toEqual([[200, 3], [200, 3], [200, 3]]);
    expect(await logged()).toHaveLength(3);
    expect((await s.store.getField('status', 'tv:mh-24', 'progress'))?.heads).toHaveLength(1);

    // A retry that also carries a new change applies only the new one.
    const more = await s.sync(token, DEV, [...batch, status(4, 'progress', 55)]);
    expect(more.body.a).toBe(4);
    expect((await logged()).map((e) => e.deviceSeq)).toEqual([1, 2, 3, 4]);
  });

  it('answers 409 sync/seq-gap with the expected seq, and keeps nothing of the batch', async () => {
    const gap = await s.sync(token, DEV, [status(2, 'progress', 10)]);
    expect(gap.status).toBe(409);
    expect(gap.body.error).toMatchObject({ code: 'sync/seq-gap', expected: 1 });

    const hole = await s.sync(token, DEV, [status(1, 'progress', 10), status(3, 'note', 'x')]);
    expect(hole.status).toBe(409);
    expect(hole.body.error.expected).toBe(1);
    expect(hole.body.error.issues).toEqual([{ path: 'c.1.0', message: 'Cần số 2, nhận được 3' }]);
    expect(await logged()).toEqual([]);

    expect((await s.sync(token, DEV, [status(1, 'progress', 10)])).body.a).toBe(1);
    expect((await s.sync(token, DEV, [status(3, 'progress', 10)])).body.error.expected).toBe(2);
  });

  it('refuses a batch for another device than the session\'s', async () => {
    const r = await s.sync(token, 'otherphone', [status(1, 'progress', 10)]);
    expect([r.status, r.body.error.code]).toEqual([403, 'auth/device-mismatch']);
  });
});

describe('push: validation, answered per change', () => {
  // Each bad change is refused on its own: its seq is used up and the answer says why, the
  // rest of the batch is applied. (Before, one bad change failed the whole batch.)
  let seq = 0;
  const expectRefused = async (bad: (seq: number) => ReturnType<typeof status>, code: string) => {
    const good = status(++seq, 'note', `tốt ${seq}`, now(), null);
    const refusedSeq = ++seq;
    const r = await s.sync(token, DEV, [good, bad(refusedSeq)]);
    expect(r.status).toBe(200);
    expect(r.body.a).toBe(refusedSeq);
    expect(r.body.x.map(([q, c]) => [q, c])).toEqual([[refusedSeq, code]]);
    expect(r.body.x[0]![2]).toMatch(/\p{L}/u); // a Vietnamese sentence, not a code
    const logs = await logged();
    expect(logs.some((e) => e.deviceSeq === refusedSeq)).toBe(false);
    expect(logs.some((e) => e.deviceSeq === good[0])).toBe(true);
    // A retry of the same batch gets the same answer and applies nothing twice.
    const again = await s.sync(token, DEV, [good, bad(refusedSeq)]);
    expect(again.body.x).toEqual(r.body.x);
    expect(await logged()).toHaveLength(logs.length);
  };

  it('refuses each bad change alone, with a code and a reason, and applies the rest', async () => {
    seq = 0;
    await expectRefused((q) => status(q, 'progress', 140, now() + q), 'sync/invalid-change');
    await expectRefused((q) => status(q, 'mauSac', 'đỏ', now() + q), 'sync/invalid-change');
    await expectRefused((q) => status(q, 'progress', 1, now() + q, hlcAt(now() + 10_000, DEV)), 'sync/hlc-not-after-base');
    await expectRefused((q) => change(q, 'status', 'xx:mh-24', 'progress', 1, hlcAt(now(), DEV, q), null, 'xx'), 'sync/unknown-unit');
    await expectRefused((q) => change(q, 'status', 'tv:mh-24', 'progress', 1, hlcAt(now(), DEV, q), null, 'tv-thon-1'), 'sync/unit-mismatch');
    await expectRefused((q) => change(q, 'indicators', 'khong-co-ky', 's.x.total', 1, hlcAt(now(), DEV, q), null, 'tv'), 'sync/unit-mismatch');
    // Problem 4: a stamp naming another device (or "server") cannot pre-empt a real change.
    await expectRefused((q) => change(q, 'status', 'tv:mh-24', 'note', 'giả', hlcAt(now(), 'tvphone2', q), null, 'tv'), 'sync/foreign-stamp');
    await expectRefused((q) => change(q, 'status', 'tv:mh-24', 'note', 'giả', hlcAt(now(), 'server', q), null, 'tv'), 'sync/foreign-stamp');
    // Every change carries its author, and it must be the person signed in.
    await expectRefused((q) => change(q, 'status', 'tv:mh-24', 'note', 'mạo danh', hlcAt(now(), DEV, q), null, 'tv', 'u-thieuvan-thon1'), 'sync/author-mismatch');
  });

  it('a stamp sent again under a new seq is settled silently with the same value, refused with another', async () => {
    const h = hlcAt(now(), DEV, 1);
    await s.sync(token, DEV, [change(1, 'status', 'tv:mh-24', 'note', 'một', h, null, 'tv')]);
    const same = await s.sync(token, DEV, [change(2, 'status', 'tv:mh-24', 'note', 'một', h, null, 'tv')]);
    expect([same.body.a, same.body.x]).toEqual([2, []]);
    const other = await s.sync(token, DEV, [change(3, 'status', 'tv:mh-24', 'note', 'hai', h, null, 'tv')]);
    expect([other.body.a, other.body.x.map((x) => x[1])]).toEqual([3, ['sync/stamp-reused']]);
    expect((await s.store.getField('status', 'tv:mh-24', 'note'))?.heads.map((x) => x.value)).toEqual(['một']);
  });

  it('a forged stamp of another device does not make that device\'s real change look like a duplicate', async () => {
    const other = await s.session('u-thieuvan-congan', 'tvphone2');
    const stamp = hlcAt(now(), 'tvphone2', 7);
    await s.sync(token, DEV, [change(1, 'status', 'tv:mh-24', 'note', 'giả mạo', stamp, null, 'tv')]);
    const real = await s.sync(other, 'tvphone2', [change(1, 'status', 'tv:mh-24', 'note', 'thật', stamp, null, 'tv')]);
    expect(real.body.x).toEqual([]);
    expect((await s.store.getField('status', 'tv:mh-24', 'note'))?.heads.map((h) => h.value)).toEqual(['thật']);
  });

  it('answers 400 for a malformed request, with zod paths', async () => {
    const r = await s.request<{ error: { code: string; issues: { path: string }[] } }>('POST', '/api/sync', {
      token,
      body: { v: 1, d: DEV, c: [[1, 'status', 'tv:mh-24', 'progress', 1, 'not-a-stamp', null, 'tv', 'u-thieuvan-congan']], p: 0 },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i) => i.path)).toEqual(['v', 'c.0.5']);
  });
});

describe('push: clocks far in the future', () => {
  it('re-stamps a change more than 5 minutes ahead, reports it, flags it in the log, and reports it again on retry', async () => {
    const ahead = now() + 3600_000;
    const batch = [status(1, 'progress', 30, now() + MAX_CLOCK_AHEAD_MS - 1000), status(2, 'note', 'Điện thoại sai giờ', ahead)];
    const r = await s.sync(token, DEV, batch);
    expect(r.body.r).toHaveLength(1);
    const [seq, restamp] = r.body.r[0]!;
    expect(seq).toBe(2);
    expect(decodeHlc(restamp)).toMatchObject({ device: 'server' });
    expect(decodeHlc(restamp).wall).toBeLessThanOrEqual(now() + MAX_CLOCK_AHEAD_MS);
    const entries = await logged();
    expect(entries.map((e) => e.origHlc)).toEqual([null, batch[1]![5]]);
    expect(r.body.c.find((c) => c[3] === 'note')?.[5]).toBe(restamp);

    expect((await s.sync(token, DEV, batch)).body.r).toEqual(r.body.r);

    // The phone edits again before hearing of the re-stamp: its base still names its own
    // future stamp, which the server maps to the re-stamped change, so the edit replaces it.
    const again = status(3, 'note', 'Đã sửa giờ', ahead + 1000, batch[1]![5]);
    await s.sync(token, DEV, [again]);
    const heads = await s.store.getField('status', 'tv:mh-24', 'note');
    expect(heads?.heads.map((h) => h.value)).toEqual(['Đã sửa giờ']);
    expect(heads?.heads[0]?.base).toBe(restamp);
  });
});

describe('push: add-only collections', () => {
  const comment = (seq: number, field: string, value: string | number | boolean) =>
    change(seq, 'comment', 'tv@2026-11#1~c1', field, value, hlcAt(now(), DEV, seq), null, 'tv');

  it('refuses to rewrite a field of a sent comment (409 sync/immutable), accepts the same value again', async () => {
    const first = [comment(1, 'reportId', 'tv@2026-11'), comment(2, 'body', 'Đề nghị bổ sung số liệu'), comment(3, 'returns', false)];
    expect((await s.sync(token, DEV, first)).body.a).toBe(3);
    const rewrite = await s.sync(token, DEV, [comment(4, 'body', 'Nội dung khác')]);
    expect(rewrite.status).toBe(200);
    expect(rewrite.body.x.map((x) => x[1])).toEqual(['sync/immutable']);
    const same = await s.sync(token, DEV, [comment(5, 'body', 'Đề nghị bổ sung số liệu')]);
    expect([same.status, same.body.x]).toEqual([200, []]);
  });

  it('keeps a comment on a report in the report\'s unit', async () => {
    const r = await s.sync(token, DEV, [change(1, 'comment', 'tv@2026-11#1~c2', 'reportId', 'dh@2026-11', hlcAt(now(), DEV), null, 'tv')]);
    expect([r.status, r.body.x.map((x) => x[1])]).toEqual([200, ['sync/unit-mismatch']]);
  });
});

describe('pull', () => {
  it('returns only the reader\'s subtree, in pages capped by count and by bytes', async () => {
    // Big values: photos as they were synced before their bytes moved to /api/blobs (the
    // legacy inline `data` field, still accepted), ~30 KB each.
    const photo = (n: number) => [
      change(2 * n - 1, 'photo', `tv:mh-24~p${n}`, 'data', `data:image/jpeg;base64,${'A'.repeat(30_000)}`, hlcAt(now(), DEV, 2 * n - 1), null, 'tv'),
      change(2 * n, 'photo', `tv:mh-24~p${n}`, 'adoptionId', 'tv:mh-24', hlcAt(now(), DEV, 2 * n), null, 'tv'),
    ];
    expect((await s.sync(token, DEV, [...photo(1), ...photo(2), ...photo(3)])).body).toMatchObject({ a: 6, x: [] });

    const dh = await s.session('u-donghai-congan', 'dhphone1');
    const other = await s.sync(dh, 'dhphone1', []);
    expect(other.body.c.every((c) => c[7] === 'dh')).toBe(true);
    expect(other.body.c.some((c) => c[1] === 'photo')).toBe(false);

    const reader = await s.session('u-thieuvan-congan', 'tvphone2');
    const seedPage = await s.sync(reader, 'tvphone2', [], 0, 20);
    expect(seedPage.body.c.every((c) => c[1] === 'adoption')).toBe(true); // seed adoptions come first
    let p = 0;
    const photos: number[] = [];
    for (let i = 0; i < 10; i++) {
      const page = await s.sync(reader, 'tvphone2', [], p);
      photos.push(page.body.c.filter((c) => c[1] === 'photo' && c[3] === 'data').length);
      p = page.body.p;
      if (!page.body.m) break;
    }
    expect(photos).toEqual([2, 1]); // 3 × 30 KB do not fit one 64 KB page
    expect(photos.reduce((a, b) => a + b)).toBe(3);
  });
});

describe('gzip request bodies', () => {
  const post = (body: Uint8Array, token: string) =>
    s.app.request('/api/sync', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${token}` }, body: body as BodyInit });

  it('accepts a gzipped push, refuses a bomb with 413 and garbage with 400', async () => {
    const token = await s.session('u-thieuvan-congan', DEV);
    const ok = await post(gzipSync(JSON.stringify({ v: 2, d: DEV, c: [[...status(1, 'progress', 30).slice(0, 8), 'u-thieuvan-congan']], p: 0 })), token);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { a: number }).a).toBe(1);
    // 50 KB of zeros inside a valid JSON string expands past 1 MB: never unpacked in full.
    const bomb = gzipSync(`{"v":2,"d":"${DEV}","c":[],"p":0,"x":"${'0'.repeat(3_000_000)}"}`);
    expect(bomb.length).toBeLessThan(20_000);
    const big = await post(bomb, token);
    expect(big.status).toBe(413);
    const bad = await post(new Uint8Array([1, 2, 3, 4]), token);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('http/bad-encoding');
  });
});

describe('pull leaves out what the device sent itself', () => {
  it('from cursor > 0 its own changes are skipped, the cursor still moves; from 0 it gets everything', async () => {
    const token = await s.session('u-thieuvan-congan', DEV);
    const first = await s.sync(token, DEV, [status(1, 'progress', 10)], 0);
    expect(first.body.c.some((c) => c[2] === 'tv:mh-24')).toBe(true); // fresh device: full pull
    const second = await s.sync(token, DEV, [status(2, 'note', 'x')], first.body.p);
    expect(second.body.c.filter((c) => c[5].endsWith(`-${DEV}`))).toEqual([]);
    expect(second.body.p).toBeGreaterThan(first.body.p);
    const again = await s.sync(token, DEV, [], 0);
    expect(again.body.c.filter((c) => c[5].endsWith(`-${DEV}`))).toHaveLength(2);
  });
});

describe('stale replays', () => {
  it('refuses a request that reuses an acknowledged seq for a different change, applying nothing of it', async () => {
    const batch = [status(1, 'progress', 10), status(2, 'note', 'a'), status(3, 'asOf', '2026-11-25')];
    expect((await s.sync(token, DEV, batch)).body.a).toBe(3);
    // An old copy where seq 2 and 3 held other changes (the phone renumbered its queue since).
    const stale = [status(2, 'note', 'khác', now() - 5000), status(3, 'progress', 99, now() - 4000), status(4, 'progress', 98, now() - 3000)];
    const res = await s.sync(token, DEV, stale);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sync/stale-batch');
    expect((await s.store.getDevice(DEV))?.highWater).toBe(3);
    expect((await s.store.getField('status', 'tv:mh-24', 'progress'))?.heads.map((h) => h.value)).toEqual([10]);
    // A true retry of the acknowledged batch is still fine.
    expect((await s.sync(token, DEV, batch)).body.a).toBe(3);
  });
});
