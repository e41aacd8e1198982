// Vietnamese working days, for rules such as "thông báo … trước ít nhất 02 ngày làm việc"
// and "sau 05 ngày làm việc kể từ ngày kết thúc đợt kiểm tra" (003 §V.2). Pure: dates are
// calendar days in Vietnam ("YYYY-MM-DD", Asia/Ho_Chi_Minh, UTC+7 with no daylight saving),
// never instants; vnDateOf turns an instant into one.
//
// The rule: Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 — paid public holidays:
// Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Chiến thắng 30/4 1 day; Quốc tế lao động
// 1/5 1 day; Quốc khánh 2 days (2/9 and the day before or after it); Giỗ Tổ Hùng Vương
// 1 day (10/3 âm lịch). Điều 111 khoản 3: a holiday that falls on a weekly rest day is made
// up on the next working day. Each year the Government fixes, for public servants
// (cán bộ, công chức, viên chức), which days of Tết and which adjacent day of 2/9 are off,
// and may swap a working day with a Saturday (ngày làm bù). Weekly rest: Saturday and
// Sunday for public bodies (Quyết định 188/1999/QĐ-TTg, the 40-hour week).
//
// `basis: 'announced'`: the yearly decision named in `source`, or a day the law fixes with no
// choice left (1/1, a lunar date that is not a Tết day, a make-up day after a weekend holiday).
// `computed`: a choice the Government makes each year (which days of Tết, which day next to
// 2/9, any swap) that was not checked against its announcement when the table was written
// (2026-12); derived from the law and the lunar calendar — replace when the announcement is at hand.

export interface HolidayPeriod {
  name: string;
  /** First and last calendar day of the break, inclusive (weekends inside it included). */
  from: string;
  to: string;
  /** Saturdays worked instead of a weekday inside the break (ngày làm bù). */
  makeUp: readonly string[];
  basis: 'announced' | 'computed';
  source: string;
}

const LAW = 'Bộ luật Lao động 2019, Điều 112';
const VPCP_2023 = 'Văn bản số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ về nghỉ Tết Âm lịch, Quốc khánh năm 2023)';
const MOLISA_2024 = 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - Thương binh và Xã hội, theo Văn bản số 8662/VPCP-KGVX ngày 03/11/2023 của Văn phòng Chính phủ';
const VPCP_2025 = 'Văn bản số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ về nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025)';
const VPCP_2026 = 'Văn bản của Văn phòng Chính phủ tháng 10/2025 truyền đạt ý kiến của Thủ tướng Chính phủ đồng ý đề xuất của Bộ Nội vụ về nghỉ Tết Âm lịch, Quốc khánh năm 2026 (số văn bản chưa đối chiếu)';

