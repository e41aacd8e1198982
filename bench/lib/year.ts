// A simulated year of one commune's activity, as its phones would have pushed it: the commune
// standing body's phone and one phone per village team. Every change is a valid v2 change of
// a unit its author may write (sim.ts), stamped and received at its simulated time, and
// written through the server's merge path (sim.ts writeHistory) — so the log, the docs and the
// first-receipt times are those a year of real pushes would have left.
//
// Per year (defaults): the commune adopts 30 models (4 fields each), assigning 4 to each
// village; it saves every model's status each `statusEveryWeeks` weeks (7 fields); each village
// saves the status of its 4 models as often; the commune's and each village's monthly
// indicator sheet is filled `sheetRevisions` times a month (25 services × total/online, the
// commune also 3 counters); a monthly report draft is edited 6 times and submitted (a report
// version with its snapshot); the inspection checklist is answered weekly. With 10 villages
// that is ≈ 55,000 changes in the commune's subtree.
import type { OrgUnit } from '../../src/domain/org.ts';
import { reportIdOf, versionIdOf } from '../../src/domain/sync/ids.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import type { StoreOps } from '../../sync-server/store/types.ts';
import type { BenchUser } from './server.ts';
import { adoptionSave, checklistSave, indicatorSave, MODELS, pad, SimDevice, statusSave, writeHistory } from './sim.ts';

export const YEAR_START = Date.UTC(2025, 11, 1, 1); // 1 Dec 2025, 08:00 in Vietnam
const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface YearOptions {
  villages: number;
  statusEveryWeeks: number;
  sheetRevisions: number;
  /** Models adopted (≤ 30). */
  models: number;
  /** Services per indicator sheet save (≤ 25; each is total + online). */
  sheetServices?: number;
}

export const FULL_YEAR: YearOptions = { villages: 10, statusEveryWeeks: 1, sheetRevisions: 5, models: 30 };

export function communeUnits(commune: string, name: string, parentId: string, villages: number): OrgUnit[] {
  const out: OrgUnit[] = [{ id: commune, name, level: 'commune', parentId, placeholder: false }];
  for (let v = 1; v <= villages; v++) out.push({ id: `${commune}-v${pad(v)}`, name: `Thôn ${v} ${name}`, level: 'village', parentId: commune, placeholder: false });
  return out;
}

/** The writers of a commune's year: its standing body and one member per village (ids derived from the commune id). */
export function communeWriters(commune: string, villages: number, devicePrefix: string): BenchUser[] {
  const out: BenchUser[] = [{ id: `u-${commune}`, username: `${commune}.congan`, role: 'communeStanding', unitId: commune, deviceId: `${devicePrefix}c` }];
  for (let v = 1; v <= villages; v++) {
    const village = `${commune}-v${pad(v)}`;
    out.push({ id: `u-${village}`, username: `${village}.to`, role: 'villageMember', unitId: village, deviceId: `${devicePrefix}v${pad(v)}` });
  }
  return out;
}

interface Event {
  at: number;
  device: SimDevice;
  changes: PushedChange[];
}

