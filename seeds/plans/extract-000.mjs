// The hand reading of 000's appendix (Kế hoạch 259/KH-UBND): for each row, which of its
// lines after the task text belong to which cell. "t1" = one more line of task text ("t-1":
// the text's last line is the first lead line), then L (Đơn vị thực hiện), P (Đơn vị phối
// hợp), W (Thời gian hoàn thành) as line indices. Print the lines with
// `node seeds/plans/extract.mjs rows000`. Rows a page break scrambles are in MANUAL_000.
export const SPEC_000 = {
  1: 'L0 P1-3 W4-5',
  2: 't1 L1-2 P3-5 W6',
  3: 'L0-2 P3-5 W6-7',
  4: 'L0-2 P3-6 W7-17',
  5: 'L0-6 P7-8 W9-13',
  6: 'L0-3 P4-6 W7-10',
  7: 'L0-6 P7-8 W9-11',
  8: 'L0-4 P5-8 W9-10',
  9: 't1 L1-3 P4-6 W7-8',
  10: 'L0-3 P4-5 W6-7',
  12: 't1 L1-7 P8-9 W10-11',
  13: 'L0-1 P2-3 W4-5',
  14: 't1 L1-5 P6-7 W8-11',
  15: 'L0-2 P3-7 W8-9',
  16: 'L0 P1-4 W5-6',
  17: 'L0-6 P7-8 W9',
  18: 'L0-4 P5-6 W7',
  19: 'L0-4 P5-7 W8',
  20: 'L0-2,7 P3-5 W6',
  21: 'L0-7 P8-10 W11-14',
  22: 't1 L1-4 P5-9 W10-13',
  23: 'L0-3 P4-6 W7',
  24: 'L0-3 P4-5 W6',
  25: 'L0-1,5-6 P2-3,7 W4',
  26: 'L0-1 P2 W3-4',
  27: 'L0-6 P7-8 W9-12',
  28: 'L0-2 P3 W4-9',
  29: 'L0-2 P3-5 W6',
  31: 'L0-3 P4-7 W8-9',
  32: 'L0-3 P4-5 W6-7',
  33: 'L0-2 P3-4 W5-11',
  34: 't1 L1 P2-7 W8-11',
  36: 't1 L1-3 P4-7 W8-9',
  37: 'L0-1 P2-5 W6-8',
  38: 't1 L1-2 P3-4 W5-8',
  39: 't1 L1-4 P5-10 W11-15',
  40: 't1 L1-2 P3-4 W5-6',
  41: 't1 L1-5 P6-7 W8-9',
  42: 't1 L1-5 P6-8 W9-10',
  43: 'L0-5 P6 W7-8',
  44: 't1 L1-6 P7 W8-18',
  45: 't1 L1-2 P3-9 W10-15',
  46: 't1 L1-2 P3-4 W5-8',
  47: 't-1 L0-2 P3-5 W6-10',
  48: 't1 L1-3 P4-6 W7-9',
  49: 't1 L1-2 P3-5 W6-8',
  50: 'L0 P1-3 W4-12',
  51: 't1 L1-2 P3-5 W6-11',
  52: 't1 L1-2 P3-5 W6-11',
  53: 'L0-1 P2-4 W5-10',
  54: 'L0-2 P3-5 W6-12',
  55: 't1 L1-2 P3-7 W8-9',
  56: 't1 L1-2 P3-5,8-11 W6-7',
  57: 'L0-1 P2-8 W9-12',
  58: 't1 L1-2 P3-9 W10-13',
  59: 'L0 P1-4 W5-6',
  60: 'L0-1 P2-4 W5-6',
  61: 't1 L1-7 P8-9 W10-13',
  62: 't1 L1-9 P10-12 W13-14',
  63: 'L0-1 P2-5,9-13 W6-8',
  64: 't1 L1 P2-6 W7-8',
  65: 'L0-7 P8-10 W11-12',
  66: 'L0-4,9-10 P5-6 W7-8',
  67: 'L0-2 P3-7 W8-10',
  68: 't1 L1-2 P3-7 W8',
  69: 't1 L1 P2-6 W7',
  70: 't1 L1-2 P3-7 W8-9',
};

