import type { Collection } from '../../src/domain/sync/collections.ts';

/** Collection names as people read them in error messages. */
export const COLLECTION_LABEL: Record<Collection, string> = {
  adoption: 'mô hình của xã',
  status: 'tình trạng mô hình',
  checklist: 'phiếu kiểm tra',
  indicators: 'số liệu chỉ tiêu',
  photo: 'ảnh minh chứng',
  comment: 'ý kiến góp ý',
  report: 'báo cáo',
  reportVersion: 'bản báo cáo đã gửi',
};
