// Interface text of the reorganisation screen (Vietnamese; English in ./reorg-messages.en.ts).
// Unit names are data: shown with lang="vi".
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('reorg', {
  title: 'Sắp xếp đơn vị hành chính',
  intro:
    'Mỗi lần sắp xếp được ghi với ngày hiệu lực. Số liệu các kỳ trước ngày đó vẫn thuộc đơn vị cũ và vẫn xem được; từ ngày đó được cộng vào đơn vị mới. Tài khoản của đơn vị cũ chuyển sang đơn vị mới; điện thoại không phải đăng nhập lại.',
  kind: 'Loại',
  kindMerge: 'Sáp nhập nhiều đơn vị thành một',
  kindMove: 'Chuyển sang đơn vị cấp trên khác',
  kindRename: 'Đổi tên',
  kindClose: 'Giải thể',
  effective: 'Ngày hiệu lực',
  parent: 'Đơn vị cấp trên của các đơn vị này',
  pickUnits: 'Chọn các đơn vị',
  noneBelow: 'Không có đơn vị nào đang hoạt động ở đây.',
  into: 'Thành',
  intoNew: 'một đơn vị mới',
  intoOne: (name: string) => `${name} (giữ lại, nhận các đơn vị kia)`,
  newId: 'Mã đơn vị mới (chữ không dấu, số, . _ -)',
  newName: 'Tên đơn vị mới',
  unit: 'Đơn vị',
  newParent: 'Đơn vị cấp trên mới',
  name: 'Tên mới',
  childrenTo: 'Chuyển các đơn vị trực thuộc về',
  record: 'Ghi lần sắp xếp',
  recording: 'Đang ghi…',
  recorded: (seq: number, moved: number) => `Đã ghi lần sắp xếp số ${n(seq)}${moved ? `; ${n(moved)} tài khoản chuyển sang đơn vị mới` : ''}.`,
  history: 'Các lần sắp xếp đã ghi',
  noEvents: 'Chưa ghi lần sắp xếp nào.',
  from: (date: string) => `từ ${date}`,
  pickAtLeast: 'Chọn ít nhất hai đơn vị để sáp nhập',
});
