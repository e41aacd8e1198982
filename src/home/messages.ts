// Interface text of home (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('home', {
  title: 'Trang chủ',
  dueReports: 'Báo cáo đến hạn',
  villageNoReports: 'Báo cáo định kỳ do cơ quan thường trực của xã lập; tổ của thôn cập nhật tình trạng mô hình và số liệu của thôn.',
  noSchedule: 'Đơn vị chưa có lịch báo cáo định kỳ.',
  fixAndResend: ' — cần sửa và gửi lại',
  due: (date: string) => `Hạn: trước ${date} — `,
  notResent: (when: string) => `chưa nộp lại, ${when}`,
  waitingToSend: 'đã nộp trên máy, chờ gửi lên máy chủ',
  notSubmitted: (when: string) => `Chưa nộp, ${when}`,
  dueToday: 'đến hạn trong hôm nay',
  daysLeft: (days: number) => `còn ${days} ngày`,
  justOverdue: 'vừa quá hạn',
  daysOverdue: (days: number) => `quá hạn ${days} ngày`,
  olderOverdue: (count: number) => `… và ${n(count)} kỳ báo cáo trước đó chưa nộp.`,
  rejectedTitle: (count: number) => `Máy chủ không nhận ${n(count)} thay đổi`,
  rejectedHelp: 'Máy đã trả các ô này về giá trị máy chủ đang giữ. Nội dung bạn đã nhập còn ở đây; nếu cần, hãy báo cho cơ quan thường trực.',
  entered: 'Đã nhập: ',
  quarantinedTitle: (count: number) => `${n(count)} dữ liệu nhận về không hợp lệ đã được để riêng`,
  quarantinedHelp: 'Máy vẫn đồng bộ bình thường; các dữ liệu này không được hiển thị. Hãy báo cho quản trị hệ thống.',
  othersTitle: 'Thay đổi của người khác trên máy này',
  othersChanges: (count: number) => `: ${n(count)} thay đổi`,
  othersHelp: '. Được giữ riêng, bạn không xem được, và sẽ gửi đi khi người đó đăng nhập lại.',
  conflictsTitle: 'Có chỉnh sửa trùng nhau',
  staleTitle: (count: number) => `Mô hình lâu chưa cập nhật (${n(count)})`,
  staleHelp: (days: number) => `Chưa ghi nhận tình trạng trong ${days} ngày qua.`,
  staleMore: (count: number) => `… và ${n(count)} mô hình khác (xem đủ ở trang Tổng hợp).`,
  syncTitle: 'Đồng bộ',
  pending: (count: number) => `${n(count)} thay đổi đang chờ gửi lên máy chủ.`,
  nothingPending: 'Không có thay đổi nào đang chờ gửi.',
});
