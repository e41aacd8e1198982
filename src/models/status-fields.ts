export const STATUS_FIELD_LABEL: Record<string, string> = {
  status: 'Tình trạng',
  progress: 'Tiến độ',
  asOf: 'Ngày đánh giá',
  note: 'Ghi chú, kết quả',
  difficulties: 'Khó khăn, vướng mắc',
  causes: 'Nguyên nhân',
  proposals: 'Kiến nghị, đề xuất',
};
