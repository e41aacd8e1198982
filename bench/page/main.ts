// The on-device benchmarks, built by Vite like the app and run in Chromium: the app's own
// LocalStore over Dexie/IndexedDB, and the catalogue search over the real seed.
// Exposes two functions on globalThis for bench/local.ts to call through Playwright.
import { openDb } from '../../src/db/schema.ts';
import { LocalStore } from '../../src/db/store.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { filterModels, indexModels, type CatalogueFilter } from '../../src/catalogue/filter.ts';
import type { Status } from '../../src/domain/status.ts';

const STATUSES: Status[] = ['notStarted', 'inProgress', 'partial', 'done', 'ongoing', 'waitingGuidance'];
const NOTES = [
  'Đã triển khai tại bộ phận một cửa; người dân được hướng dẫn cài đặt, kích hoạt VNeID mức 2.',
  'Tổ công nghệ số cộng đồng phối hợp Công an xã rà soát, làm sạch dữ liệu dân cư.',
  'Thiếu thiết bị đọc thẻ CCCD gắn chíp tại trạm y tế; đề nghị huyện hỗ trợ kinh phí.',
];

let run = 0;

/**
 * Status saves as StatusForm makes them (all seven fields; unchanged ones are skipped by
 * the store), cycling over the commune's adopted models, each timed around LocalStore.write.
 */
async function benchWrite(count: number, warmup: number): Promise<number[]> {
  const bundle = buildSeedBundle();
  const adoptions = bundle.adoptions.filter((a) => a.unitId === 'tv').map((a) => a.id);
  const db = openDb(`bench-local-${Date.now()}-${++run}`);
  const store = new LocalStore({ db, deviceId: 'benchdev1', now: () => Date.now() });
  const times: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const id = adoptions[i % adoptions.length]!;
    const values = {
      status: STATUSES[i % STATUSES.length]!,
      progress: (i * 7) % 101,
      asOf: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      note: `${NOTES[i % NOTES.length]!} (lần ${i})`,
      difficulties: NOTES[(i + 1) % NOTES.length]!,
      causes: 'Kinh phí năm nay chưa được phân bổ.',
      proposals: 'Đề nghị huyện hỗ trợ 02 đầu đọc thẻ.',
    };
    const t0 = performance.now();
    await store.write('status', id, 'tv', values, 'u-thieuvan-congan');
    const ms = performance.now() - t0;
    if (i >= warmup) times.push(ms);
  }
  db.close();
  return times;
}

const QUERIES = ['cong dan so', 'dịch vụ công trực tuyến', 'mô hình 24', 'thanh toán không dùng tiền mặt', 'định danh điện tử', 'khám chữa bệnh', 'học bạ số', 'camera an ninh', 'Công an xã'];

/** Catalogue search as the screen runs it on each keystroke (the index is built once, memoised). */
function benchSearch(): { perKeystroke: number[]; indexMs: number; hits: number } {
  const models = buildSeedBundle().catalogue.models;
  const t0 = performance.now();
  const index = indexModels(models);
  const indexMs = performance.now() - t0;
  const adopted = new Set(models.slice(0, 11).map((m) => m.id));
  const statusOf = (id: string): Status | undefined => (adopted.has(id) ? 'inProgress' : undefined);
  const perKeystroke: number[] = [];
  let hits = 0;
  const filters: Omit<CatalogueFilter, 'query'>[] = [
    { group: '', status: '', lead: '' },
    { group: '', status: 'adopted', lead: '' },
  ];
  for (const f of filters) {
    for (const q of QUERIES) {
      for (let len = 1; len <= q.length; len++) {
        const t = performance.now();
        const shown = filterModels(models, index, { ...f, query: q.slice(0, len) }, statusOf, adopted);
        perKeystroke.push(performance.now() - t);
        hits += shown.length;
      }
    }
  }
  return { perKeystroke, indexMs, hits };
}

Object.assign(globalThis, { benchWrite, benchSearch });
const state = (globalThis as unknown as { document?: { getElementById(id: string): { textContent: string } | null } }).document?.getElementById('state');
if (state) state.textContent = 'ready';
