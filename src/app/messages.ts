// Interface text of app (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('app', {
  appName: 'Sổ tay Đề án 06',
  booting: 'Đang mở Sổ tay Đề án 06…',
  /**
   * A server error shown to the person: its code (sync-server/http/errors.ts `ErrorCode`, or a
   * per-change refusal code) and the server's own Vietnamese text. In Vietnamese the server's
   * text is shown as it is; in English a known code has its own message, else the server's text.
   */
  serverError: (_code: string, text: string) => text,
  /** Each language's own name, the same in both dictionaries (the switch must read in both). */
  langVi: 'Tiếng Việt',
  langEn: 'English',
  languageVi: 'Ngôn ngữ',
  languageEn: 'Language',
  shellFailed: 'Chưa tải được ứng dụng. Lần mở đầu tiên cần có mạng.',
  dataFailed: (reason: string) => `Không mở được dữ liệu trên máy: ${reason}`,
  noDeviceId: 'Phiên đăng nhập thiếu mã thiết bị; hãy đăng xuất rồi đăng nhập lại',
  screenFailed: 'Chưa tải được màn hình này. Lần mở đầu tiên cần có mạng; hãy thử lại khi có mạng.',
  // Navigation: one line each at 360 px (72 px a column).
  navHome: 'Trang chủ',
  navModels: 'Mô hình',
  navChecklists: 'Kiểm tra',
  navIndicators: 'Chỉ tiêu',
  navReports: 'Báo cáo',
  navDashboard: 'Tổng hợp',
  mainNav: 'Điều hướng chính',
  settings: 'Cài đặt',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Dữ liệu chưa đồng bộ vẫn được giữ trên máy; hãy đăng xuất rồi đăng nhập lại khi có mạng.',
  online: 'Trực tuyến',
  offline: 'Ngoại tuyến',
  // The sync bar.
  pending: (count: number) => `${n(count)} thay đổi chưa đồng bộ`,
  allSynced: 'Đã đồng bộ hết',
  retrying: (error: string) => `${error} — đang thử lại…`,
  /** Saves sent whole, of the saves queued: the unit of `pending`. */
  progress: (sent: number, total: number) => `Đã gửi ${n(sent)}/${n(total)} thay đổi`,
  connecting: 'Đang kết nối máy chủ…',
  retryAt: (error: string, time: string) => `${error} — sẽ thử lại lúc ${time}`,
  lastSync: (when: string) => `Lần cuối: ${when}`,
  neverSynced: 'Chưa đồng bộ lần nào',
  syncing: 'Đang đồng bộ…',
  syncAgain: 'Đồng bộ lại',
  sync: 'Đồng bộ',
  // Install and offline hints, update prompt.
  installTitle: 'Cài Sổ tay lên màn hình chính',
  installBody: ' để mở nhanh như một ứng dụng, kể cả khi không có mạng.',
  installIos: 'Trên iPhone, iPad: chạm nút Chia sẻ → Thêm vào MH chính.',
  installOther: 'Mở menu trình duyệt (⋮) → Thêm vào màn hình chính (hoặc Cài đặt ứng dụng).',
  install: 'Cài ứng dụng',
  later: 'Để sau',
  gotIt: 'Đã hiểu',
  offlineReady: 'Đã sẵn sàng dùng khi không có mạng.',
  close: 'Đóng',
  updateAvailable: 'Có phiên bản mới',
  update: 'Cập nhật',
  // Forms: the save bar and the draft.
  draftSaved: 'Đã lưu nháp trên máy',
  unsaved: 'Có thay đổi chưa lưu',
  conflictCount: (count: number) => `${n(count)} ô có hai bản khác nhau (đánh dấu cam)`,
  saving: 'Đang lưu…',
  save: 'Lưu',
  saved: 'Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng.',
  kept: 'Đã giữ bản đã chọn. Sẽ gửi lên máy chủ khi có mạng.',
  savedSent: 'Đã lưu và đã gửi lên máy chủ.',
  dropped: 'Đã bỏ bản đang nhập, giữ bản đã lưu.',
  nothingToSave: 'Không có thay đổi nào cần lưu.',
  // Who wrote a value.
  you: 'Bạn',
  /** The name kept for whoever left unsent changes on a phone before accounts were kept apart. */
  previousUser: 'Người dùng trước trên máy này',
  thisDevice: 'máy này',
  // Two versions of one field.
  /** After the person's name. */
  editedWhileTyping: ' vừa sửa ô này khi bạn đang nhập',
  versions: (count: number) => `Ô này có ${n(count)} bản khác nhau`,
  keepThis: 'Giữ bản này',
  empty: '(trống)',
  yourTyping: 'Bản bạn đang nhập (chưa lưu)',
  justArrived: ' · vừa đến',
  shown: ' · đang hiển thị',
  othersChoose: 'Người được giao cập nhật sẽ chọn bản đúng.',
  saveKeepsBoth: 'Nếu bấm “Lưu”, bản của bạn được lưu và bản kia vẫn được giữ để chọn sau.',
  keepHelp: 'Bấm “Giữ bản này” ở bản đúng; các bản khác sẽ được thay.',
  /** "Nguyễn Văn A vừa cập nhật …" (the name is shown before it) */
  updatedThis: ' vừa cập nhật ô này',
  updatedCell: (cell: string) => ` vừa cập nhật ô “${cell}”`,
});
