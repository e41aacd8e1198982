// Interface text of auth (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('auth', {
  tagline: 'Theo dõi, báo cáo các mô hình Đề án 06 ở xã, thôn — dùng được cả khi không có mạng.',
  /** Before the list of "Name (3 thay đổi)" */
  othersPendingBefore: 'Máy này còn thay đổi chưa gửi của ',
  othersPendingAfter: '. Chúng được giữ riêng và sẽ gửi đi khi người đó đăng nhập lại.',
  changes: (n: number) => `${n.toLocaleString('vi-VN')} thay đổi`,
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loggingIn: 'Đang đăng nhập…',
  logIn: 'Đăng nhập',
  haveCode: 'Có mã dùng một lần?',
  // Signing in with a one-time code (RedeemForm).
  redeemTitle: 'Đăng nhập bằng mã dùng một lần',
  code: 'Mã dùng một lần',
  newPassword: 'Mật khẩu mới (ít nhất 8 ký tự)',
  again: 'Nhập lại mật khẩu mới',
  redeem: 'Đặt mật khẩu và đăng nhập',
  required: 'Hãy điền ô này.',
  tooShort: 'Mật khẩu cần ít nhất 8 ký tự.',
  mismatch: 'Hai lần nhập mật khẩu không giống nhau.',
  missingFields: 'Hãy nhập tên đăng nhập và mật khẩu.',
  loginFailed: 'Đăng nhập không thành công.',
  offlineFirstLogin: 'Lần đăng nhập đầu tiên cần có mạng. Hãy bật mạng rồi thử lại.',
  noServer: 'Không kết nối được máy chủ. Lần đăng nhập đầu tiên cần có mạng.',
  badAnswer: 'Máy chủ trả lời không hợp lệ.',
  // The PIN lock.
  pinLabel: 'Mã PIN của máy',
  wrongPin: 'Mã PIN không đúng.',
  unlock: 'Mở khóa',
  forgotPin: 'Quên mã PIN?',
  loginWithPassword: 'Đăng nhập lại bằng mật khẩu',
  pinPattern: 'Mã PIN gồm 4–8 chữ số.',
});