const PAGE = 'Hàng bị ngắt trang: phần còn lại của các ô nằm sau tiêu đề bảng lặp lại ở trang sau; ghép lại theo thứ tự cột.';
export const MANUAL_000 = {
  11: {
    text: 'Phối hợp với các ngân hàng trên địa bàn đẩy mạnh tuyên truyền, tạo thuận lợi cho người dân tiếp cận các dịch vụ tài chính, đảm bảo thanh toán trực tuyến đối với các DVC toàn trình có phí, lệ phí một cách dễ dàng, thuận tiện; thúc đẩy quá trình chuyển đổi số trong ngành Ngân hàng theo đúng chỉ đạo của Ngân hàng Nhà nước Việt Nam; Đẩy mạnh ứng dụng dữ liệu dân cư trong đánh giá khả tín khách hàng vay phục vụ cho vay ASXH',
    lead: 'Văn phòng HĐND và UBND thành phố; UBND phường, xã',
    partners: 'Các cơ quan, đơn vị có liên quan',
    when: 'Trong năm 2024 và thực hiện thường xuyên',
    notes: [PAGE],
  },
  30: {
    text: 'Phối hợp tuyên truyền, hướng dẫn, nâng cao nhận thức của người dân về vai trò, giá trị và lợi ích của 02 nhóm dịch vụ công liên thông khai sinh, khai tử, phấn đấu tỷ lệ nộp hồ sơ 02 nhóm Dịch vụ công liên thông đạt 90% trở lên trong năm 2024.',
    lead: 'Văn phòng HĐND và UBND thành phố',
    partners: 'Phòng Tư pháp, Phòng Lao động - Thương binh và Xã hội; Trung tâm Y tế; Công an thành phố, Bảo hiểm xã hội tỉnh; UBND phường, xã và các cơ quan, đơn vị có liên quan',
    when: 'Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024 (tỷ lệ hồ sơ 02 nhóm Dịch vụ công liên thông/hồ sơ đăng ký khai sinh, đăng ký khai tử phát sinh).',
    notes: [PAGE, 'Dòng đầu của hàng trộn số thứ tự và đầu bốn ô ("30. Phối hợp tuyên truyền, … về Văn phòng Phòng Tư pháp, Đạt từ 70%").'],
  },
  35: {
    text: 'Đẩy mạnh thực hiện các mô hình về Đề án 06; đôn đốc, hướng dẫn các đơn vị thực hiện các mô hình phù hợp với tình hình, điều kiện thực tế của địa phương để nâng cao kết quả thực hiện các mục tiêu của Đề án 06, giúp người dân tiếp cận và thụ hưởng các tiện ích của Đề án 06.',
    lead: 'Các phòng, ban UBND thành phố; UBND phường, xã; Các cơ quan, đơn vị có liên quan',
    partners: 'Công an thành phố; Văn phòng HĐND và UBND thành phố',
    when: 'Theo tiến độ, lộ trình của từng mô hình đã đề ra tại Kế hoạch số 193/KH-UBND ngày 07/02/2024 của UBND thành phố',
    notes: [PAGE],
  },
};

const y = (year, text) => ({ kind: 'year', from: year, to: year, text });
const T = (value, comparison, counted, by, text, level) => ({ value, unit: '%', comparison, counted, by, ...(level ? { level } : {}), text });
export const TARGETS_000 = {
  5: [
    T(100, 'atLeast', 'hồ sơ, kết quả giải quyết TTHC được số hóa', y(2024, 'Năm 2024'), 'Thành phố 100%', 'district'),
    T(90, 'atLeast', 'hồ sơ, kết quả giải quyết TTHC được số hóa', y(2024, 'Năm 2024'), 'các phường, xã 90%', 'commune'),
  ],
  12: [
    T(100, 'atLeast', 'TTHC, hồ sơ TTHC công khai, minh bạch', y(2024, 'Trong năm 2024'), 'tỷ lệ TTHC, hồ sơ TTHC công khai, minh bạch đạt 100%'),
    T(90, 'atLeast', 'hồ sơ TTHC được giải quyết đúng hoặc trước hạn', y(2024, 'Trong năm 2024'), 'tỷ lệ hồ sơ TTHC được giải quyết đúng hoặc trước hạn đạt tối thiểu 90%'),
    T(45, 'atLeast', 'hồ sơ có yêu cầu nghĩa vụ tài chính (thanh toán trực tuyến)', y(2024, 'Trong năm 2024'), 'tỷ lệ hồ sơ có yêu cầu nghĩa vụ tài chính đạt tối thiểu 45%'),
  ],
  30: [
    T(70, 'atLeast', 'hồ sơ 02 nhóm dịch vụ công liên thông trên hồ sơ đăng ký khai sinh, đăng ký khai tử phát sinh', { kind: 'quarter', quarter: 2, year: 2024, text: 'từ quý II/2024' }, 'Đạt từ 70% trở lên từ quý II/2024'),
    T(90, 'atLeast', 'hồ sơ 02 nhóm dịch vụ công liên thông trên hồ sơ đăng ký khai sinh, đăng ký khai tử phát sinh', { kind: 'quarter', quarter: 3, year: 2024, text: 'từ quý III năm 2024' }, 'đạt 90% trở lên từ quý III năm 2024'),
  ],
  22: [
    T(80, 'atLeast', 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', { kind: 'ongoing', text: 'Trong năm 2024 và thực hiện thường xuyên' }, '80% hồ sơ công việc liên quan đến quản lý dân cư tại thành phố', 'district'),
    T(60, 'atLeast', 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', { kind: 'ongoing', text: 'Trong năm 2024 và thực hiện thường xuyên' }, '60% hồ sơ công việc liên quan đến quản lý dân cư tại các phường, xã', 'commune'),
  ],
};

// Rows that are a single percentage target ("100% TTHC …", "Tối thiểu 90% …"): the sentence is
// what is counted, by the row's own time.
for (const [no, by] of [[17, 'Năm 2024'], [18, 'Năm 2024'], [19, 'Năm 2024'], [20, 'Năm 2024'], [23, 'Năm 2024']]) {
  TARGETS_000[no] = [{ percentRow: true, by: y(2024, by) }];
}
TARGETS_000[21] = [{ percentRow: true, by: { kind: 'ongoing', text: 'Trong năm 2024 và thực hiện thường xuyên' } }];
