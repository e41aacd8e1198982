// Interface text of QR enrolment (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('enrol', {
  // The member's phone, opened from the QR code.
  signingIn: 'Đang đăng nhập bằng mã QR…',
  offline: 'Cần có mạng để đăng nhập bằng mã QR. Hãy bật mạng rồi thử lại.',
  failed: 'Không đăng nhập được bằng mã này',
  retry: 'Thử lại',
  usePassword: 'Đăng nhập bằng mật khẩu',
  signedInAs: 'Máy này đã đăng nhập vào tài khoản: ',
  pinTitle: 'Đặt mã PIN cho máy này',
  pinHelp: 'Mã PIN gồm 4–8 chữ số và chỉ lưu trên máy này. Lần sau mở ứng dụng, bạn chỉ cần nhập mã PIN — không cần mật khẩu, không cần mạng.',
  start: 'Đặt mã PIN và bắt đầu',
  // The commune police's screen.
  title: 'Tài khoản thành viên thôn',
  help: 'Tạo tài khoản cho tổ công nghệ số cộng đồng của thôn, rồi cho điện thoại của họ quét mã QR để đăng nhập — không phải gõ mật khẩu trên máy của họ. Máy bị mất thì thu hồi ngay tại đây.',
  needsNetwork: 'Cần có mạng để tạo tài khoản, tạo mã QR và thu hồi máy.',
  addTitle: 'Thêm thành viên',
  displayName: 'Họ tên',
  username: 'Tên đăng nhập',
  usernameHelp: 'Chữ thường không dấu, số, dấu chấm; ví dụ thieuvan.thon2.lan',
  village: 'Thôn',
  create: 'Tạo tài khoản và hiện mã QR',
  creating: 'Đang tạo…',
  missingFields: 'Hãy nhập họ tên, tên đăng nhập và chọn thôn.',
  membersTitle: 'Thành viên các thôn',
  noMembers: 'Chưa có tài khoản thành viên thôn nào.',
  inactive: ' (đã khóa)',
  showQr: 'Hiện mã QR đăng nhập',
  noPhone: 'Chưa đăng nhập trên máy nào.',
  phone: (n: number) => `Máy ${n}`,
  revoke: 'Thu hồi máy này',
  revoked: 'Đã thu hồi máy. Máy đó không đồng bộ được nữa; nếu cần, hãy cấp mã QR mới để thành viên đăng nhập lại trên máy khác.',
  revokeFailed: 'Không thu hồi được máy này. Hãy thử lại khi có mạng.',
  // The QR code.
  qrTitle: 'Mã QR đăng nhập cho ',
  qrHelp: 'Trên điện thoại của thành viên: mở ứng dụng camera, quét mã này rồi mở đường dẫn hiện ra. Mã chỉ dùng được một lần.',
  qrAlt: 'Mã QR đăng nhập',
  expiresAt: (time: string, left: string) => `Hết hạn lúc ${time} (còn ${left}).`,
  expired: 'Mã đã hết hạn. Nếu thành viên chưa quét kịp, hãy tạo mã mới.',
  newCode: 'Tạo mã mới',
  done: 'Xong',
});
