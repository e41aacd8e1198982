// The demo's progress on the province's tasks (issue 11): Thiệu Vân and some Quảng Xương
// communes record progress on tasks of 001 Phụ lục I that name "UBND cấp xã", so the district
// dashboard's task progress and the province report's Phụ lục I have data at first login.
//
// Each record is written as its commune's standing body (Công an xã) — the only role that may
// (src/domain/access.ts, taskProgressRefusal): the commune's demo account where
// seeds/demo-users.json has one (Thiệu Vân, Tân Phong), otherwise the history's simulated commune
// police. Every record is checked against that write rule before it is written, as a push
// would be, and a record someone already has is left alone (so a re-run writes nothing).
// The statuses are the documents' (plans.ts TASK_STATUS_LABEL); results say they are simulated.
import type { User } from '../../src/domain/people.ts';
import { writeRefusal } from '../../src/domain/access.ts';
import { responsibleUnits, type Plan, type TaskStatus } from '../../src/domain/plans.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import { taskProgressIdOf } from '../../src/domain/sync/ids.ts';
import type { OrgTree } from '../org/tree.ts';
import { seededPlans } from '../plans/task-scope.ts';
import type { StoreTx } from '../store/types.ts';

/** 001 Phụ lục I: the province's 72 tasks (seeds/plans/th-bc137-2024-pl1.json). */
export const PROVINCE_PLAN = 'th-bc137-2024-pl1';
/**
 * The communes with progress: Thiệu Vân, and seven Quảng Xương communes (Tân Phong, which has
 * a demo login, among them). A commune a reorganisation closed is skipped.
 */
export const TASK_COMMUNES = ['tv', 'qx-tan-phong', 'qx-quang-binh', 'qx-quang-hop', 'qx-quang-nhan', 'qx-quang-trung', 'qx-quang-giao', 'qx-tien-trang'] as const;

const DAY = 86_400_000;

interface Variant {
  status: TaskStatus;
  /** The percent range; a task finished or kept up (done, ongoing) is 100, one not begun 0. */
  percent: readonly [number, number];
  /** The result in the commune's words; `p` is the percent, `up` the unit above it. */
  result: (p: number, up: string) => string;
  /** Why it is not done (required for notDone, given for waitingGuidance). */
  cause?: string;
}

const ongoing = (result: Variant['result']): Variant => ({ status: 'ongoing', percent: [100, 100], result });

/** What a commune plausibly reports on the tasks of Phụ lục I that name "UBND cấp xã", by task number. */
const WORK: Readonly<Record<string, readonly Variant[]>> = {
  '5': [
    { status: 'inProgress', percent: [62, 88], result: (p) => `Đã số hóa ${p}% hồ sơ, kết quả giải quyết thủ tục hành chính tiếp nhận tại Bộ phận một cửa xã; đang số hóa sổ hộ tịch lưu trữ` },
    { status: 'done', percent: [100, 100], result: () => 'Đã số hóa toàn bộ hồ sơ, kết quả giải quyết thủ tục hành chính tiếp nhận trong năm tại Bộ phận một cửa xã' },
    {
      status: 'notDone',
      percent: [45, 70],
      result: (p) => `Mới số hóa ${p}% hồ sơ, kết quả giải quyết thủ tục hành chính`,
      cause: 'Máy quét của Bộ phận một cửa hỏng, chưa được thay; công chức tư pháp - hộ tịch kiêm nhiệm nhiều việc',
    },
  ],
  '7': [ongoing(() => 'Bộ phận một cửa xã tiếp nhận, trả kết quả đúng hạn; niêm yết công khai thủ tục hành chính và mã QR tra cứu hồ sơ')],
  '12': [
    { status: 'inProgress', percent: [55, 85], result: () => 'Công chức Bộ phận một cửa hướng dẫn người dân nộp hồ sơ trên Cổng dịch vụ công; tỷ lệ hồ sơ trực tuyến tăng so với năm trước' },
    {
      status: 'notDone',
      percent: [30, 50],
      result: () => 'Tỷ lệ hồ sơ trực tuyến chưa đạt chỉ tiêu',
      cause: 'Nhiều người cao tuổi chưa có điện thoại thông minh; sóng di động yếu ở các thôn xa',
    },
  ],
  '22': [
    { status: 'inProgress', percent: [70, 90], result: () => 'Lấy ý kiến người dân qua phiếu khảo sát tại Bộ phận một cửa xã hằng tháng' },
    { status: 'done', percent: [100, 100], result: () => 'Khảo sát qua phiếu tại Bộ phận một cửa xã: trên 90% người dân hài lòng' },
  ],
  '37': [
    { status: 'inProgress', percent: [40, 80], result: () => 'Đã triển khai các mô hình của Đề án 06 theo kế hoạch của xã; tiến độ từng mô hình cập nhật trong Sổ tay' },
  ],
  '45': [
    ongoing(() => 'Tổ công nghệ số cộng đồng các thôn phối hợp Công an xã rà soát, làm sạch dữ liệu dân cư và dữ liệu người hưởng chính sách'),
    { status: 'inProgress', percent: [50, 80], result: () => 'Đã đối chiếu dữ liệu người có công, đối tượng bảo trợ xã hội với dữ liệu dân cư; các trường hợp sai lệch đang được xác minh' },
  ],
  '58': [ongoing((_p, up) => `Công an xã tổng hợp, báo cáo định kỳ hằng tháng kết quả thực hiện Đề án 06 về Tổ công tác Đề án 06 ${up}`)],
  '67': [ongoing(() => 'Đã treo băng rôn, pano tại trụ sở và nhà văn hóa các thôn; phát tin trên loa truyền thanh xã hằng tuần')],
  '68': [
    ongoing(() => 'Phối hợp Bưu điện xã hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán phí, lệ phí không dùng tiền mặt'),
    { status: 'inProgress', percent: [60, 90], result: () => 'Đã tổ chức các buổi hướng dẫn người dân thực hiện dịch vụ công tại nhà văn hóa các thôn, còn một số thôn chưa tổ chức' },
  ],
  '33': [
    { status: 'inProgress', percent: [60, 90], result: () => 'Phần lớn đối tượng bảo trợ xã hội đã nhận trợ cấp qua tài khoản; số còn lại nhận tiền mặt tại xã' },
    {
      status: 'notDone',
      percent: [40, 70],
      result: () => 'Chưa chi trả qua tài khoản được cho tất cả đối tượng',
      cause: 'Một số người cao tuổi, người khuyết tật chưa mở tài khoản ngân hàng và đề nghị tiếp tục nhận tiền mặt',
    },
  ],
  '39': [{ status: 'waitingGuidance', percent: [0, 0], result: () => 'Chưa triển khai', cause: 'Chờ hướng dẫn của Bộ Công an' }],
  '30': [{ status: 'waitingGuidance', percent: [0, 0], result: () => 'Chưa triển khai mô hình mẫu', cause: 'Chờ lộ trình và hướng dẫn của Văn phòng Chính phủ' }],
  '65': [
    {
      status: 'notDone',
      percent: [10, 30],
      result: () => 'Đã đề xuất kinh phí in tài liệu tuyên truyền và mua máy quét',
      cause: 'Ngân sách xã năm nay chưa bố trí được kinh phí riêng cho Đề án 06',
    },
  ],
};

