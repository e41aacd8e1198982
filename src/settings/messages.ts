// Interface text of settings (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('settings', {
  title: 'Cài đặt',
  account: 'Tài khoản',
  logoutWarning: (pending: string) =>
    `Còn ${pending} thay đổi chưa đồng bộ. Nếu đăng xuất bây giờ, các thay đổi vẫn nằm trên máy nhưng chỉ được gửi khi đăng nhập lại. Bấm “Vẫn đăng xuất” để tiếp tục.`,
  logoutAnyway: 'Vẫn đăng xuất',
  logout: 'Đăng xuất',
  storage: 'Bộ nhớ trên máy',
  storageUse: (used: string, free: string) => `Đã dùng ${used} / còn trống khoảng ${free}`,
  storageUnknown: 'Trình duyệt không cho biết dung lượng.',
  persisted: 'Dữ liệu được lưu bền vững (trình duyệt sẽ không tự xóa).',
  notPersisted: 'Dữ liệu chưa được bảo vệ khỏi việc trình duyệt tự dọn bộ nhớ.',
  persist: 'Giữ dữ liệu bền vững',
  version: 'Phiên bản',
  seedVersion: 'Dữ liệu danh mục: ',
  // The PIN lock.
  pinTitle: 'Khóa bằng mã PIN',
  pinHelp: 'Dùng khi nhiều người chung một máy. Mã PIN chỉ lưu trên máy này (đã mã hóa), không cần mạng.',
  newPin: 'Mã PIN mới',
  pinAgain: 'Nhập lại mã PIN',
  pinMismatch: 'Hai lần nhập mã PIN không khớp.',
  pinSet: 'Đã đặt mã PIN. Lần sau mở ứng dụng sẽ hỏi mã này.',
  changePin: 'Đổi mã PIN',
  setPin: 'Đặt mã PIN',
  pinRemoved: 'Đã bỏ khóa PIN.',
  removePin: 'Bỏ khóa PIN',
  // The phones signed in.
  devices: 'Các máy đang đăng nhập',
  devicesOffline: 'Cần có mạng để xem các máy đang đăng nhập.',
  revokeFailed: 'Không thu hồi được máy này. Hãy thử lại khi có mạng.',
  thisPhone: 'Máy này',
  otherPhone: (n: number) => `Máy khác ${n}`,
  since: (when: string) => ` · đăng nhập từ ${when}`,
  lastSeen: (when: string) => `, dùng lần cuối ${when}`,
  revoke: 'Thu hồi máy này',
  // The commune police's village member accounts (src/enrol/MembersScreen.tsx).
  members: 'Tài khoản thành viên thôn',
  membersHelp: 'Tạo tài khoản, đăng nhập máy của thôn bằng mã QR, thu hồi máy bị mất.',
  openMembers: 'Mở danh sách',
  // Administration (src/admin/, a lazy chunk), for those the server lets administer.
  admin: 'Quản trị',
  adminHelp: 'Cây đơn vị, người dùng, quy định báo cáo, nhập từ bảng tính, nhật ký quản trị.',
  openAdmin: 'Mở quản trị',
});
