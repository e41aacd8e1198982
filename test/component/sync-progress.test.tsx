// The sync bar counts one unit from before the sync to its end: a person who saved two status
// forms reads "2 thay đổi chưa đồng bộ", then "Đã gửi 0/2 thay đổi", "Đã gửi 1/2 thay đổi" —
// never the fields those saves wrote ("Đã gửi 7/14"). The real forms save, the real
// SyncController and engine push; the server is a stub that holds each batch until the test
// has read the bar, then acknowledges it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/preact';
import { gunzipSync } from 'node:zlib';
import { ServicesContext, type Services } from '../../src/app/services.ts';
import { openDb, type AppDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { SyncController } from '../../src/sync/controller.ts';
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { StatusForm } from '../../src/models/StatusForm.tsx';
import { demoSession, testSeed } from '../helpers/render-with-services.tsx';

vi.setConfig({ testTimeout: 30_000 });

const LONG = (i: number) => `Ghi chép dài số ${i}: `.padEnd(20_000, 'đã họp thôn, hướng dẫn người dân cài VNeID. ');
const TEXTS = ['Ghi chú, kết quả', 'Khó khăn, vướng mắc', 'Nguyên nhân', 'Kiến nghị, đề xuất'];

let db: AppDb | undefined;
afterEach(() => {
  vi.unstubAllGlobals();
  db?.close();
});

/** A stub server: each POST /api/sync waits in `held` until released, then acknowledges its batch. */
function heldServer() {
  const held: { firstSeq: number | null; release: () => void }[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url !== '/api/sync') return new Response('{}', { status: 404 });
    const raw = init?.body instanceof Uint8Array ? gunzipSync(init.body).toString('utf8') : String(init?.body);
    const seqs = (JSON.parse(raw) as { c: [number, ...unknown[]][] }).c.map((t) => t[0]);
    await new Promise<void>((release) => held.push({ firstSeq: seqs[0] ?? null, release }));
    const answer = { v: SYNC_FORMAT_VERSION, a: seqs.at(-1) ?? 0, t: Date.now(), c: [], p: 1, m: false, r: [], x: [], s: 'abonnement' };
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, held };
}

describe('sync progress', () => {
  it('two saves of seven fields: pending 2, then "Đã gửi 0/2", "Đã gửi 1/2" as batches are acknowledged, and all synced', async () => {
    const seed = testSeed();
    const session = demoSession('thieuvan.congan', seed);
    db = openDb(`sync-progress-${Date.now()}`);
    const store = new LocalStore({ db, deviceId: 'test_device', now: () => Date.now() });
    const sync = new SyncController(store, { ...session, deviceId: 'test_device' });
    const services: Services = { store, seed, session, sync, logout: async () => {} };
    const server = heldServer();
    vi.stubGlobal('fetch', server.fetch);

    // Two forms, each saved once with every field filled (the long notes make several batches).
    const r = render(
      <ServicesContext.Provider value={services}>
        <StatusForm adoptionId="tv:mh-24" />
      </ServicesContext.Provider>,
    );
    for (const [i, adoption] of ['tv:mh-24', 'tv:mh-01'].entries()) {
      if (i > 0)
        r.rerender(
          <ServicesContext.Provider value={services}>
            <StatusForm key={adoption} adoptionId={adoption} />
          </ServicesContext.Provider>,
        );
      fireEvent.change(await r.findByLabelText('Tình trạng'), { target: { value: 'inProgress' } });
      fireEvent.input(r.getByLabelText('Tiến độ (%)'), { target: { value: String(40 + i) } });
      for (const [j, label] of TEXTS.entries()) fireEvent.input(r.getByLabelText(label), { target: { value: LONG(i * 10 + j) } });
      fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
      await waitFor(async () => expect(await store.outboxCount()).toBe(7 * (i + 1)));
    }
    const rows = await store.db.outbox.orderBy('seq').toArray();
    const lastSeqOf = ['tv:mh-24', 'tv:mh-01'].map((id) => Math.max(...rows.filter((x) => x.id === id).map((x) => x.seq)));
    await waitFor(() => expect(r.getByTestId('pending-count').textContent).toBe('2 thay đổi chưa đồng bộ'));

    const progress: { sent: number; total: number }[] = [];
    sync.subscribe((s) => s.progress && progress.push(s.progress));
    let done = false;
    const run = sync.syncNow().finally(() => (done = true));
    const shown: string[] = [];
    for (;;) {
      await waitFor(() => expect(done || server.held.length > 0).toBe(true));
      if (done) break;
      const batch = server.held.shift()!;
      // While a batch is on its way, the bar says how many whole saves the server already has.
      const sentBefore = lastSeqOf.filter((last) => batch.firstSeq !== null && last < batch.firstSeq).length;
      await waitFor(() => expect(r.getByTestId('sync-status').textContent).toBe(`Đã gửi ${sentBefore}/2 thay đổi`));
      shown.push(r.getByTestId('sync-status').textContent!);
      batch.release();
    }
    expect((await run)?.ok).toBe(true);
    expect(shown).toContain('Đã gửi 0/2 thay đổi');
    expect(shown).toContain('Đã gửi 1/2 thay đổi'); // part-way: several batches, the first save whole
    expect(progress.every((p) => p.total === 2)).toBe(true);
    expect(progress.at(-1)).toEqual({ sent: 2, total: 2 });
    await waitFor(() => expect(r.getByTestId('pending-count').textContent).toBe('Đã đồng bộ hết'));
    sync.stop();
  });
});