/** Every official break of 2023–2027 (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4–1/5, 2/9). */
export const HOLIDAYS: readonly HolidayPeriod[] = [
  // 2023 — Tết Quý Mão: mùng 1 = 22/01/2023 (Chủ nhật).
  { name: 'Tết Dương lịch 2023 (1/1 là Chủ nhật, nghỉ bù thứ Hai 2/1)', from: '2023-01-01', to: '2023-01-02', makeUp: [], basis: 'announced', source: `${LAW}; Điều 111 (nghỉ bù)` },
  { name: 'Tết Nguyên đán Quý Mão 2023 (29 tháng Chạp đến hết mùng 5 tháng Giêng)', from: '2023-01-20', to: '2023-01-26', makeUp: [], basis: 'announced', source: VPCP_2023 },
  { name: 'Giỗ Tổ Hùng Vương (thứ Bảy 29/4), 30/4 (Chủ nhật), 1/5 năm 2023; nghỉ bù thứ Ba 2/5, thứ Tư 3/5', from: '2023-04-29', to: '2023-05-03', makeUp: [], basis: 'announced', source: `${LAW}; Điều 111 (nghỉ bù)` },
  { name: 'Quốc khánh 2023 (thứ Sáu 1/9 liền kề; 2/9 là thứ Bảy, nghỉ bù thứ Hai 4/9)', from: '2023-09-01', to: '2023-09-04', makeUp: [], basis: 'announced', source: VPCP_2023 },
  // 2024 — Tết Giáp Thìn: mùng 1 = 10/02/2024 (thứ Bảy).
  { name: 'Tết Dương lịch 2024', from: '2024-01-01', to: '2024-01-01', makeUp: [], basis: 'announced', source: LAW },
  { name: 'Tết Nguyên đán Giáp Thìn 2024 (29 tháng Chạp đến hết mùng 5 tháng Giêng)', from: '2024-02-08', to: '2024-02-14', makeUp: [], basis: 'announced', source: MOLISA_2024 },
  { name: 'Giỗ Tổ Hùng Vương 2024 (10/3 âm lịch)', from: '2024-04-18', to: '2024-04-18', makeUp: [], basis: 'announced', source: LAW },
  { name: 'Ngày Chiến thắng 30/4 và Quốc tế lao động 1/5 năm 2024 (hoán đổi thứ Hai 29/4 với thứ Bảy 4/5)', from: '2024-04-27', to: '2024-05-01', makeUp: ['2024-05-04'], basis: 'announced', source: 'Thông báo của Bộ Lao động - Thương binh và Xã hội về hoán đổi ngày làm việc dịp 30/4, 1/5 năm 2024 theo ý kiến của Thủ tướng Chính phủ (số văn bản chưa đối chiếu)' },
  { name: 'Quốc khánh 2024 (2/9 và thứ Ba 3/9)', from: '2024-08-31', to: '2024-09-03', makeUp: [], basis: 'announced', source: MOLISA_2024 },
  // 2025 — Tết Ất Tỵ: mùng 1 = 29/01/2025 (thứ Tư).
  { name: 'Tết Dương lịch 2025', from: '2025-01-01', to: '2025-01-01', makeUp: [], basis: 'announced', source: LAW },
  { name: 'Tết Nguyên đán Ất Tỵ 2025 (26 tháng Chạp đến hết mùng 5 tháng Giêng)', from: '2025-01-25', to: '2025-02-02', makeUp: [], basis: 'announced', source: VPCP_2025 },
  { name: 'Giỗ Tổ Hùng Vương 2025 (10/3 âm lịch)', from: '2025-04-07', to: '2025-04-07', makeUp: [], basis: 'announced', source: LAW },
  { name: 'Ngày Chiến thắng 30/4 và Quốc tế lao động 1/5 năm 2025 (hoán đổi thứ Sáu 2/5 với thứ Bảy 26/4)', from: '2025-04-30', to: '2025-05-04', makeUp: ['2025-04-26'], basis: 'announced', source: `${VPCP_2025}; hoán đổi ngày làm việc dịp 30/4, 1/5` },
  { name: 'Quốc khánh 2025 (thứ Hai 1/9 và 2/9)', from: '2025-08-30', to: '2025-09-02', makeUp: [], basis: 'announced', source: VPCP_2025 },
  // 2026 — Tết Bính Ngọ: mùng 1 = 17/02/2026 (thứ Ba).
  { name: 'Tết Dương lịch 2026 (hoán đổi thứ Sáu 2/1 với thứ Bảy 10/1)', from: '2026-01-01', to: '2026-01-04', makeUp: ['2026-01-10'], basis: 'announced', source: 'Văn bản số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (ý kiến của Phó Thủ tướng Phạm Thị Thanh Trà về đề xuất của Bộ Nội vụ)' },
  { name: 'Tết Nguyên đán Bính Ngọ 2026 (27 tháng Chạp đến hết mùng 6 tháng Giêng)', from: '2026-02-14', to: '2026-02-22', makeUp: [], basis: 'announced', source: VPCP_2026 },
  { name: 'Giỗ Tổ Hùng Vương 2026 (10/3 âm lịch là Chủ nhật 26/4, nghỉ bù thứ Hai 27/4)', from: '2026-04-26', to: '2026-04-27', makeUp: [], basis: 'computed', source: `${LAW}; Điều 111 (nghỉ bù)` },
  { name: 'Ngày Chiến thắng 30/4 và Quốc tế lao động 1/5 năm 2026', from: '2026-04-30', to: '2026-05-01', makeUp: [], basis: 'computed', source: LAW },
  { name: 'Quốc khánh 2026 (thứ Ba 1/9 và 2/9; hoán đổi thứ Hai 31/8 với thứ Bảy 22/8)', from: '2026-08-29', to: '2026-09-02', makeUp: ['2026-08-22'], basis: 'announced', source: VPCP_2026 },
  // 2027 — Tết Đinh Mùi: mùng 1 = 06/02/2027 (thứ Bảy); tháng Chạp Bính Ngọ has 29 days, so 5/2 is
  // 29 Chạp (giao thừa) and 4/2 is 28 Chạp. Not yet checked against an announcement.
  { name: 'Tết Dương lịch 2027', from: '2027-01-01', to: '2027-01-01', makeUp: [], basis: 'computed', source: LAW },
  { name: 'Tết Nguyên đán Đinh Mùi 2027 (28 tháng Chạp đến hết mùng 5 tháng Giêng: thứ Năm đến thứ Tư, như năm 2024 khi mùng 1 cũng là thứ Bảy)', from: '2027-02-04', to: '2027-02-10', makeUp: [], basis: 'computed', source: `${LAW}; ngày mùng 1 Tết theo âm lịch Việt Nam (UTC+7)` },
  { name: 'Giỗ Tổ Hùng Vương 2027 (10/3 âm lịch)', from: '2027-04-16', to: '2027-04-16', makeUp: [], basis: 'computed', source: `${LAW}; ngày 10/3 âm lịch theo âm lịch Việt Nam` },
  { name: 'Ngày Chiến thắng 30/4 và Quốc tế lao động 1/5 năm 2027 (1/5 là thứ Bảy, nghỉ bù thứ Hai 3/5)', from: '2027-04-30', to: '2027-05-03', makeUp: [], basis: 'computed', source: `${LAW}; Điều 111 (nghỉ bù)` },
  { name: 'Quốc khánh 2027 (2/9 và thứ Sáu 3/9, ngày liền kề nối với cuối tuần như các năm 2021, 2022)', from: '2027-09-02', to: '2027-09-05', makeUp: [], basis: 'computed', source: LAW },
];

