// Interface text of the hand-off between phones (Vietnamese; English in ./messages.en.ts).
// See src/i18n/messages.ts. Server refusals arrive in Vietnamese; `refusal` picks the English
// text by code on the English side.
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('handoff', {
  // Home entry
  entryTitle: 'Bàn giao dữ liệu khi không có mạng',
  entrySend: (count: number) => `Chuyển ${n(count)} thay đổi chưa gửi sang điện thoại cán bộ xã`,
  entryReceive: 'Nhận dữ liệu từ điện thoại của thôn',
  entryWaiting: (count: number) => `${n(count)} gói đang chờ gửi lên máy chủ`,

  // Sending
  sendTitle: 'Bàn giao dữ liệu',
  sendIntro:
    'Khi không có mạng, chuyển các thay đổi chưa gửi sang điện thoại của cán bộ xã (bằng tệp hoặc mã QR); máy đó gửi lên máy chủ thay bạn. Các thay đổi vẫn được giữ trên máy này cho đến khi máy chủ xác nhận.',
  pending: (count: number) => `Có ${n(count)} thay đổi chưa gửi lên máy chủ.`,
  nothingPending: 'Không có thay đổi nào chờ gửi: không cần bàn giao.',
  tooMany: (count: number, max: number) => `Một gói mang tối đa ${n(max)} thay đổi: gói này mang ${n(max)} thay đổi cũ nhất, ${n(count - max)} thay đổi còn lại đi trong gói sau.`,
  noKey: 'Máy này chưa đăng ký khoá ký với máy chủ, nên máy chủ sẽ không nhận gói. Hãy đồng bộ một lần khi có mạng trước khi dùng bàn giao.',
  keyPending: 'Máy chủ chưa xác nhận khoá ký của máy này (máy chưa đồng bộ từ khi có tính năng bàn giao): gói có thể bị từ chối.',
  makeBundle: 'Tạo gói dữ liệu',
  making: 'Đang tạo gói…',
  made: (saves: number, fields: number, from: number, to: number, kb: string, codes: number) =>
    `Gói gồm ${n(saves)} thay đổi (${n(fields)} mục, số ${n(from)}–${n(to)}), ${kb} KB, ${n(codes)} mã QR.`,
  photosApart: 'Ảnh minh chứng không đi trong gói: ảnh được gửi khi máy này có mạng.',
  sendFile: 'Gửi tệp (Zalo, Bluetooth…)',
  saveFile: 'Lưu tệp gói dữ liệu',
  fileSaved: 'Đã lưu tệp. Gửi tệp này sang điện thoại cán bộ xã (Zalo, Bluetooth, cáp…).',
  fileShared: 'Đã chuyển tệp sang ứng dụng khác.',
  showCodes: 'Hiện mã QR',
  codeOf: (i: number, total: number) => `Mã ${n(i)}/${n(total)}`,
  codesHelp: 'Đưa màn hình này trước máy ảnh của điện thoại nhận. Các mã tự chuyển lần lượt; máy nhận đọc theo thứ tự nào cũng được.',
  previous: 'Mã trước',
  next: 'Mã tiếp',
  pause: 'Dừng tự chuyển',
  play: 'Tự chuyển mã',
  qrAlt: (i: number, total: number) => `Mã QR ${n(i)}/${n(total)} của gói dữ liệu`,
  packFailed: (reason: string) => `Không tạo được gói: ${reason}`,

  // Receiving
  receiveTitle: 'Nhận dữ liệu bàn giao',
  receiveIntro:
    'Nhận gói dữ liệu từ điện thoại của thôn không có mạng: máy này kiểm chữ ký, giữ gói riêng (không lẫn với thay đổi của bạn) và gửi lên máy chủ ở lần đồng bộ tới.',
  fileLabel: 'Tệp gói dữ liệu',
  imagesLabel: 'Ảnh chụp mã QR',
  scan: 'Quét mã QR bằng máy ảnh',
  stopScan: 'Dừng quét',
  cameraFailed: 'Không mở được máy ảnh. Hãy cho phép dùng máy ảnh, hoặc nhận bằng tệp.',
  scanning: 'Đưa mã QR trên điện thoại gửi vào khung hình…',
  collected: (have: number, total: number) => `Đã đọc ${n(have)}/${n(total)} mã`,
  missing: (list: string) => `; còn thiếu: ${list}`,
  notOurs: 'Ảnh không có mã QR của gói bàn giao.',
  checking: 'Đang kiểm chữ ký…',
  verified: 'Chữ ký hợp lệ: gói không bị thay đổi từ khi điện thoại gửi ký. Máy chủ còn đối chiếu với khoá đã đăng ký của điện thoại đó.',
  summary: (name: string, saves: number, fields: number, records: number) => `Gói của ${name}: ${n(saves)} thay đổi (${n(fields)} mục), cho ${n(records)} bản ghi`,
  kept: 'Đã giữ để gửi lên máy chủ ở lần đồng bộ tới.',
  keptAgain: 'Gói này đã nhận trước đó; sẽ gửi lại lên máy chủ — máy chủ chỉ ghi mỗi thay đổi một lần.',
  changesOf: (count: number) => `${n(count)} thay đổi`,
  sendNow: 'Gửi lên máy chủ ngay',
  heldTitle: 'Các gói đã nhận',
  noneHeld: 'Chưa nhận gói nào.',
  held: (name: string, count: number, from: number, to: number) => `${name}: ${n(count)} mục thay đổi (số ${n(from)}–${n(to)})`,
  stateWaiting: 'Chờ gửi lên máy chủ',
  stateDelivered: (at: string) => `Máy chủ đã nhận lúc ${at}`,
  stateDeliveredRefused: (at: string, count: number) => `Máy chủ đã nhận lúc ${at}; ${n(count)} thay đổi không được chấp nhận (người gửi sẽ thấy lý do)`,
  stateRefused: (reason: string) => `Máy chủ từ chối: ${reason}`,
  stateDeferred: (reason: string) => `Chưa gửi được: ${reason}`,
  forget: 'Bỏ gói này',
  /** A refusal by the server or by this phone's own check, by code. */
  refusal: (_code: string, text: string) => text,
  /** A record a bundle touches: "tình trạng mô hình — Mô hình 24: …". */
  record: (kind: string, name: string) => `${kind} — ${name}`,
});
