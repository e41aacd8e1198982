// Interface text of photos (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
import { defineMessages } from '../i18n/messages.ts';

export const m = defineMessages('photos', {
  loading: 'Đang tải ảnh…',
  offline: 'Ảnh chưa tải về — cần có mạng',
  missing: 'Ảnh chưa có trên máy chủ — sẽ có khi máy đã chụp ảnh đồng bộ',
  corrupt: 'Ảnh tải về bị lỗi — sẽ thử lại khi có mạng',
  unknown: 'Không hiển thị được ảnh này',
  wrongType: (type: string) => `Ảnh phải là JPEG hoặc WebP, không phải "${type}"`,
  draftUnreadable: 'Ảnh trong bản nháp không đọc được',
  refused: (status: number) => `Máy chủ không nhận ảnh (mã ${status})`,
});