/** The years the table covers; outside them only weekends and the fixed solar holidays count. */
export const COVERED_YEARS = { from: 2023, to: 2027 } as const;

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Ngày "${date}" phải có dạng YYYY-MM-DD`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY;
  if (dateOfDay(n) !== date) throw new RangeError(`Ngày "${date}" không tồn tại trên lịch`);
  return n;
}
function dateOfDay(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}
/** 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
const weekdayOfDay = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

const OFF = new Map<number, string>();
const MAKE_UP = new Map<number, string>();
for (const p of HOLIDAYS) {
  for (let d = dayNumber(p.from); d <= dayNumber(p.to); d++) OFF.set(d, p.name);
  for (const m of p.makeUp) MAKE_UP.set(dayNumber(m), p.name);
}
// Beyond the table: the law's solar-calendar days, without make-up days (which need the calendar).
const FIXED = ['01-01', '04-30', '05-01', '09-02'];

/** The calendar day in Vietnam of an instant (ms since epoch). */
export function vnDateOf(instant: number): string {
  return dateOfDay(Math.floor((instant + VN_OFFSET) / DAY));
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

/** The holiday a day belongs to, or null (weekends are not holidays). */
export function holidayOf(date: string): string | null {
  const n = dayNumber(date);
  const named = OFF.get(n);
  if (named) return named;
  const year = Number(date.slice(0, 4));
  if ((year < COVERED_YEARS.from || year > COVERED_YEARS.to) && FIXED.includes(date.slice(5))) return 'Ngày nghỉ lễ theo Bộ luật Lao động 2019, Điều 112';
  return null;
}

function isWorking(n: number): boolean {
  if (MAKE_UP.has(n)) return true;
  if (weekdayOfDay(n) >= 6) return false;
  return holidayOf(dateOfDay(n)) === null;
}

/** A day public bodies work: Monday–Friday outside holidays, plus the make-up Saturdays. */
export function isWorkingDay(date: string): boolean {
  return isWorking(dayNumber(date));
}

/**
 * The n-th working day after `date` ("sau 05 ngày làm việc kể từ ngày kết thúc"): n = 0 is
 * `date` itself when it is a working day, else the next one. n must be a whole number ≥ 0.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('Số ngày làm việc phải là số nguyên không âm');
  let d = dayNumber(date);
  if (n === 0) {
    while (!isWorking(d)) d++;
    return dateOfDay(d);
  }
  for (let left = n; left > 0; ) {
    d++;
    if (isWorking(d)) left--;
  }
  return dateOfDay(d);
}

/**
 * The last day a notice can go out so that n working days come before `date` ("thông báo
 * … trước ít nhất 02 ngày làm việc tính đến thời điểm tiến hành kiểm tra"): the n-th working
 * day counting back from the day before `date`. A visit on Thursday, n = 2: Tuesday.
 */
export function workingDaysBefore(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('Số ngày làm việc phải là số nguyên dương');
  let d = dayNumber(date);
  for (let left = n; left > 0; ) {
    d--;
    if (isWorking(d)) left--;
  }
  return dateOfDay(d);
}

/** Working days in (from, to]: 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = dayNumber(from) + 1, end = dayNumber(to); d <= end; d++) if (isWorking(d)) count++;
  return count;
}

/** The days off of a year that fall on Monday–Friday, with their holiday (for listing and tests). */
export function weekdayHolidaysOf(year: number): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (let d = dayNumber(`${year}-01-01`), end = dayNumber(`${year}-12-31`); d <= end; d++) {
    if (weekdayOfDay(d) >= 6) continue;
    const name = holidayOf(dateOfDay(d));
    if (name) out.push({ date: dateOfDay(d), name });
  }
  return out;
}
