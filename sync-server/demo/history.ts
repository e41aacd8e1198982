// A simulated history for the demo ("dữ liệu mô phỏng"): a few months of work in the
// Quảng Xương communes, so that at first login the district officer has a dashboard with
// communes, late reports and reports to review, and the province view shows real-looking
// figures; some communes (Thiệu Vân among them) also record progress on the province's tasks
// (task-history.ts), for the dashboard's task progress and the province report. Demo mode only
// (main.ts runs it when DEMO=1 and DEMO_HISTORY=1, which `npm start` sets; never in production).
//
// Reproducible: a PRNG seeded per commune, dates fixed relative to the moment the demo
// database is first created. Everything is written through applyChange, like pushed changes,
// by reserved "seedsim" stamps no phone can produce (auth/device-id.ts), and authored by
// simulated people whose names say "(mô phỏng)" — or, for task progress, by the commune's demo
// account where it has one. Each save names what its author saw (the field's current stamps),
// as a phone's does, so a later assessment replaces the earlier one rather than standing beside
// it as a concurrent edit. It runs once per database (task progress: once per record).
import { randomBytes } from 'node:crypto';
import { dueAt, periodsDueBetween, type ReportingRule } from '../../src/domain/calendar.ts';
import { formatDate } from '../../src/domain/text.ts';
import type { ChecklistItem, ChecklistTemplate } from '../../src/domain/checklist.ts';
import type { Adoption, Status } from '../../src/domain/status.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { adoptionIdOf, checklistIdOf, commentIdOf, indicatorsIdOf, reportIdOf, versionIdOf } from '../../src/domain/sync/ids.ts';
import { joinBase, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import { communeReportData, toFieldValue, type LocalRecord, type PrefillContext } from '../../src/reports/data.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { loadTree } from '../org/load-tree.ts';
import { refreshRollups } from '../rollups/update.ts';
import type { StoreTx, SyncStore } from '../store/types.ts';
import { applyChange } from '../sync/apply.ts';
import { DEMO_USERS } from '../seed.ts';
import { simulateTaskProgress } from './task-history.ts';
import { simulateCampaign } from './campaign-history.ts';

/** The stamps' device: starts with "seed", which no phone may use. */
export const SIM_DEVICE = 'seedsim';
export const SIM_MARK = 'Dữ liệu mô phỏng';
/** The district whose communes get a history, and who reviews their reports. */
const DISTRICT = 'qx';
const REVIEWER = 'u-quangxuong-huyen';
const DAY = 86_400_000;
/** How far back the history goes. */
const MONTHS = 4;

export interface SimulationResult {
  communes: number;
  changes: number;
  /** False when this database already had its history. */
  created: boolean;
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seedText: string): () => number {
  let a = 0;
  for (const ch of seedText) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 0x9e3779b9) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const isoDate = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);

/** "xã Quảng Bình" → "quangbinh": the simulated account names. */
function slug(unitId: string): string {
  return unitId.replace(/^qx-/, '').replace(/[^a-z0-9]/g, '');
}

