// Interface text of dashboard (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// Unit names, model names, service names and the counters' labels and units are data: they stay
// Vietnamese and are shown in elements marked lang="vi".
import { defineMessages } from '../i18n/messages.ts';
import type { StatusKey } from '../domain/rollup.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

/** The matrix's cell codes (colour is never the only signal); the legend spells them out. */
const CODE: Record<StatusKey, string> = {
  done: 'HT',
  ongoing: 'TX',
  inProgress: 'ĐTH',
  partial: 'MP',
  waitingGuidance: 'CHD',
  notStarted: 'CTH',
  none: '?',
};

export const m = defineMessages('dashboard', {
  title: 'Tổng hợp',
  onlyOfficers: 'Màn hình tổng hợp dành cho cán bộ Tổ công tác cấp huyện, cấp tỉnh.',
  /** "Số liệu tính đến 20/11/2026 14:05" (+ computed on the phone). */
  asOf: (date: string, onDevice: boolean) => `Số liệu tính đến ${date}${onDevice ? ' (tính trên máy từ dữ liệu đã đồng bộ)' : ''}`,
  loadingFigures: 'Đang tải số liệu…',
  noFigures: 'Chưa có số liệu.',
  refresh: 'Làm mới',
  summary: 'Tóm tắt',
  communesWithData: 'xã đã có dữ liệu',
  modelsDone: (done: number, adopted: number) => `mô hình đã hoàn thành (${n(done)}/${n(adopted)})`,
  /** The period's label as common.period gives it. */
  communesMissing: (period: string) => `xã chưa nộp ${period.toLowerCase()}`,
  onlineShare: (month: string) => `hồ sơ 25 DVC trực tuyến, ${month.toLowerCase()}`,
  statusByCommune: 'Tình trạng mô hình theo xã',
  legend: 'Chú giải',
  statusCode: (k: StatusKey) => CODE[k],
  noStatus: 'Chưa cập nhật tình trạng',
  noCommuneData: 'Chưa xã nào gửi dữ liệu.',
  matrixLabel: 'Bảng tình trạng mô hình theo xã',
  commune: 'Xã',
  unit: 'Đơn vị',
  completed: 'Hoàn thành',
  /** A cell's title: the model (its full title) and the commune's status of it. */
  cellTitle: (model: string, status: string) => `${model}: ${status}`,
  notAdoptedCell: (model: string) => `${model}: chưa áp dụng`,
  communesDone: 'Số xã hoàn thành',
  withoutData: (count: number) => `Chưa có dữ liệu (${n(count)} xã)`,
  onTimeTitle: 'Báo cáo đúng hạn',
  noSchedule: 'Các xã chưa có lịch báo cáo định kỳ.',
  /** After the period's name, before the number missing. */
  currentCounts: (onTime: number, late: number) => ` (đã đến hạn): đúng hạn ${n(onTime)}, trễ hạn ${n(late)}, chưa nộp`,
  missingList: 'Chưa nộp:',
  lateList: 'Trễ hạn:',
  upcoming: (period: string, early: number) => `${period} chưa đến hạn; đã nộp sớm: ${n(early)}.`,
  period: 'Kỳ',
  notSubmitted: 'Chưa nộp',
  indicatorsTitle: 'Chỉ tiêu 25 dịch vụ công thiết yếu',
  month: 'Tháng',
  summedFrom: (communes: number) => `Cộng từ ${n(communes)} xã có số liệu; tỷ lệ tính từ tổng số hồ sơ, không lấy trung bình các tỷ lệ.`,
  service: 'Dịch vụ',
  total: 'Tổng số hồ sơ',
  online: 'Trực tuyến',
  rate: 'Tỷ lệ',
  /** The rows it sums: the services listed above it. */
  sumRow: (services: number) => `Tổng cộng ${n(services)} dịch vụ`,
  /** Under a service's name found outside the table, before its source (document title and section). */
  nameFrom: 'Tên theo:',
  /** Under a name an administrator filled in, before where they took it from. */
  nameByAdmin: 'Tên do quản trị viên điền, theo:',
  countersTitle: 'CCCD gắn chíp, định danh điện tử và chữ ký số',
  /** Figure and date already formatted (the document's citation follows, in Vietnamese). */
  baseline: (value: string, date: string) => `Mốc theo tài liệu ngày ${date}: ${value}`,
  targetsTitle: 'Tiến độ so với chỉ tiêu',
  /** Numbers already formatted. */
  targetLine: (count: string, target: string, share: string) => `${count}/${target} (đạt ${share})`,
  targetNoWhole: 'Chỉ tiêu tính theo tỷ lệ công dân đủ điều kiện; tài liệu không nêu số công dân đủ điều kiện nên chưa tính được tiến độ.',
  decision422Title: 'Dịch vụ công theo Quyết định 422/QĐ-TTg',
  byCommune: 'Theo xã',
  byUnit: 'Theo đơn vị',
  unitsBelow: 'Các đơn vị trực thuộc',
  communes: (count: number) => `${n(count)} xã`,
  // Charts
  statusChart: 'Số xã theo tình trạng của từng mô hình',
  /** A bar segment's title: model, status, number of communes. */
  statusSegment: (model: string, status: string, count: number) => `${model}: ${status} ${n(count)}`,
  rateChart: 'Tỷ lệ hồ sơ trực tuyến theo đơn vị',
  timelinessChart: 'Số đơn vị nộp báo cáo đúng hạn, trễ hạn, chưa nộp theo kỳ',
  /** "MH 24", a matrix column. */
  modelShort: (no: number) => `MH ${no}`,
  // One commune
  notInArea: 'Không có xã này trong địa bàn của tài khoản.',
  /** "Đã sáp nhập vào <xã …>" + mergedOn: the commune merged away (its records stay readable). */
  mergedInto: 'Đã sáp nhập vào',
  /** After the successor's name; the date already formatted. */
  mergedOn: (date: string) => ` từ ngày ${date}. Hồ sơ cũ của xã vẫn xem được tại đây; số liệu của xã được tính vào xã nhận sáp nhập.`,
  /** A commune closed with no successor. */
  closedOn: (date: string) => `Xã đã ngừng hoạt động từ ngày ${date}. Hồ sơ cũ của xã vẫn xem được tại đây.`,
  /** "← Tổng hợp <unit>" */
  upTo: 'Tổng hợp',
  reportsSent: 'Báo cáo đã gửi',
  noReports: 'Xã chưa gửi báo cáo nào (hoặc chưa đồng bộ về máy này).',
  /** "Tháng 11/2026 · lần 2 · ghi nhận trên máy lúc …" */
  reportTimes: (period: string, version: number, times: string) => `${period} · lần ${n(version)} · ${times}`,
  byPeriod: 'Nộp báo cáo theo kỳ',
  models: (count: number) => `Mô hình (${n(count)})`,
  servicesOf: (month: string) => `25 dịch vụ công thiết yếu, ${month.toLowerCase()}`,
  /** Numbers already formatted; the rate may be absent. */
  figuresLine: (total: string, online: string, rate: string | null) => `Tổng số ${total} hồ sơ, trực tuyến ${online}${rate !== null ? ` (${rate})` : ''}.`,
  // Where the numbers come from
  offline: 'Đang ngoại tuyến: đang xem số liệu đã lưu trên máy.',
  showingSaved: (why: string) => `${why} Đang xem số liệu đã lưu trên máy.`,
  // Why the fetch failed, in our words (fetch-errors.ts): no answer, refused, the server failed.
  noConnection: 'Không kết nối được máy chủ.',
  sessionExpired: 'Phiên đăng nhập đã hết hạn: hãy đăng xuất rồi đăng nhập lại để lấy số liệu mới.',
  forbiddenUnit: 'Máy chủ từ chối: tài khoản của bạn không được xem số liệu tổng hợp của đơn vị này.',
  deviceRevoked: 'Máy chủ từ chối: điện thoại này đã bị thu hồi quyền truy cập; hãy đăng nhập lại.',
  accountLocked: 'Máy chủ từ chối: tài khoản đã bị khóa; hãy liên hệ cán bộ quản trị.',
  unknownUnit: 'Máy chủ chưa có đơn vị này (đơn vị có thể đã được sáp nhập hoặc đổi tên).',
  /** An HTTP status: what support asks for. */
  serverError: (status: number) => `Máy chủ đang gặp lỗi (mã ${status}); hãy thử lại sau.`,
  badAnswer: 'Máy chủ trả lời số liệu tổng hợp không đúng định dạng.',
  fetchFailed: 'Chưa lấy được số liệu mới từ máy chủ.',
  // The unit's own all-service figures (001 §II.3.2, the province's): ProvinceFigures.tsx
  ownFiguresTitle: 'Dịch vụ công trực tuyến và số hóa hồ sơ (số liệu của toàn tỉnh)',
  /** Months already formatted ("Tháng 01/2026", "Tháng 11/2026"). */
  ownFiguresHow: (from: string, to: string) =>
    `Số liệu tỉnh tự nhập trên bảng chỉ tiêu của tỉnh (không cộng từ các xã), từ ${from.toLowerCase()} đến hết ${to.toLowerCase()}: số dịch vụ lấy theo tháng nhập gần nhất, số hồ sơ cộng dồn các tháng.`,
  notEntered: 'chưa nhập số liệu',
  /** A share already formatted ("57,76%"). */
  ownShare: (share: string) => `đạt ${share}`,
  /** The document's share alone, date and share already formatted. */
  baselineShare: (share: string, date: string) => `Tỷ lệ theo tài liệu ngày ${date}: ${share}`,
});
