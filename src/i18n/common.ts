// Interface text shared by several features (Vietnamese; English in ./common.en.ts), mostly
// the labels of domain codes. src/domain/ is shared with the server and stays Vietnamese, so
// the screens translate its vocabularies here, keyed by code; the Vietnamese side is the
// domain's own text, so the two can never drift apart. See src/i18n/messages.ts.
import { defineMessages } from './messages.ts';
import { ROLE_LABEL, type Role } from '../domain/people.ts';
import { STATUS_LABEL, type Status } from '../domain/status.ts';
import { PERIOD_TYPE_LABEL, TIMELINESS_LABEL, periodLabel, reportLabel, type PeriodType, type Timeliness } from '../domain/calendar.ts';
import { LEVEL_LABEL, type OrgLevel } from '../domain/org.ts';
import { MODEL_GROUP_LABEL, type ModelGroup } from '../domain/catalogue.ts';
import { SECTION_LABEL } from '../domain/report.ts';
import { TASK_STATUS_LABEL, type TaskStatus } from '../domain/plans.ts';

/** The report workflow's phases (src/reports/workflow.ts `Phase`), shown on Home, Reports and the dashboard. */
export type PhaseCode = 'new' | 'draft' | 'submitted' | 'returned' | 'accepted';
const PHASE: Record<PhaseCode, string> = {
  new: 'Chưa lập',
  draft: 'Bản nháp',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  accepted: 'Đã được tiếp nhận',
};
export type SectionCode = keyof typeof SECTION_LABEL;

export const m = defineMessages('common', {
  /** "Cơ quan thường trực (Công an xã)" */
  role: (role: Role) => ROLE_LABEL[role],
  /** "Đang thực hiện" */
  status: (status: Status) => STATUS_LABEL[status],
  /** A task's progress in the documents' words: "Thực hiện thường xuyên", "Chờ hướng dẫn của Bộ, ngành" */
  taskStatus: (status: TaskStatus) => TASK_STATUS_LABEL[status],
  /** "Báo cáo tháng" */
  periodType: (type: PeriodType) => PERIOD_TYPE_LABEL[type],
  /** "Đúng hạn", "Chưa nộp (quá hạn)" */
  timeliness: (t: Timeliness) => TIMELINESS_LABEL[t],
  /** A period key ("2026-W48", "2026-12", "2026-H1", "2026", "adhoc:x") → "Tuần 48/2026", "Tháng 12/2026" … */
  period: (key: string) => periodLabel(key),
  /** A period key → the report's name: "Báo cáo tháng 12/2026" … */
  report: (key: string) => reportLabel(key),
  /** "Bị trả lại" */
  phase: (phase: PhaseCode) => PHASE[phase],
  /** "Xã/Phường" */
  level: (level: OrgLevel) => LEVEL_LABEL[level],
  /** "Nhóm tiện ích phục vụ công dân số" */
  modelGroup: (group: ModelGroup) => MODEL_GROUP_LABEL[group],
  /** A report section's heading on screen (the official document keeps SECTION_LABEL). */
  section: (key: SectionCode) => SECTION_LABEL[key],
  // Server errors and the language names are in src/app/messages.ts (`serverError`, `langVi` …):
  // the first-load chunk needs them, and this file pulls in the domain's vocabularies.
  storageFull: 'Bộ nhớ của máy đã đầy — chưa lưu được. Nội dung bạn nhập vẫn còn trên màn hình; hãy giải phóng bộ nhớ (xóa bớt ảnh, ứng dụng) rồi bấm Lưu lại.',
  loading: 'Đang tải…',
  opening: 'Đang mở…',
  back: 'Quay lại',
  close: 'Đóng',
  cancel: 'Hủy',
  /** A write to this phone's storage failed. */
  saveFailed: (reason: string) => `Không lưu được: ${reason}`,
  draftFailed: 'Không lưu được bản nháp trên máy.',
  // Calls that need the server now (administration, member accounts).
  noConnection: 'Không kết nối được máy chủ. Việc này cần có mạng.',
  serverFailed: (status: number) => `Máy chủ báo lỗi (${status}).`,
  badAnswer: 'Máy chủ trả lời không hợp lệ.',
});