const NOTES = [
  'Đã tuyên truyền tại các thôn qua loa truyền thanh',
  'Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID',
  'Đã tổ chức ra quân hỗ trợ người dân tại nhà văn hóa',
  'Phối hợp Bưu điện xã hướng dẫn thanh toán không dùng tiền mặt',
  'Đang rà soát danh sách hộ chưa có tài khoản định danh mức 2',
];
/** After "Mô phỏng: ": the sentence goes on in lower case, its names (VNeID, Bưu điện) as they are. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const DIFFICULTIES = ['Một số người cao tuổi chưa có điện thoại thông minh', 'Sóng di động yếu ở các thôn xa', 'Thiếu kinh phí in tài liệu tuyên truyền', ''];

function answerFor(item: ChecklistItem, rand: () => number): FieldValue {
  switch (item.type) {
    case 'yesno':
      return rand() < 0.8;
    case 'number':
      return between(rand, item.min ?? 0, item.max ?? Math.max(item.min ?? 0, 400));
    case 'percent':
      return between(rand, Math.max(40, item.min ?? 0), Math.min(100, item.max ?? 100));
    case 'date':
      return null;
    case 'choice':
      return item.options?.length ? pick(rand, item.options) : null;
    default:
      return `${SIM_MARK}: ${lowerFirst(pick(rand, NOTES))}.`;
  }
}

interface Writer {
  write(coll: Collection, id: string, unit: string, values: Record<string, FieldValue>, at: number, author: string): Promise<void>;
  count(): number;
}

function writer(tx: StoreTx): Writer {
  let counter = 0;
  let written = 0;
  // The history writes only records nobody has yet, so a field's one head is the stamp this run
  // last wrote to it: that is what its author had on screen (no read of the store per change).
  const last = new Map<string, Hlc>();
  return {
    async write(coll, id, unit, values, at, author) {
      for (const [field, value] of Object.entries(values)) {
        const hlc = encodeHlc({ wall: at, counter: counter++ % 60_000, device: SIM_DEVICE });
        const key = `${coll}|${id}|${field}`;
        const seen = last.get(key);
        const entry = { coll, id, field, value, hlc, base: seen ? joinBase([seen]) : null, unit, author };
        if (await applyChange(tx, { ...entry, device: SIM_DEVICE, deviceSeq: null, origHlc: null, receivedAt: at })) written++;
        last.set(key, hlc);
      }
    },
    count: () => written,
  };
}

export async function simulateDemoHistory(store: SyncStore, options: { now: number }): Promise<SimulationResult> {
  const bundle = SeedBundle.parse(buildSeedBundle());
  const tree = await loadTree(store);
  const communes = tree.communesUnder(DISTRICT);
  if (communes.length === 0) return { communes: 0, changes: 0, created: false };
  const marker = `u-sim-${slug(communes[0]!.id)}`;
  // A database that has its history may still lack the task progress (added later): that part
  // runs on its own, record by record.
  const fresh = !(await store.getUserById(marker));

  // The people: one commune police account per commune, which nobody can log in to.
  const unusable = fresh ? await hashPassword(randomBytes(24).toString('base64url')) : '';
  for (const c of fresh ? communes : []) {
    await store.createUser({
      id: `u-sim-${slug(c.id)}`,
      username: `mophong.${slug(c.id)}`,
      displayName: `Công an ${c.name} (mô phỏng)`,
      role: 'communeStanding',
      unitId: c.id,
      passwordHash: unusable,
      createdAt: options.now,
    });
  }

  const ctx: PrefillContext = { models: bundle.catalogue.models, units: bundle.units, sheet: bundle.indicatorSheet, checklists: bundle.checklists };
  const outline = bundle.checklists.find((t): t is ChecklistTemplate => t.kind === 'inspection' && t.level === 'commune');
  const start = options.now - MONTHS * 30 * DAY;
  const total = await store.transaction(async (tx) => {
    const w = writer(tx);
    // The communes that send late, the one whose last report is returned, those waiting for review.
    for (const [index, commune] of fresh ? [...communes.entries()] : []) {
      const rand = prng(`${commune.id}|${bundle.version}`);
      const author = `u-sim-${slug(commune.id)}`;
      const records: LocalRecord[] = [];
      const adoptions: Adoption[] = [];
      const keep = (coll: Collection, id: string, values: Record<string, FieldValue>) => {
        const existing = records.find((r) => r.coll === coll && r.id === id);
        if (existing) existing.values = { ...existing.values, ...values };
        else records.push({ coll, id, unit: commune.id, values });
      };

      // 5–9 models from the catalogue, taken on in the first weeks.
      const models = [...bundle.catalogue.models].sort(() => rand() - 0.5).slice(0, between(rand, 5, 9));
      for (const model of models) {
        const id = adoptionIdOf(commune.id, model.id);
        const on = start + between(rand, 0, 20) * DAY;
        const values = { modelId: model.id, adoptedOn: isoDate(on), villageIds: [], active: true };
        await w.write('adoption', id, commune.id, values, on, author);
        adoptions.push({ id, unitId: commune.id, modelId: model.id, adoptedOn: values.adoptedOn, villageIds: [] });
        // Two to four assessments, progress going up; some models finish, some stall.
        let progress = 0;
        let at = on + between(rand, 3, 10) * DAY;
        for (let n = between(rand, 2, 4); n > 0 && at < options.now; n--) {
          progress = Math.min(100, progress + between(rand, 10, 45));
          const status: Status = progress >= 100 ? 'done' : rand() < 0.15 ? 'waitingGuidance' : 'inProgress';
          const difficulties = pick(rand, DIFFICULTIES);
          const values: Record<string, FieldValue> = {
            status,
            progress,
            note: `${SIM_MARK}: ${lowerFirst(pick(rand, NOTES))}.`,
            difficulties,
            asOf: isoDate(at),
          };
          await w.write('status', id, commune.id, values, at, author);
          keep('status', id, values);
          at += between(rand, 12, 30) * DAY;
        }
      }

      // The commune inspection outline, answered by most communes.
      if (outline && rand() < 0.75) {
        const values: Record<string, FieldValue> = {};
        for (const item of outline.sections.flatMap((s) => s.items)) if (rand() < 0.85) values[`a.${item.id}`] = answerFor(item, rand);
        const at = start + between(rand, 30, 60) * DAY;
        await w.write('checklist', checklistIdOf(outline.id, commune.id), commune.id, values, at, author);
        keep('checklist', checklistIdOf(outline.id, commune.id), values);
      }

      // Monthly figures of the essential services.
      for (let m = MONTHS - 1; m >= 1; m--) {
        const month = isoDate(options.now - m * 30 * DAY).slice(0, 7);
        const values: Record<string, FieldValue> = {};
        for (const s of bundle.indicatorSheet.services) {
          const totalCount = between(rand, 5, 120);
          values[`s.${s.id}.total`] = totalCount;
          values[`s.${s.id}.online`] = Math.round(totalCount * (0.5 + rand() * 0.5));
        }
        const id = indicatorsIdOf(commune.id, month);
        await w.write('indicators', id, commune.id, values, options.now - (m - 1) * 30 * DAY - 5 * DAY, author);
        keep('indicators', id, values);
      }

      // Reports on the commune's own rules: most on time, some late, a few missing.
      const rules: readonly ReportingRule[] = tree.rulesFor(commune.id).filter((r) => r.periodType === 'monthly');
      for (const rule of rules) {
        const periods = periodsDueBetween(rule, start + 30 * DAY, options.now);
        for (const [pi, period] of periods.entries()) {
          const last = pi === periods.length - 1;
          const due = dueAt(rule, period);
          const fate = rand();
          if (!last && fate < 0.08) continue; // never sent: shows as missing
          const late = index % 5 === 1 || fate > 0.8;
          const receivedAt = Math.min(options.now - DAY, late ? due + between(rand, 2, 9) * DAY : due - between(rand, 1, 6) * DAY);
          const reportId = reportIdOf(commune.id, period);
          const title = `Báo cáo tháng ${period.slice(5)}/${period.slice(0, 4)} về Đề án 06 (${SIM_MARK.toLowerCase()})`;
          const sections = [
            { key: 'results', title: 'Kết quả đạt được', body: `${SIM_MARK}. ${pick(rand, NOTES)}; ${lowerFirst(pick(rand, NOTES))}.` },
            { key: 'difficulties', title: 'Khó khăn, vướng mắc', body: pick(rand, DIFFICULTIES) },
          ];
          const data = communeReportData(ctx, commune, period, receivedAt, adoptions, records);
          const snapshot = toFieldValue({ title, sections, data, submittedBy: author });
          await w.write('reportVersion', versionIdOf(reportId, 1), commune.id, { reportId, version: 1, periodType: 'monthly', period, snapshot, submittedAt: receivedAt }, receivedAt, author);
          await w.write('report', reportId, commune.id, { periodType: 'monthly', period, title, sections: toFieldValue(sections), state: 'submitted', version: 1 }, receivedAt, author);
          // The district decides on older reports; the latest wait in its inbox, and one is returned.
          const decidedAt = receivedAt + between(rand, 1, 4) * DAY;
          if (last && index === 2) {
            const at = Math.min(options.now - 1000, decidedAt);
            const body = `Đề nghị xã bổ sung số liệu tài khoản định danh điện tử mức 2 trong tháng (ngày ${formatDate(at)}).`;
            await w.write('comment', commentIdOf(reportId, 1, `sim${at.toString(36)}`), commune.id, { reportId, reportVersion: 1, body, returns: true, accepts: false, createdAt: at }, at, REVIEWER);
          } else if (!last && decidedAt < options.now) {
            const body = 'Đã tiếp nhận báo cáo.';
            await w.write('comment', commentIdOf(reportId, 1, `sim${decidedAt.toString(36)}`), commune.id, { reportId, reportVersion: 1, body, returns: false, accepts: true, createdAt: decidedAt }, decidedAt, REVIEWER);
          }
        }
      }
    }
    const withTasks = await simulateTaskProgress({
      tx,
      tree,
      now: options.now,
      version: bundle.version,
      mark: SIM_MARK,
      demoUsers: DEMO_USERS.users,
      simulatedAuthor: (communeId) => `u-sim-${slug(communeId)}`,
      rand: prng,
      write: (id, unit, values, at, author) => w.write('taskProgress', id, unit, values, at, author),
    });
    // The inspection campaign in progress (campaign-history.ts): once, when the database lacks it.
    const campaign = await simulateCampaign({ tx, tree, now: options.now, version: bundle.version, mark: SIM_MARK, templates: bundle.checklists, rand: prng, answer: answerFor, write: w.write });
    for (const r of campaign.refused) console.warn(`Đợt kiểm tra mô phỏng: không ghi ${r}`);
    const refreshed = [...(fresh ? communes.map((c) => c.id) : []), ...withTasks];
    if (refreshed.length > 0) await refreshRollups(tx, await loadTree(tx), [...new Set(refreshed)], options.now);
    return w.count();
  });
  return { communes: communes.length, changes: total, created: fresh || total > 0 };
}
