// Interface text of models (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// What the catalogue and people typed (model names, units, tasks, notes) is data: it stays
// Vietnamese and is shown in elements marked lang="vi".
import { defineMessages } from '../i18n/messages.ts';
import { PROGRESS_ABOVE_100, PROGRESS_BELOW_0 } from '../domain/sync/record-rules.ts';

// The domain's rules (src/domain/, shared with the server) word their problems in Vietnamese;
// these are that very text, kept apart from the dictionary (which English overwrites) so
// issueText() can recognise them.
type DomainIssue = 'progressBelow0' | 'progressAbove100' | 'doneNeeds100' | 'notStartedNeeds0' | 'dateFormat' | 'dateNotReal' | 'invalidValue';
export const DOMAIN_ISSUES: Readonly<Record<DomainIssue, string>> = {
  progressBelow0: PROGRESS_BELOW_0,
  progressAbove100: PROGRESS_ABOVE_100,
  doneNeeds100: 'Đã hoàn thành thì tiến độ phải là 100%',
  notStartedNeeds0: 'Chưa thực hiện thì tiến độ phải là 0%',
  dateFormat: 'Ngày phải có dạng YYYY-MM-DD',
  dateNotReal: 'Ngày không tồn tại trên lịch',
  invalidValue: 'Giá trị không hợp lệ',
};

export const m = defineMessages('models', {
  ...DOMAIN_ISSUES,
  /** The interface half of modelTitle() ("Mô hình 24: <name>"). */
  modelNo: (n: number) => `Mô hình ${n}`,
  model: 'Mô hình',
  notInUnit: 'Không tìm thấy mô hình này trong đơn vị của bạn.',
  notInUnitLong: 'Không tìm thấy mô hình này trong đơn vị của bạn. Địa chỉ có thể đã cũ, hoặc mô hình thuộc đơn vị khác.',
  /** Followed by the commune's name. */
  belongsTo: 'Mô hình của',
  currentStatus: 'Tình trạng hiện tại',
  progress: 'Tiến độ',
  /** " · ngày 20/11/2026" */
  onDay: (date: string) => ` · ngày ${date}`,
  noStatusYet: 'Chưa ghi nhận tình trạng.',
  recordStatus: 'Ghi nhận tình trạng',
  you: 'Bạn',
  thisDevice: 'máy này',
  empty: '(trống)',
  conflictTitle: '2 người cùng sửa khi ngoại tuyến — giữ bản mới hơn; bản kia ở đây',
  shownNow: ' · đang hiển thị',
  keepThis: 'Giữ bản này',
  keepHelpEditor: 'Bấm “Giữ bản này” ở bản đúng: bản kia được thay trên mọi máy khi đồng bộ.',
  keepHelpViewer: 'Người được giao cập nhật mô hình này sẽ chọn bản đúng.',
  photos: 'Ảnh minh chứng',
  photo: 'Ảnh minh chứng',
  photoN: (n: number) => `Ảnh ${n}`,
  modelInfo: 'Thông tin mô hình',
  history: 'Lịch sử cập nhật',
  noneYet: 'Chưa có.',
  // The status record's fields.
  fieldStatus: 'Tình trạng',
  fieldProgress: 'Tiến độ',
  fieldAsOf: 'Ngày đánh giá',
  fieldNote: 'Ghi chú, kết quả',
  fieldDifficulties: 'Khó khăn, vướng mắc',
  fieldCauses: 'Nguyên nhân',
  fieldProposals: 'Kiến nghị, đề xuất',
  // ModelInfo
  sourceSilent: 'Tài liệu nguồn không nêu',
  sourceSilentFull: 'Tài liệu nguồn không nêu.',
  notStated: 'Không nêu',
  /** " (hạn 31/12/2026, còn 30 ngày)" */
  deadlineDue: (date: string, relative: string) => ` (hạn ${date}, ${relative})`,
  deadlineOngoing: ' (thực hiện thường xuyên, không có hạn cuối)',
  completionTime: 'Thời gian hoàn thành',
  leadUnit: 'Đơn vị chủ trì',
  partnerUnits: 'Đơn vị phối hợp',
  supportUnits: 'Đơn vị hỗ trợ',
  platforms: 'Nền tảng, công cụ',
  objectives: 'Mục tiêu',
  tasks: (n: number) => `Phân công nhiệm vụ (${n.toLocaleString('vi-VN')})`,
  /** Before a task's lead unit. */
  taskLead: 'Chủ trì:',
  /** Between the lead unit and the partner units. */
  taskPartners: '; phối hợp:',
  taskDeadline: 'Thời hạn:',
  sourceNotes: 'Ghi chú đối chiếu tài liệu',
  source: 'Nguồn:',
  // StatusForm
  progressNumber: 'Tiến độ phải là một số, ví dụ 75 hoặc 96,5',
  fixMarked: 'Vui lòng sửa các ô được đánh dấu.',
  notKept: (reason: string) => `Chưa giữ được: ${reason}`,
  photoUnreadable: 'Không đọc được ảnh này. Hãy chụp lại hoặc chọn ảnh khác.',
  /** Around the account's name: "Tài khoản <name> không có quyền …". */
  noRightBefore: 'Tài khoản',
  noRightAfter: 'không có quyền cập nhật tình trạng của mô hình này.',
  draftRestored: 'Đang tiếp tục bản nháp chưa lưu.',
  discardDraft: 'Bỏ bản nháp',
  draftSaved: 'Đã lưu nháp trên máy',
  save: 'Lưu',
  // Photos (src/models/photo.ts)
  notAnImage: 'Tệp này không phải ảnh. Hãy chụp ảnh hoặc chọn một tệp ảnh (JPEG, PNG).',
  heic: 'Máy này chưa đọc được ảnh HEIC (ảnh chụp trên iPhone). Hãy đặt camera chụp định dạng “Tương thích nhất” (JPEG), hoặc chụp ảnh ngay trong ứng dụng.',
  unreadable: 'Không đọc được ảnh này (tệp hỏng hoặc định dạng máy chưa hỗ trợ). Hãy chụp lại hoặc chọn ảnh JPEG, PNG.',
  tooBig: 'Không nén được ảnh xuống dưới 200 KB. Hãy chụp lại ảnh khác.',
});
