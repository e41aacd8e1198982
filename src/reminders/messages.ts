// Interface text of report reminders (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('reminders', {
  // The notification.
  beforeTitle: (report: string) => `Sắp đến hạn: ${report}`,
  beforeBody: (date: string, days: number) => `Hạn nộp: trước ${date} — còn ${days} ngày. Có thể lập báo cáo ngay trên máy, kể cả khi không có mạng.`,
  lastDayTitle: (report: string) => `Hôm nay là hạn cuối: ${report}`,
  lastDayBody: (date: string) => `Hạn nộp: trước ${date}. Hãy nộp và đồng bộ trong hôm nay; báo cáo tính đúng hạn khi máy chủ nhận được trước hạn.`,
  // Asking for the permission, after the person's first report.
  offerTitle: 'Nhắc hạn báo cáo',
  offerText: (days: number) =>
    `Bạn đã nộp báo cáo trên máy này. Điện thoại có thể nhắc bạn trước hạn nộp các kỳ sau — trước ${days} ngày và sáng ngày cuối, lúc 7 giờ — kể cả khi không có mạng. Trình duyệt sẽ hỏi bạn có cho phép hiện thông báo không.`,
  offerTextLastDay: 'Bạn đã nộp báo cáo trên máy này. Điện thoại có thể nhắc bạn vào sáng ngày cuối của hạn nộp các kỳ sau, lúc 7 giờ, kể cả khi không có mạng. Trình duyệt sẽ hỏi bạn có cho phép hiện thông báo không.',
  enable: 'Bật nhắc hạn',
  later: 'Để sau',
  enabled: 'Đã bật nhắc hạn báo cáo.',
  denied: 'Trình duyệt đang chặn thông báo của ứng dụng. Muốn nhận nhắc hạn, hãy cho phép thông báo trong phần cài đặt trang web của trình duyệt.',
  unsupported: 'Trình duyệt này không hiện được thông báo. Trang chủ vẫn luôn hiện số báo cáo sắp đến hạn.',
  // Settings.
  settingsTitle: 'Nhắc hạn báo cáo',
  settingsHelp: 'Thông báo trên điện thoại trước hạn nộp báo cáo, lúc 7 giờ sáng, không cần mạng.',
  on: 'Nhắc hạn nộp báo cáo',
  daysBefore: 'Nhắc trước hạn',
  days: (n: number) => (n === 0 ? 'Không nhắc sớm' : `${n} ngày`),
  morningOf: 'Nhắc vào sáng ngày cuối',
  background: 'Máy này nhắc cả khi ứng dụng đang đóng.',
  onOpening: 'Trên máy này, nhắc hạn hiện ra khi mở ứng dụng (trình duyệt không cho ứng dụng chạy nền).',
  allow: 'Cho phép thông báo',
  // Home.
  dueSoon: (n: number) => `${n.toLocaleString('vi-VN')} báo cáo cần nộp sớm`,
});
