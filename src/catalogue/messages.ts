// Interface text of catalogue (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// Model names, lead units and the rest of the catalogue are data: they stay Vietnamese (lang="vi").
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export const m = defineMessages('catalogue', {
  title: 'Danh mục mô hình',
  notInCatalogue: 'Không có mô hình này trong danh mục.',
  notAdopted: 'Đơn vị chưa áp dụng mô hình này.',
  /** Chip of an adopted model, before its status. */
  adopted: 'Đã áp dụng',
  search: 'Tìm mô hình',
  /** Searching ignores diacritics, which the example shows. */
  searchExample: 'Ví dụ: cong dan so',
  group: 'Nhóm',
  allGroups: 'Tất cả nhóm',
  groupNo: (roman: string) => `Nhóm ${roman}`,
  statusFilter: 'Tình trạng',
  all: 'Tất cả',
  unitAdopted: 'Đơn vị đã áp dụng',
  notAdoptedYet: 'Chưa áp dụng',
  leadUnit: 'Đơn vị chủ trì',
  /** "30/30 mô hình · 11 mô hình đã áp dụng" */
  count: (shown: number, total: number, adopted: number) => `${n(shown)}/${n(total)} mô hình · ${n(adopted)} mô hình đã áp dụng`,
  results: 'Kết quả tìm kiếm',
  noMatch: 'Không tìm thấy mô hình nào phù hợp.',
});
