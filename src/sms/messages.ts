import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('sms', {
  title: 'Gửi qua SMS',
  intro: 'Không có mạng dữ liệu? Tình trạng và tiến độ vừa lưu có thể gửi về xã bằng một tin nhắn SMS. Máy vẫn đồng bộ bình thường khi có mạng (không bị ghi hai lần).',
  message: (n: number, of: number) => (of > 1 ? `Tin ${n}/${of}` : 'Tin nhắn'),
  send: 'Mở ứng dụng tin nhắn',
  sentAt: (time: string) => `Đã gửi qua SMS lúc ${time}; chờ đồng bộ khi có mạng`,
  inOrder: 'Gửi lần lượt từng tin theo thứ tự.',
  noKey: 'Máy này chưa nhận được khoá gửi SMS: hãy mở ứng dụng một lần khi có mạng.',
  noGateway: 'Máy chủ chưa có số nhận tin SMS; hãy hỏi Công an xã.',
  noPhone: 'Chưa đăng ký số điện thoại nhắn tin: vào Cài đặt khi có mạng.',
  phoneTitle: 'Số điện thoại nhắn tin',
  phoneHelp: 'Số di động của bạn, dùng khi gửi tình trạng mô hình qua SMS lúc không có mạng dữ liệu.',
  phoneLabel: 'Số di động',
  phoneSave: 'Lưu số',
  phoneSaved: 'Đã lưu số điện thoại.',
  phoneOffline: 'Cần có mạng để lưu số điện thoại.',
  phoneInvalid: 'Số di động không hợp lệ (ví dụ 0912 345 678).',
  phoneTaken: 'Số này đã được người khác đăng ký.',
});