export interface TaskHistoryDeps {
  tx: StoreTx;
  tree: OrgTree;
  now: number;
  version: string;
  mark: string;
  /** The demo accounts (seeds/demo-users.json): a commune's standing body there writes its progress. */
  demoUsers: readonly Pick<User, 'id' | 'role' | 'unitId'>[];
  /** The simulated commune police of a commune ("u-sim-…"), for communes without a demo account. */
  simulatedAuthor: (communeId: string) => string;
  rand: (seedText: string) => () => number;
  write: (id: string, unit: string, values: Record<string, FieldValue>, at: number, author: string) => Promise<void>;
}

/** Writes the progress; returns the communes that got some (their roll-ups need refreshing). */
export async function simulateTaskProgress(d: TaskHistoryDeps): Promise<string[]> {
  const plan: Plan | undefined = seededPlans().find((p) => p.id === PROVINCE_PLAN);
  if (!plan) return [];
  const touched: string[] = [];
  for (const communeId of TASK_COMMUNES) {
    const commune = d.tree.byId.get(communeId);
    if (!commune || commune.level !== 'commune' || commune.closedOn) continue;
    const standing = d.demoUsers.find((u) => u.unitId === communeId && u.role === 'communeStanding');
    const author = await d.tx.getUserById(standing?.id ?? d.simulatedAuthor(communeId));
    if (!author) continue;
    const up = d.tree.byId.get(commune.parentId ?? '')?.name ?? 'cấp trên';
    const rand = d.rand(`${communeId}|tasks|${d.version}`);
    const tasks = plan.tasks
      .filter((t) => WORK[t.no] && t.lead.concat(t.partners).some((r) => r.kind === 'level' && r.level === 'commune'))
      .sort(() => rand() - 0.5)
      .slice(0, 5 + Math.floor(rand() * 4));
    let wrote = false;
    for (const task of tasks) {
      const id = taskProgressIdOf(communeId, task.id);
      if (await d.tx.getDoc('taskProgress', id)) continue; // someone's record: never written over
      const scope = responsibleUnits(task, plan.unitId, d.tree.units);
      if (writeRefusal(author, { coll: 'taskProgress', unit: communeId, task: scope }, d.tree.byId) !== null) continue;
      const variants = WORK[task.no]!;
      const v = variants[Math.floor(rand() * variants.length)]!;
      const percent = v.percent[0] + Math.floor(rand() * (v.percent[1] - v.percent[0] + 1));
      const at = d.now - (3 + Math.floor(rand() * 40)) * DAY - Math.floor(rand() * 8) * 3_600_000;
      // Work under way was often recorded once before, at a lower percent: the later save overwrites it.
      if (v.status === 'inProgress' && rand() < 0.5) {
        const earlier = Math.max(5, percent - 15 - Math.floor(rand() * 20));
        const before = at - (15 + Math.floor(rand() * 20)) * DAY;
        await d.write(id, communeId, record('inProgress', earlier, `${d.mark}: ${v.result(earlier, up)}.`, '', before), before, author.id);
      }
      await d.write(id, communeId, record(v.status, percent, `${d.mark}: ${v.result(percent, up)}.`, v.cause ?? '', at), at, author.id);
      wrote = true;
    }
    if (wrote) touched.push(communeId);
  }
  return touched;
}

/** The fields a progress form saves (tasks/task-fields.ts), cause only when there is one. */
function record(status: TaskStatus, percent: number, result: string, cause: string, at: number): Record<string, FieldValue> {
  const asOf = new Date(at + 7 * 3_600_000).toISOString().slice(0, 10);
  return { status, percent, result, ...(cause ? { cause } : {}), asOf };
}
