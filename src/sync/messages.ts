// Interface text of sync (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// Server errors go through `serverError` in src/i18n/common.ts, keyed by their code.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('sync', {
  noConnection: 'Không kết nối được máy chủ',
  notJson: (status: number) => `Máy chủ trả lời không hợp lệ (${status})`,
  serverError: (status: number) => `Lỗi máy chủ (${status})`,
  badResponse: 'Máy chủ trả lời sai định dạng đồng bộ',
  reorgTitle: 'Đơn vị của bạn đã thay đổi',
  reorgOk: 'Đã hiểu',
});
