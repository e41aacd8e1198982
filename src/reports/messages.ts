// Interface text of reports (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
//
// Only the interface is here: the official document (document.ts, data.ts, the exports, the
// section and layout-line titles stored with a report in sections.ts, the acceptance note
// stored as a comment in inbox.ts) is a Vietnamese legal text and stays Vietnamese in both
// languages. Counts arrive as numbers and instants as ms; both are formatted vi-VN here, in
// either language (src/i18n/lang.ts).
import { defineMessages } from '../i18n/messages.ts';
import { formatDate, formatDateTime, formatNumber } from '../domain/text.ts';

export const m = defineMessages('reports', {
  title: 'Báo cáo',
  notFound: 'Không tìm thấy báo cáo này trong các đơn vị của tài khoản.',
  backToList: '← Danh sách báo cáo',
  backToInbox: '← Báo cáo cần duyệt',
  /** The label before the unit's name. */
  unit: 'Đơn vị:',
  /** " · lần 2" after a phase chip. */
  chipVersion: (n: number) => ` · lần ${formatNumber(n)}`,
  version: (n: number) => `Phiên bản ${formatNumber(n)}`,

  // The list of the unit's reports.
  readOnlyRole: 'Báo cáo do Công an xã (cơ quan thường trực) lập; Tổ công nghệ số thôn gửi số liệu ở mục Chỉ tiêu và cập nhật tình trạng mô hình.',
  scheduled: 'Báo cáo theo lịch',
  noRules: 'Đơn vị chưa có lịch báo cáo định kỳ; có thể lập báo cáo cho kỳ bất kỳ ở dưới.',
  dueBefore: (due: number) => `Hạn: trước ${formatDate(due)}`,
  /** "Chưa nộp, quá hạn 3 ngày": `when` is home's relative day text. */
  notSubmitted: (when: string) => `Chưa nộp, ${when}`,
  onPhoneOnlyNote: ' · đã ghi trên máy, máy chủ chưa nhận',
  other: 'Lập báo cáo khác',
  reportType: 'Loại báo cáo',
  period: 'Kỳ báo cáo',
  open: 'Mở báo cáo',
  own: (n: number) => `Báo cáo của đơn vị (${formatNumber(n)})`,
  noneYet: 'Chưa lập báo cáo nào.',
  below: 'Báo cáo cấp dưới gửi lên',

  // One report.
  deadline: (due: number) => `Hạn nộp: trước ${formatDate(due)}`,
  onPhoneOnly: 'Đã ghi trên máy, máy chủ chưa nhận',
  recordedBeforeDue: 'nộp trên máy trước hạn, máy chủ nhận sau hạn',
  /** Followed by the returning comment in quotes. */
  returnedBy: (n: number) => `Cấp trên đã trả lại phiên bản ${formatNumber(n)}:`,
  fixAndResend: ' — hãy sửa rồi gửi lại.',
  printLink: 'Bản in, tải Word / Excel / CSV',
  submittedText: 'Nội dung đã gửi',
  viewOnly: 'Tài khoản này chỉ xem báo cáo.',
  nothingSent: 'Đơn vị chưa gửi phiên bản nào của báo cáo này.',

  // The editor.
  draftNotSaved: 'Không lưu được bản nháp trên máy.',
  fixToSubmit: 'Chưa gửi: hãy sửa các mục được đánh dấu.',
  fixToSave: 'Chưa lưu: hãy sửa các mục được đánh dấu.',
  submitted: (n: number) => `Đã gửi phiên bản ${formatNumber(n)}.`,
  queuedOffline: 'Báo cáo đang chờ trong hàng đợi và sẽ lên máy chủ khi có mạng.',
  queuedOnline: 'Báo cáo sẽ lên máy chủ ở lần đồng bộ tới.',
  draftSaved: 'Đã lưu bản nháp báo cáo trên máy. Sẽ gửi lên máy chủ khi có mạng.',
  submitFailed: (why: string) => `Không gửi được: ${why}`,
  saveFailed: (why: string) => `Không lưu được: ${why}`,
  resumingDraft: 'Đang tiếp tục bản nháp chưa lưu trên máy.',
  discardDraft: 'Bỏ bản nháp',
  titleLabel: 'Tiêu đề báo cáo',
  figures: (models: number) => `Số liệu tự động (${formatNumber(models)} mô hình, 25 dịch vụ công) — cập nhật theo dữ liệu hiện tại`,
  refill: 'Điền lại các mục từ số liệu hiện tại',
  docDetails: 'Thông tin văn bản: số, nơi nhận, người ký',
  numberLabel: 'Số (để trống nếu văn thư cấp số sau)',
  symbolLabel: 'Ký hiệu',
  recipientsLabel: 'Nơi nhận (mỗi dòng một nơi)',
  signerTitleLabel: 'Chức danh người ký',
  signerNameLabel: 'Họ tên người ký',
  /** Before the number line as printed ("Số: 15/BC-TCTĐA06"). */
  onDocument: 'Trên văn bản:',
  numberHint: '— ô “Số” chỉ ghi số thứ tự.',
  draftKept: 'Đã lưu nháp trên máy',
  saveDraft: 'Lưu nháp',
  submit: 'Gửi báo cáo',
  resubmit: (n: number) => `Gửi lại (phiên bản ${formatNumber(n)})`,

  // Validation (workflow.ts), beside the field.
  titleRequired: 'Tiêu đề báo cáo không được để trống',
  titleTooLong: (max: number) => `Tiêu đề dài quá ${formatNumber(max)} ký tự`,
  bodyTooLong: (max: number) => `Mục này dài quá ${formatNumber(max)} ký tự; hãy rút gọn hoặc đưa vào phụ lục`,
  /** `section`: the section's heading on screen ("Kết quả đạt được"). */
  sectionRequired: (section: string) => `Mục “${section}” cần có nội dung trước khi gửi`,
  badReportId: (id: string) => `Mã báo cáo không hợp lệ: ${id}`,
  saveAfterSubmit: (n: number) => `Báo cáo đã gửi phiên bản ${n}; chỉ sửa khi cấp trên trả lại.`,
  submitAfterSubmit: (n: number) => `Báo cáo đã gửi phiên bản ${n}; chỉ gửi lại khi cấp trên trả lại để sửa.`,
  returnReasonRequired: 'Hãy ghi rõ cần sửa gì trước khi trả lại báo cáo',
  commentRequired: 'Ý kiến không được để trống',
  commentNeedsVersion: 'Chỉ góp ý trên một phiên bản đã gửi',

  // History and comments.
  history: 'Lịch sử gửi và ý kiến',
  /** Before the user's own name, for their comments. */
  you: 'Bạn',
  /** Before the sender's name. */
  sender: 'Người gửi:',
  viewSent: 'Xem bản đã gửi',
  returnedChip: 'Trả lại để sửa',
  commentDraftNotSaved: 'Không lưu được nháp ý kiến.',
  returnedNotice: (n: number) => `Đã trả lại phiên bản ${formatNumber(n)} để đơn vị sửa. Ý kiến sẽ gửi lên máy chủ khi có mạng.`,
  commentNotice: 'Đã ghi ý kiến. Ý kiến sẽ gửi lên máy chủ khi có mạng.',
  commentFailed: (why: string) => `Không ghi được ý kiến: ${why}`,
  commentsOn: (n: number) => `Ý kiến về phiên bản ${formatNumber(n)}`,
  comment: 'Ý kiến',
  sendComment: 'Gửi ý kiến',
  returnForChanges: 'Trả lại để sửa',
  /** received.ts: when the phone recorded a submission and when the server received it. */
  recordedAt: (at: number) => `ghi nhận trên máy lúc ${formatDateTime(at)}`,
  notReceivedYet: ', máy chủ chưa nhận',
  receivedAtSuffix: (at: number) => `, máy chủ nhận lúc ${formatDateTime(at)}`,

  // The review inbox.
  tabOwn: 'Của đơn vị',
  tabInbox: 'Cần duyệt',
  reviewersOnly: 'Chỉ cán bộ cấp huyện, cấp tỉnh duyệt báo cáo của đơn vị cấp dưới.',
  waiting: (n: number) => `Chờ duyệt (${formatNumber(n)})`,
  waitingOrder: 'Gửi sớm nhất ở trên, theo giờ máy chủ nhận.',
  noneWaiting: 'Không có báo cáo nào chờ duyệt.',
  returnedSection: (n: number) => `Đã trả lại, chờ gửi lại (${formatNumber(n)})`,
  noneReturned: 'Không có báo cáo nào đang chờ đơn vị sửa.',
  acceptedSection: (n: number) => `Đã tiếp nhận (${formatNumber(n)})`,
  writeFailed: (why: string) => `Không ghi được: ${why}`,
  stateSubmitted: 'Chờ duyệt',
  stateResubmitted: 'Gửi lại, chờ duyệt',
  stateReturned: 'Đã trả lại, chờ đơn vị sửa',
  stateAccepted: 'Đã tiếp nhận',
  serverNotYet: 'Máy chủ chưa ghi nhận',
  serverReceived: (at: number) => `Máy chủ nhận lúc ${formatDateTime(at)}`,
  /** Before the returning or accepting comment. */
  returnReason: 'Lý do trả lại:',
  commentLabel: 'Ý kiến:',
  accept: 'Tiếp nhận',
  whatToFix: 'Cần sửa gì',
  sendReturn: 'Gửi trả lại',

  // The print view.
  noVersion: (n: number) => `Không có phiên bản ${formatNumber(n)} của báo cáo này trên máy.`,
  printToolbar: 'Bản in',
  back: '← Quay lại',
  print: 'In / Lưu PDF',
  making: 'Đang tạo…',
  word: 'Tải Word (.docx)',
  excel: 'Tải Excel (.xlsx)',
  csv: 'Tải CSV',
  exporterOffline: (kind: 'docx' | 'xlsx') =>
    `Chưa tải được công cụ xuất ${kind === 'docx' ? 'Word' : 'Excel'}: lần xuất đầu tiên cần có mạng. Bản in (In / Lưu PDF) vẫn dùng được khi không có mạng.`,
  /** The on-screen note above a draft's document (never printed). `kind`: "báo cáo tháng". */
  draftStatus: (kind: string) => `BẢN NHÁP — ${kind} chưa gửi`,
  versionStatus: (n: number, at: number) => `Phiên bản ${formatNumber(n)}, gửi ngày ${formatDate(at)}`,
});
