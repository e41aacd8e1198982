// Interface text of the task screens (Vietnamese; English in ./messages.en.ts). See
// src/i18n/messages.ts. The plans' own words (titles, task texts, units, deadlines as
// written) are data: shown in Vietnamese inside lang="vi".
import { defineMessages } from '../i18n/messages.ts';
import { TASK_DONE_NEEDS_100, TASK_NOT_DONE_NEEDS_CAUSE, TASK_NOT_DONE_UNDER_100, TASK_NOT_STARTED_NEEDS_0 } from '../domain/plans.ts';
import { PROGRESS_ABOVE_100, PROGRESS_BELOW_0 } from '../domain/sync/record-rules.ts';

// The shared rules word their problems in Vietnamese; kept apart from the dictionary (which
// English overwrites) so issueText() can recognise them.
type DomainIssue = 'doneNeeds100' | 'notStartedNeeds0' | 'notDoneNeedsCause' | 'notDoneUnder100' | 'percentBelow0' | 'percentAbove100' | 'dateFormat' | 'dateNotReal';
export const DOMAIN_ISSUES: Readonly<Record<DomainIssue, string>> = {
  doneNeeds100: TASK_DONE_NEEDS_100,
  notStartedNeeds0: TASK_NOT_STARTED_NEEDS_0,
  notDoneNeedsCause: TASK_NOT_DONE_NEEDS_CAUSE,
  notDoneUnder100: TASK_NOT_DONE_UNDER_100,
  percentBelow0: PROGRESS_BELOW_0,
  percentAbove100: PROGRESS_ABOVE_100,
  dateFormat: 'Ngày phải có dạng YYYY-MM-DD',
  dateNotReal: 'Ngày không tồn tại trên lịch',
};

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('tasks', {
  ...DOMAIN_ISSUES,
  title: 'Nhiệm vụ',
  intro: 'Nhiệm vụ trong các kế hoạch mà đơn vị được giao chủ trì hoặc phối hợp. Bấm vào một nhiệm vụ để ghi tiến độ.',
  search: 'Tìm nhiệm vụ',
  searchHint: 'Gõ vài chữ, có dấu hay không đều được',
  loadingPlans: 'Đang mở các kế hoạch…',
  plansFailed: 'Chưa mở được các kế hoạch. Lần đầu cần có mạng; hãy thử lại khi có mạng.',
  noTasks: 'Đơn vị không được giao nhiệm vụ nào trong các kế hoạch hiện có.',
  noMatch: 'Không có nhiệm vụ nào khớp với từ tìm.',
  villageOnly: 'Tiến độ nhiệm vụ của xã do cơ quan thường trực (Công an xã) ghi.',
  /** "12 nhiệm vụ · 3 quá hạn" */
  counts: (total: number, overdue: number) => `${n(total)} nhiệm vụ${overdue > 0 ? ` · ${n(overdue)} quá hạn` : ''}`,
  lead: 'Chủ trì',
  partner: 'Phối hợp',
  /** Before the task's number: "Nhiệm vụ 5" */
  taskNo: (no: string) => `Nhiệm vụ ${no}`,
  deadline: 'Thời hạn:',
  noDeadline: 'Tài liệu không nêu thời hạn',
  /** " (hạn 31/12/2024)" */
  deadlineEnd: (date: string) => ` (hạn ${date})`,
  overdue: 'Quá hạn',
  noProgress: 'Chưa ghi tiến độ',
  /** " · 60%" */
  percentShort: (p: string) => ` · ${p}%`,
  /** " · ngày 20/11/2026" */
  onDay: (date: string) => ` · ngày ${date}`,
  waitingSync: 'Đã lưu trên máy — chờ đồng bộ',
  synced: 'Đã đồng bộ',
  // The task's page
  notFound: 'Không tìm thấy nhiệm vụ này trong các kế hoạch trên máy.',
  backToList: 'Nhiệm vụ',
  plan: 'Kế hoạch',
  group: 'Nhóm nhiệm vụ',
  leadUnits: 'Đơn vị chủ trì',
  partnerUnits: 'Đơn vị phối hợp',
  notStated: 'Không nêu',
  targets: 'Chỉ tiêu',
  source: 'Nguồn',
  /** "Kế hoạch … — dòng của nhiệm vụ 5" */
  sourceSection: (section: string) => ` — ${section}`,
  reported: (date: string) => `Kết quả ghi trong tài liệu (ngày ${date})`,
  yourRole: (role: 'lead' | 'partner'): string => (role === 'lead' ? 'Đơn vị của bạn chủ trì nhiệm vụ này.' : 'Đơn vị của bạn phối hợp thực hiện nhiệm vụ này.'),
  notResponsible: 'Đơn vị của bạn không được giao chủ trì hay phối hợp nhiệm vụ này.',
  readOnly: 'Tài khoản này xem được tiến độ nhưng không ghi; tiến độ do cơ quan thường trực (Công an xã) hoặc cán bộ của chính đơn vị được giao ghi.',
  // The progress form
  recordProgress: 'Ghi tiến độ',
  fieldStatus: 'Đánh giá tiến độ',
  fieldPercent: 'Tỷ lệ hoàn thành (%)',
  fieldResult: 'Kết quả thực hiện',
  fieldEvidence: 'Minh chứng',
  evidenceHint: 'Mỗi dòng một văn bản (số, ngày) hoặc một đường dẫn http(s)://',
  fieldCause: 'Nguyên nhân',
  causeHint: 'Bắt buộc khi chưa hoàn thành',
  fieldAsOf: 'Ngày đánh giá',
  percentNumber: 'Tỷ lệ phải là một số, ví dụ 60 hoặc 75,5',
  badLink: (line: string) => `Đường dẫn phải bắt đầu bằng http:// hoặc https:// (“${line}”)`,
  fixMarked: 'Vui lòng sửa các ô được đánh dấu.',
  draftRestored: 'Đang hiện bản nháp chưa lưu từ lần trước.',
  discardDraft: 'Bỏ bản nháp',
  draftSaved: 'Đã lưu nháp trên máy',
  // Home
  homeTitle: 'Nhiệm vụ được giao',
  /** "8 nhiệm vụ chủ trì, 30 phối hợp" */
  homeCounts: (lead: number, partner: number) => `${n(lead)} nhiệm vụ chủ trì, ${n(partner)} phối hợp`,
  homeOverdue: (k: number) => `${n(k)} nhiệm vụ quá hạn chưa hoàn thành`,
  homeNoOverdue: 'Không có nhiệm vụ quá hạn.',
  homeOpen: 'Xem và ghi tiến độ',
  // Dashboard
  dbTitle: 'Tiến độ nhiệm vụ theo kế hoạch',
  dbHelp: 'Các con số đếm số lượt giao (một nhiệm vụ cho một đơn vị) trong địa bàn. Xã gửi tiến độ qua đồng bộ; số của xã lấy từ số liệu tổng hợp của máy chủ.',
  dbPlan: 'Kế hoạch',
  dbTasks: 'Nhiệm vụ',
  dbPairs: 'Lượt giao',
  dbNotReported: 'Chưa báo cáo',
  dbOverdue: 'Quá hạn',
  dbNoPlans: 'Không có nhiệm vụ nào giao cho các đơn vị trong địa bàn.',
  dbDetail: 'Từng nhiệm vụ, từng đơn vị',
  dbBack: 'Tổng hợp',
  dbUnit: 'Đơn vị',
  dbStatus: 'Tiến độ',
  dbRole: 'Vai trò',
  dbPlanTitle: 'Tiến độ các nhiệm vụ',
});