/** Writes the commune's year; returns how many changes. Events go in time order, one transaction per `chunk` events. */
export async function writeCommuneYear(
  store: { transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> },
  commune: string,
  writers: readonly BenchUser[],
  o: YearOptions,
): Promise<number> {
  const [head, ...members] = writers.map((u) => new SimDevice(u.unitId, u.id, u.deviceId, u.role));
  const c = head!;
  const models = MODELS.slice(0, o.models);
  const assigned = (v: number) => models.filter((_, i) => i % Math.max(1, members.length) === v).slice(0, 4);
  const events: Event[] = [];
  const push = (at: number, device: SimDevice, make: (at: number) => PushedChange[]) => events.push({ at, device, changes: make(at) });

  // Day 0: adoptions (events are built lazily in time order below, so stamps increase per device).
  const plan: { at: number; device: SimDevice; make: (at: number) => PushedChange[] }[] = [];
  models.forEach((m, i) => {
    const villages = members.filter((_, v) => assigned(v).includes(m)).map((d) => d.unit);
    plan.push({ at: YEAR_START + i * 60_000, device: c, make: (at) => adoptionSave(c, commune, m, villages, at) });
  });
  let version = 1;
  for (let w = 0; w < 52; w += o.statusEveryWeeks) {
    const weekAt = YEAR_START + DAY + w * WEEK;
    models.forEach((m, i) => {
      const v = version++;
      plan.push({ at: weekAt + i * 600_000, device: c, make: (at) => statusSave(c, commune, m, v, at) });
    });
    members.forEach((d, vi) =>
      assigned(vi).forEach((m, k) => {
        const v = version++;
        plan.push({ at: weekAt + DAY + vi * 3_600_000 + k * 300_000, device: d, make: (at) => statusSave(d, commune, m, v, at) });
      }),
    );
    plan.push({ at: weekAt + 2 * DAY, device: c, make: (at) => checklistSave(c, commune, w, at) });
  }
  for (let month = 0; month < 12; month++) {
    const monthAt = Date.UTC(2025, 11 + month, 1, 2);
    const key = new Date(monthAt).toISOString().slice(0, 7);
    for (let r = 0; r < o.sheetRevisions; r++) {
      const at = monthAt + (20 + r) * DAY;
      const v = version++;
      plan.push({
        at,
        device: c,
        make: (t) => [
          ...indicatorSave(c, commune, key, 0, o.sheetServices ?? 25, v, t),
          c.change('indicators', `${commune}@${key}`, 'c.cccd-ho-so', 100 + v, commune, t),
          c.change('indicators', `${commune}@${key}`, 'c.dddt-muc-1', 200 + v, commune, t),
          c.change('indicators', `${commune}@${key}`, 'c.dddt-muc-2', 150 + v, commune, t),
        ],
      });
      members.forEach((d, vi) => plan.push({ at: at + (vi + 1) * 600_000, device: d, make: (t) => indicatorSave(d, d.unit, key, 0, o.sheetServices ?? 25, v + vi, t) }));
    }
    // The monthly report: 6 draft edits, then submitted.
    const reportId = reportIdOf(commune, key);
    for (let e = 0; e < 6; e++) {
      const at = monthAt + 22 * DAY + (e * DAY) / 2;
      plan.push({
        at,
        device: c,
        make: (t) => [
          ...(e === 0
            ? [
                c.change('report', reportId, 'periodType', 'monthly', commune, t),
                c.change('report', reportId, 'period', key, commune, t),
                c.change('report', reportId, 'title', `Báo cáo kết quả thực hiện Đề án 06 tháng ${key}`, commune, t),
                c.change('report', reportId, 'state', 'draft', commune, t),
                c.change('report', reportId, 'version', 0, commune, t),
              ]
            : []),
          c.change('report', reportId, 'sections', reportSections(key, e), commune, t),
        ],
      });
    }
    const versionId = versionIdOf(reportId, 1);
    plan.push({
      at: monthAt + 27 * DAY,
      device: c,
      make: (t) => [
        c.change('reportVersion', versionId, 'reportId', reportId, commune, t),
        c.change('reportVersion', versionId, 'version', 1, commune, t),
        c.change('reportVersion', versionId, 'periodType', 'monthly', commune, t),
        c.change('reportVersion', versionId, 'period', key, commune, t),
        c.change('reportVersion', versionId, 'snapshot', { title: `Báo cáo tháng ${key}`, sections: reportSections(key, 5) }, commune, t),
        c.change('reportVersion', versionId, 'submittedAt', t, commune, t),
        c.change('report', reportId, 'state', 'submitted', commune, t),
        c.change('report', reportId, 'version', 1, commune, t),
      ],
    });
  }
  plan.sort((a, b) => a.at - b.at);
  for (const p of plan) push(p.at, p.device, p.make);

  let total = 0;
  const CHUNK = 1_000;
  for (let i = 0; i < events.length; i += CHUNK) {
    const part = events.slice(i, i + CHUNK);
    await store.transaction(async (tx) => {
      for (const e of part) await writeHistory(tx, e.device, e.changes, e.at + 1_000);
    });
    total += part.reduce((s, e) => s + e.changes.length, 0);
  }
  return total;
}

function reportSections(period: string, edit: number): { key: string; title: string; body: string }[] {
  const para = `Trong tháng ${period}, xã tiếp tục triển khai các nhiệm vụ của Đề án 06: cấp căn cước, kích hoạt định danh điện tử mức 2, làm sạch dữ liệu dân cư, dịch vụ công trực tuyến. `;
  return [
    { key: 'results', title: 'Kết quả thực hiện', body: para.repeat(4 + edit) },
    { key: 'difficulties', title: 'Khó khăn, vướng mắc', body: 'Thiếu thiết bị đọc thẻ; một số thôn sóng di động yếu. '.repeat(3) },
    { key: 'proposals', title: 'Đề xuất, kiến nghị', body: 'Đề nghị hỗ trợ kinh phí và thiết bị cho bộ phận một cửa. '.repeat(2) },
  ];
}
