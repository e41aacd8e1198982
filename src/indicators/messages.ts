// Interface text of indicators (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// The sheet's own words (its title, the 25 services' names, the counters and their units) come
// from the seeds: they are data, stay Vietnamese and are shown in elements marked lang="vi".
import { defineMessages } from '../i18n/messages.ts';
import { ONLINE_OVER_TOTAL } from '../domain/sync/record-rules.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

/** The Vietnamese wording of m.countFormat and m.cleared (tests compare with it; screens read m). */
export const COUNT_FORMAT_VI = 'Nhập số nguyên theo kiểu Việt Nam, ví dụ 38.755';
export const CLEARED_VI = 'Ô này đã có số liệu được lưu; nếu không có hồ sơ, hãy nhập 0';

// The shared domain (src/domain/indicators.ts, record-rules.ts) words a figure's problems in
// Vietnamese; these are that very text, kept apart from the dictionary (which English
// overwrites) so figureIssue() can recognise them.
type DomainIssue = 'notInteger' | 'notNegative' | 'onlineOverTotal';
export const DOMAIN_ISSUES: Readonly<Record<DomainIssue, string>> = {
  notInteger: 'Số hồ sơ phải là số nguyên',
  notNegative: 'Không được âm',
  onlineOverTotal: ONLINE_OVER_TOTAL,
};

export const m = defineMessages('indicators', {
  ...DOMAIN_ISSUES,
  countFormat: COUNT_FORMAT_VI,
  cleared: CLEARED_VI,
  title: 'Chỉ tiêu',
  /** Before the unit's name. */
  unit: 'Đơn vị:',
  period: 'Kỳ báo cáo',
  readOnly: 'Số liệu do cán bộ xã nhập; tài khoản thôn chỉ xem.',
  /** The period's label as common.period gives it. */
  draftRestored: (period: string) => `Đang tiếp tục bản nháp chưa lưu của ${period.toLowerCase()}.`,
  discardDraft: 'Bỏ bản nháp',
  howToType: 'Nhập số hồ sơ theo kiểu Việt Nam (38.755). Tỷ lệ trực tuyến được tự tính, không cần nhập.',
  tableLabel: 'Bảng 25 dịch vụ công thiết yếu',
  service: 'Dịch vụ công thiết yếu',
  total: 'Tổng số hồ sơ',
  online: 'Hồ sơ trực tuyến',
  rate: 'Tỷ lệ',
  /** Under a service's name found outside the table, before its source (document title and section). */
  nameFrom: 'Tên theo:',
  /** Under a name an administrator filled in, before where they took it from. */
  nameByAdmin: 'Tên do quản trị viên điền, theo:',
  /** The rows it sums: the services shown (the rows the source lost are not among them). */
  sumRow: (services: number) => `Tổng cộng ${n(services)} dịch vụ`,
  howTotals: 'Tổng cộng tính từ tổng các dòng (ô trống tính là 0); tỷ lệ chung = hồ sơ trực tuyến / tổng số hồ sơ, không lấy trung bình các tỷ lệ.',
  counters: 'CCCD gắn chíp, định danh điện tử và chữ ký số',
  table422Label: 'Bảng dịch vụ công theo Quyết định 422/QĐ-TTg',
  table422Caption: 'Dịch vụ công theo Quyết định 422/QĐ-TTg (các dịch vụ nêu tại Phụ lục IV Báo cáo số 137/BC-UBND ngày 28/6/2024 của Tổ công tác Đề án 06 tỉnh Thanh Hóa)',
  service422: 'Dịch vụ công theo Quyết định 422',
  open422: (count: number) => `Nhập số liệu ${n(count)} dịch vụ công theo Quyết định 422/QĐ-TTg`,
  empty: '(trống)',
  notSaved: (errors: number) => `Chưa lưu: ${n(errors)} ô chưa hợp lệ (đánh dấu đỏ). Hãy sửa rồi bấm Lưu lại.`,
  mineInvalid: (cell: string) => `Bản bạn đang nhập ở ô “${cell}” chưa hợp lệ; hãy sửa trước khi giữ.`,
  aggregates: 'Dịch vụ công trực tuyến, số hóa hồ sơ và kết quả giải quyết thủ tục hành chính (số liệu của toàn đơn vị)',
  aggregatesHow: 'Số liệu của cả đơn vị, không cộng từ các xã. Tỷ lệ được tự tính, không cần nhập.',
  /** After a count as it stands (services offered): the month's last figure is the period's. */
  stockHint: 'số hiện có cuối tháng',
  /** After a count of the month (dossiers): the months are added up. */
  flowHint: 'số phát sinh trong tháng',
  /** The share computed from the counts, e.g. "57,76%". */
  aggregateShare: (share: string) => `Tỷ lệ: ${share}`,
});
