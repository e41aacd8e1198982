// Builds seeds/plans/*.json from the source documents in seeds/documents (text extracted from
// PDFs). Run from the repository root: `node seeds/plans/extract.mjs`. The tables are parsed
// by their layout; everything the layout cannot decide (where a cell of 000 ends, a typo of
// the extraction, a numeric target) is written out below, per row, with the reason.
// Output is checked by test/unit/plans-seed.test.ts against the same documents.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(import.meta.dirname, '../documents');
const OUT = import.meta.dirname;
const F000 = '000_5b4d33c20d7169fb.txt';
const F001 = '001_0be6ffac82be08d1.txt';
const F002 = '002_9ce0a7538531804f.txt';
const read = (f) => readFileSync(join(SRC, f), 'utf8').split('\n');

// ── Text ───────────────────────────────────────────────────────────────────────────
/** Typos of the extraction (or of the document) in text we show; each is noted on its task. */
const TYPOS = [
  [/Đánh giá tiên độ/g, 'Đánh giá tiến độ'],
  [/Công Dịch vụ công/g, 'Cổng Dịch vụ công'],
  [/Công dịch vụ công/g, 'Cổng dịch vụ công'],
  [/UBND D cấp huyện/g, 'UBND cấp huyện'],
  [/Phôi hợp/g, 'Phối hợp'],
  [/lốm sóng/g, 'lõm sóng'],
  [/Phân đấu/g, 'Phấn đấu'],
  [/phân đấu/g, 'phấn đấu'],
  [/Phản đầu/g, 'Phấn đấu'],
  [/phần đầu hoàn thành/g, 'phấn đấu hoàn thành'],
  [/thông kê/g, 'thống kê'],
  [/đầu mỗi/g, 'đầu mối'],
  [/chuyên hạ tầng/g, 'chuyển hạ tầng'],
  [/giải quyIết/g, 'giải quyết'],
  [/cácbộ phận/g, 'các bộ phận'],
  [/Các các phòng/g, 'Các phòng'],
  [/Phiếu chuyên/g, 'Phiếu chuyển'],
  [/xuyên xuyên/g, 'xuyên'],
  [/Lao động - Thương binh và Xã hộ,/g, 'Lao động - Thương binh và Xã hội,'],
  [/hoàn hiện/g, 'hoàn thiện'],
  [/sở,ngành/g, 'sở, ngành'],
  [/Chi hánh/g, 'Chi nhánh'],
  [/ap pich/g, 'áp phích'],
  [/VNel[dD]/g, 'VNeID'],
  [/Công an thanh phố/g, 'Công an thành phố'],
  [/TTTHC/g, 'TTHC'],
  [/2021của/g, '2021 của'],
  [/phục việc kết nối/g, 'phục vụ việc kết nối'],
  [/Công an tỉnh;Sở/g, 'Công an tỉnh; Sở'],
  [/bảo gồm/g, 'bao gồm'],
  [/45%theo/g, '45% theo'],
  [/thuế;tài chính/g, 'thuế; tài chính'],
];

function clean(s) {
  return s
    .replace(/<li>/g, '\n')
    .replace(/<\/?(p|ul|li|b|i|sup)[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/ ([,.;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim()
    .normalize('NFC');
}

function fix(s, notes) {
  let out = s;
  for (const [re, to] of TYPOS) {
    const before = out;
    out = out.replace(re, to);
    if (out !== before) {
      const found = before.match(re)?.[0];
      const note = `Sửa lỗi chữ của bản trích xuất: "${found}" → "${to}".`;
      if (!notes.includes(note)) notes.push(note);
    }
  }
  return out;
}

// ── Units ──────────────────────────────────────────────────────────────────────────
const LEVEL_PHRASES = [
  [/(?:UBND|Ủy ban nhân dân) cấp huyện/, 'district'],
  [/(?:UBND|Ủy ban nhân dân) các huyện, thị xã, thành phố/, 'district'],
  [/(?:UBND|Ủy ban nhân dân) các huyện, thành phố/, 'district'],
  [/(?:UBND|Ủy ban nhân dân) cấp xã/, 'commune'],
  [/(?:UBND|Ủy ban nhân dân) (?:các )?phường, xã/, 'commune'],
  [/Tổ công tác Đề án 06 cấp xã/, 'commune'],
];
const BODY_START = /, (?=(?:Sở|Công an|Văn phòng|Trung tâm|Tòa án|Bưu điện|Bảo hiểm|Ngân hàng|Cục|Viện|Phòng|Chi cục)\s)/;

/** A cell of units → UnitRef[]: ";" separates entries; level phrases become `level` refs. */
function refs(cell) {
  const out = [];
  const named = (t) => {
    const text = t.replace(/^(và|,|;|\s)+|(,|;|\s|\.)+$/g, '').trim();
    if (!text) return;
    // "UBND cấp xã (các nhiệm vụ …)": a bracket after a level belongs to it.
    if (text.startsWith('(') && out.length) {
      out.at(-1).text = `${out.at(-1).text} ${text}`;
      return;
    }
    for (const piece of text.split(BODY_START)) {
      for (const p of piece.split(/ và (?=các )/)) {
        const v = p.trim().replace(/[.,;]+$/, '');
        if (v) out.push({ kind: 'named', text: v.charAt(0).toUpperCase() + v.slice(1) });
      }
    }
  };
  for (const part of cell.split(';')) {
    let rest = part.trim();
    for (;;) {
      let best = null;
      for (const [re, level] of LEVEL_PHRASES) {
        const m = re.exec(rest);
        if (m && (best === null || m.index < best.index)) best = { index: m.index, text: m[0], level };
      }
      if (!best) break;
      named(rest.slice(0, best.index));
      out.push({ kind: 'level', level: best.level, text: best.text });
      rest = rest.slice(best.index + best.text.length);
    }
    named(rest);
  }
  return out;
}

// ── Deadlines ──────────────────────────────────────────────────────────────────────
const ROMAN = { I: 1, II: 2, III: 3, IV: 4 };
/**
 * No end: the year a wording names is when the work starts ("Trong năm 2024 và thực hiện
 * thường xuyên", "Quý I/2024 và …", "Từ Quý IV/2024"), never when it is late.
 */
function ongoing(t) {
  const year = /\b(20\d\d)\b/.exec(t);
  return year ? { kind: 'ongoing', from: Number(year[1]), text: t } : { kind: 'ongoing', text: t };
}

/** The catalogue's Deadline for a wording, or throws so a new wording gets a decision. */
function deadline(text) {
  const t = text.trim();
  const lower = t.toLowerCase();
  let m;
  if (/^(thực hiện thường xuyên|thường xuyên|duy trì thực hiện thường xuyên|định kỳ hoặc đột xuất|\(?thực hiện định kỳ)/i.test(t)) return ongoing(t);
  // "… và (thực hiện) thường xuyên", "… các năm tiếp theo": ongoing as written (issue 11's
  // fidelity rule), whatever year it starts in.
  if (/và (thực hiện )?thường xuyên|các năm tiếp theo/.test(lower)) return ongoing(t);
  if (/^từ quý/i.test(t)) return ongoing(t);
  if (/^(thực hiện theo lộ trình|theo lộ trình|theo tiến độ|theo hướng dẫn|khi có|ngay sau khi)/i.test(t)) return { kind: 'external', text: t };
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t)) || (m = /^đến ngày (\d{1,2})\/(\d{1,2})\/(\d{4})\b/i.exec(t))) return { kind: 'date', date: `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`, text: t };
  if ((m = /quý (I{1,3}|IV)(?:\/| năm )(\d{4})/i.exec(t)) && !/từ quý II\/2024 và/.test(t)) return { kind: 'quarter', quarter: ROMAN[m[1].toUpperCase()], year: Number(m[2]), text: t };
  if ((m = /quý (I{1,3}|IV) năm (\d{4})/i.exec(t))) return { kind: 'quarter', quarter: ROMAN[m[1].toUpperCase()], year: Number(m[2]), text: t };
  if ((m = /tháng (\d{1,2})\/(\d{4})/i.exec(t)) || (m = /trong (\d{1,2})\/(\d{4})/i.exec(t))) return { kind: 'month', month: Number(m[1]), year: Number(m[2]), text: t };
  if ((m = /năm (\d{4}) và (\d{4})/i.exec(t))) return { kind: 'year', from: Number(m[1]), to: Number(m[2]), text: t };
  if ((m = /năm (\d{4})/i.exec(t))) return { kind: 'year', from: Number(m[1]), to: Number(m[1]), text: t };
  throw new Error(`Chưa quyết định thời hạn cho "${t}"`);
}

/**
 * A cell whose time is part of a sentence (a target: "Năm 2024: cấp tỉnh và huyện 100%; cấp
 * xã 90%"): the structured form is that of the time part, or, where the cell names several
 * dated parts, one part per piece; the deadline keeps the whole cell as its text.
 */
function wordedDeadline(cell, pieces) {
  for (const p of [pieces].flat()) if (!cell.includes(p)) throw new Error(`"${p}" không có trong ô thời hạn "${cell}"`);
  if (Array.isArray(pieces)) return { kind: 'parts', text: cell, parts: pieces.map(deadline) };
  return { ...deadline(pieces), text: cell };
}
const WORDED_NOTE = 'Ô thời hạn là một câu chỉ tiêu, giữ nguyên văn; dạng có cấu trúc lấy theo phần thời gian của câu.';

// ── Progress wording (001 Phụ lục I) ───────────────────────────────────────────────
const WORDINGS = [
  'Đã hoàn thành và thực hiện thường xuyên',
  'Đã và đang được thực hiện thường xuyên',
  'Đã và đang thực hiện thường xuyên theo yêu cầu',
  'Đã và đang thực hiện thường xuyên',
  'Đã và đang thực hiện theo quy định',
  'Đã và đang thực hiện',
  'Đã và tiếp tục thực hiện thường xuyên',
  'Đã thực hiện và thực hiện thường xuyên',
  'Đã thực hiện bước đầu, hiện đang chờ chỉ đạo của Bộ Công an',
  'Đã triển khai có văn bản chỉ đạo và tuyên truyền rộng rãi tuy nhiên chưa có kết quả thực tế',
  'Đã triển khai',
  'Đã hoàn thành',
  'Đã thực hiện',
  'Đang thực hiện thường xuyên',
  'Đang thực hiện',
  'Đang trong giai đoạn rà soát thực hiện',
  'Nhiệm vụ này được thực hiện thường xuyên',
  'Nhiệm vụ này phải chờ Bộ, ngành ban hành Danh mục TTHC đủ điều kiện',
  'Chưa thực hiện, đang chờ Bộ triển khai',
  'Chưa thực hiện, đang chờ Trung ương triển khai',
  'Chưa thực hiện do đang chờ hướng dẫn của Văn phòng Chính phủ',
  'Chưa thực hiện do chờ Bộ Công an',
  'Thực hiện thường xuyên theo yêu cầu',
  'Thực hiện thường xuyên',
  'Sẽ thực hiện khi có yêu cầu của Chính phủ, Bộ Công an',
];

/** Mirrors statusFromWording in src/domain/plans.ts (the test checks they agree). */
function statusOf(w) {
  const s = w.toLowerCase();
  if (/chờ (hd|hướng dẫn|chỉ đạo|bộ|trung ương)|chờ bộ, ngành|đang chờ/.test(s)) return 'waitingGuidance';
  if (/^chưa hoàn thành/.test(s)) return 'notDone';
  if (/^(chưa thực hiện|chưa triển khai|sẽ thực hiện)/.test(s)) return 'notStarted';
  if (/^đã hoàn thành/.test(s)) return 'done';
  if (/thường xuyên/.test(s)) return 'ongoing';
  if (/^đã thực hiện$/.test(s)) return 'done';
  if (/đang (được )?thực hiện|đang trong giai đoạn|đã triển khai|đã và đang/.test(s)) return 'inProgress';
  return null;
}

function assessment(raw) {
  const text = raw.replace(/^Đánh giá tiến độ:\s*/, '');
  const wording = WORDINGS.find((w) => text.startsWith(w)) ?? null;
  if (wording === null) throw new Error(`Không nhận ra đánh giá tiến độ: ${text.slice(0, 80)}`);
  return { wording, status: statusOf(wording), result: text };
}

// ── Numeric targets, by row (the wording decides what is counted) ──────────────────
const y = (year, text) => ({ kind: 'year', from: year, to: year, text });
const T = (value, unit, comparison, counted, by, text, level) => ({ value, unit, comparison, counted, by, ...(level ? { level } : {}), text });

const TARGETS_001 = {
  4: [T(15, 'thứ hạng trên 63 tỉnh', 'atMost', 'điểm đánh giá của bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện TTHC, cung cấp dịch vụ công năm 2024', y(2024, 'năm 2024'), 'đứng ở top 15/63 tỉnh')],
  5: [
    T(100, '%', 'atLeast', 'hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa', y(2024, 'Năm 2024'), 'cấp tỉnh và huyện 100%', 'province'),
    T(100, '%', 'atLeast', 'hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa', y(2024, 'Năm 2024'), 'cấp tỉnh và huyện 100%', 'district'),
    T(90, '%', 'atLeast', 'hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa', y(2024, 'Năm 2024'), 'cấp xã 90%', 'commune'),
  ],
  12: [
    T(100, '%', 'atLeast', 'thủ tục hành chính, hồ sơ thủ tục hành chính công khai, minh bạch', y(2024, 'Trong năm 2024'), 'tỷ lệ thủ tục hành chính, hồ sơ thủ tục hành chính công khai, minh bạch đạt 100%'),
    T(90, '%', 'atLeast', 'hồ sơ thủ tục hành chính được giải quyết đúng hoặc trước hạn', y(2024, 'Trong năm 2024'), 'tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hoặc trước hạn đạt tối thiểu 90%'),
    T(45, '%', 'atLeast', 'hồ sơ có yêu cầu nghĩa vụ tài chính (thanh toán trực tuyến)', y(2024, 'Trong năm 2024'), 'tỷ lệ hồ sơ có yêu cầu nghĩa vụ tài chính đạt tối thiểu 45%'),
  ],
  17: [T(100, '%', 'atLeast', 'thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình', y(2024, 'Năm 2024'), '100% thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình')],
  18: [T(100, '%', 'atLeast', 'người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến toàn trình được định danh và xác thực điện tử', y(2024, 'Năm 2024'), '100% người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến toàn trình được định danh và xác thực điện tử')],
  19: [T(100, '%', 'atLeast', 'người dân thực hiện thủ tục hành chính tại Bộ phận một cửa được định danh, xác thực điện tử', y(2024, 'Năm 2024'), '100% người dân khi thực hiện thủ tục hành chính tại Bộ phận một cửa các cấp được định danh, xác thực điện tử')],
  20: [T(100, '%', 'atLeast', 'kết quả giải quyết thủ tục hành chính của cá nhân được lưu trữ điện tử', y(2024, 'Năm 2024'), '100% kết quả giải quyết thủ tục hành chính của cá nhân được lưu trữ điện tử')],
  21: [T(50, '%', 'atLeast', 'mẫu đơn, tờ khai có thông tin công dân được chuẩn hóa theo dữ liệu gốc của CSDLQG về DC', y(2024, 'Năm 2024'), '50% mẫu đơn, tờ khai có thông tin công dân được chuẩn hóa thống nhất')],
  22: [T(90, '%', 'atLeast', 'người dân, doanh nghiệp hài lòng về việc giải quyết thủ tục hành chính 53 dịch vụ công thiết yếu và lĩnh vực cư trú, hộ tịch, xuất nhập cảnh, CCCD', y(2024, 'Trong năm 2024'), 'Tối thiểu 90% người dân, doanh nghiệp hài lòng')],
  23: [T(100, '%', 'atLeast', 'thủ tục hành chính đặc thù, giấy tờ công dân liên quan đến dân cư được cắt giảm, đơn giản hóa', y(2024, 'Trong năm 2024'), '100% thủ tục hành chính đặc thù, giấy tờ công dân liên quan đến dân cư được cắt giảm, đơn giản hóa')],
  24: [
    T(90, '%', 'atLeast', 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', y(2024, 'Trong năm 2024'), '90% hồ sơ công việc liên quan đến quản lý dân cư tại cấp tỉnh', 'province'),
    T(80, '%', 'atLeast', 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', y(2024, 'Trong năm 2024'), '80% hồ sơ công việc liên quan đến quản lý dân cư tại cấp huyện', 'district'),
    T(60, '%', 'atLeast', 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', y(2024, 'Trong năm 2024'), '60% hồ sơ công việc liên quan đến quản lý dân cư tại cấp xã', 'commune'),
  ],
  25: [T(100, '%', 'atLeast', 'kết quả giải quyết TTHC của người dân được lưu trữ, chia sẻ dữ liệu điện tử', y(2024, 'Năm 2024'), '100% kết quả giải quyết TTHC của người dân được lưu trữ, chia sẻ dữ liệu điện tử')],
  32: [
    T(70, '%', 'atLeast', 'hồ sơ 02 nhóm dịch vụ công liên thông trên hồ sơ đăng ký khai sinh, đăng ký khai tử phát sinh', { kind: 'quarter', quarter: 2, year: 2024, text: 'từ quý II/2024' }, 'Đạt từ 70% trở lên từ quý II/2024'),
    T(90, '%', 'atLeast', 'hồ sơ 02 nhóm dịch vụ công liên thông trên hồ sơ đăng ký khai sinh, đăng ký khai tử phát sinh', { kind: 'quarter', quarter: 3, year: 2024, text: 'từ quý III năm 2024' }, 'đạt 90% trở lên từ quý III năm 2024'),
  ],
};

// ── 001 Phụ lục I ──────────────────────────────────────────────────────────────────
function plan001pl1() {
  const lines = read(F001);
  const start = lines.findIndex((l) => l.startsWith('**Phụ lục I**'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('**Phụ lục II**'));
  const tasks = [];
  let group = null;
  for (let i = start; i < end; i++) {
    const cols = lines[i].split('\t');
    const head = /^<b>([IVX]+)<\/b>\t<b>(.*)<\/b>/.exec(lines[i]) ?? /^<b>([IVX]+) (.*)<\/b>/.exec(lines[i]);
    if (head) {
      group = clean(head[2]);
      continue;
    }
    if (/^\d+\.$/.test(cols[0]) && cols.length >= 6) {
      const no = cols[0].slice(0, -1);
      const notes = [];
      const text = fix(clean(cols[1]), notes);
      const lead = refs(fix(clean(cols[2]), notes));
      const partners = refs(fix(clean(cols[3]), notes));
      const when = fix(clean(cols[4]), notes);
      const progress = fix(clean(cols.slice(5).join(' ')), notes);
      tasks.push({ no, group, text, lead, partners, when, progress, notes, line: i + 1 });
      continue;
    }
    // A row continued on the next page: an empty first column, the rest in the last cell.
    if (cols.length >= 6 && cols[0].trim() === '' && cols.slice(1, 5).every((c) => c.trim() === '') && cols.slice(5).join('').trim() !== '') {
      const last = tasks.at(-1);
      last.progress = fix(clean(`${last.progress} ${cols.slice(5).join(' ')}`), last.notes);
    }
  }
  return tasks.map((t) => {
    const a = assessment(t.progress);
    const overrides = PROGRESS_OVERRIDES_001[t.no];
    if (overrides) {
      Object.assign(a, overrides.set);
      t.notes.push(overrides.note);
    }
    if (TRUNCATED_001[t.no]) t.notes.push(TRUNCATED_001[t.no]);
    return {
      id: `th-bc137-2024-pl1.${t.no}`,
      no: t.no,
      group: t.group,
      text: t.text,
      lead: t.lead,
      partners: t.partners,
      deadline: DEADLINE_WORDING_001[t.no] ? wordedDeadline(t.when, DEADLINE_WORDING_001[t.no]) : deadline(t.when),
      targets: TARGETS_001[t.no] ?? [],
      basis: null,
      reported: { asOf: '2024-06-28', wording: a.wording, status: a.status, result: a.result, cause: null },
      source: { file: F001, section: `Phụ lục I, TT ${t.no}` },
      line: t.line,
      notes: [...(DEADLINE_WORDING_001[t.no] ? [WORDED_NOTE] : []), ...t.notes],
    };
  });
}

// Deadlines whose cell is a target sentence: the time part decides the structured form (row
// 32 names a level per quarter: one part each, as its targets).
const TWO_QUARTERS = ['Đạt từ 70% trở lên từ quý II/2024', 'đạt 90% trở lên từ quý III năm 2024'];
const DEADLINE_WORDING_001 = {
  4: 'năm 2024',
  5: 'Năm 2024',
  32: TWO_QUARTERS,
};
const PROGRESS_OVERRIDES_001 = {
  // The assessment is the whole clause: its first words alone ("Đã hoàn thành") read as done.
  6: {
    set: { status: 'inProgress', wording: 'Đã hoàn thành 25/25 DVC thiết yếu; 02/10 DVC theo Quyết định số 422/QĐ-TTg; còn lại 08/10 DVC theo Quyết định số 422/QĐ-TTg chưa triển khai do chờ hướng dẫn của Bộ ngành trung ương' },
    note: 'Đánh giá ghi "Đã hoàn thành 25/25 DVC thiết yếu; 02/10 DVC theo Quyết định số 422/QĐ-TTg; còn lại 08/10 … chưa triển khai do chờ hướng dẫn": một phần đã xong, ghi là đang thực hiện; lời đánh giá giữ cả vế ấy, không chỉ hai chữ đầu "Đã hoàn thành".',
  },
};
// Row 11's result reads whole in the extraction ("… ngày 08/01/2024 của Tổ công tác triển khai
// Đề án 06 Chính phủ"): no row of Phụ lục I is cut.
const TRUNCATED_001 = {};

// ── 001 Phụ lục II (Nghị quyết 175) ────────────────────────────────────────────────
function plan001pl2() {
  const lines = read(F001);
  const start = lines.findIndex((l) => l.startsWith('**Phụ lục II**'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('**Phụ lục III**'));
  const tasks = [];
  let group = null;
  let roman = null;
  for (let i = start; i < end; i++) {
    const cols = lines[i].split('\t');
    const head = /^<b>([IVX]+)\. (.*)<\/b>/.exec(lines[i]);
    if (head) {
      roman = head[1];
      group = clean(head[2]);
      continue;
    }
    if (/^\d+$/.test(cols[0]) && cols.length >= 9) {
      const notes = [];
      const n = Number(cols[0]);
      // Rows 16–18 follow row 10 of section I with no heading of their own (rows 11–15 and
      // the heading of section II are not in the extracted text).
      const sec = roman === 'I' && n > 10 ? 'II' : roman;
      if (sec !== roman) group = null;
      tasks.push({
        no: `${sec}.${n}`,
        group,
        lead: refs(fix(clean(cols[1]), notes)),
        text: fix(clean(cols[2]), notes),
        // The province that reports is the partner these rows name: its own unit, so it records its progress.
        partners: refs(fix(clean(cols[3]), notes)).map((r) => (r.kind === 'named' && r.text === 'UBND tỉnh Thanh Hoá' ? { kind: 'unit', unitId: 'th', text: r.text } : r)),
        basis: clean(cols[4]).replace(/^-\s*/, '').replace(/\s+-\s*/g, '; ') || null,
        when: clean(cols[5]),
        done: fix(clean(cols[6]), notes),
        notDone: fix(clean(cols[7]), notes),
        cause: fix(clean(cols[8]), notes),
        notes,
        line: i + 1,
      });
      continue;
    }
    if (tasks.length && cols.length >= 9 && cols[0].trim() === "" && cols.slice(1, 6).every((c) => c.trim() === "")) {
      const last = tasks.at(-1);
      if (clean(cols[6])) last.done = clean(`${last.done} ${cols[6]}`);
    }
  }
  return tasks.map((t) => {
    const wording = t.done ? 'Đã hoàn thành' : t.notDone ? 'Chưa hoàn thành' : null;
    const result = t.done || t.notDone || null;
    // The done column holds what was done; "Thường xuyên" there is the ongoing assessment.
    let status = t.done ? (/thường xuyên|đã và đang/i.test(t.done) ? 'ongoing' : 'done') : t.notDone ? statusOf(t.notDone) ?? 'notDone' : null;
    const notes = [...t.notes];
    if (status === 'ongoing') notes.push(`Nội dung "${t.done}" nằm ở cột "Đã hoàn thành"; ghi là thực hiện thường xuyên như lời văn.`);
    if (t.notDone && !t.cause) notes.push(`Cột "Nguyên nhân" để trống; "${t.notDone}" ghi ở cột "Chưa hoàn thành" và chỉ ghi ở đó (không chép sang nguyên nhân).`);
    if (t.no === 'II.16') notes.unshift('Các dòng 11–15 và tiêu đề mục II không có trong bản trích xuất (mất khi chuyển từ PDF); dòng 16–18 được xếp vào mục II theo số thứ tự.');
    if (t.no === 'III.1') {
      // The "Nguyên nhân" column holds the assessment for this row.
      status = statusOf(t.cause);
    }
    if (!t.done && !t.notDone && t.no !== 'III.1') notes.push('Cột kết quả để trống trong tài liệu.');
    // Row 6's cell runs on to the next page and stops at a comma: the rest is not in the extraction.
    const cut = t.no === 'I.6' && /,$/.test(result ?? '');
    if (cut) notes.push('Ô kết quả bị cắt trong bản trích xuất: phần sang trang sau dừng ở dấu phẩy ("… tầm nhìn đến năm 2030”,"), phần còn lại bị mất; kết quả ghi "…" ở chỗ bị cắt.');
    return {
      id: `th-bc137-2024-pl2.${t.no.replace('.', '-')}`,
      no: t.no,
      group: t.group,
      text: t.text,
      lead: t.lead,
      partners: t.partners,
      deadline: t.when ? deadline(t.when) : null,
      targets: [],
      basis: t.basis ? t.basis.replace(/^NQ 175/, 'Nghị quyết 175') : null,
      reported: {
        asOf: '2024-06-28',
        wording: t.no === 'III.1' ? t.cause || null : wording,
        status,
        result: cut ? result.replace(/,$/, '…') : result,
        cause: t.no === 'III.1' ? null : t.cause || null,
      },
      source: { file: F001, section: `Phụ lục II, mục ${t.no.split('.')[0]}, STT ${t.no.split('.')[1]}` },
      line: t.line,
      notes: [
        ...notes,
        ...(t.no === 'III.1' ? ['Tài liệu ghi "Đang thực hiện" ở cột Nguyên nhân; coi là đánh giá tiến độ.'] : []),
        ...(t.basis && /NQ 175/.test(t.basis) ? ['"NQ 175" là Nghị quyết số 175/NQ-CP ngày 30/10/2023 của Chính phủ (Phụ lục I, nhóm X).'] : []),
      ],
    };
  });
}

// ── 002 Huế 2025 ───────────────────────────────────────────────────────────────────
const TARGETS_002 = {
  '3.a': [
    ['100% thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình và được định danh, xác thực điện tử hoặc xác thực, chia sẻ dữ liệu dân cư', 100, 'thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình'],
    ['100% người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến được định danh và xác thực điện tử thông suốt', 100, 'người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến được định danh và xác thực điện tử'],
    ['100% người dân khi thực hiện thủ tục hành chính tại Bộ phận một cửa các cấp được định danh, xác thực điện tử', 100, 'người dân thực hiện thủ tục hành chính tại Bộ phận một cửa được định danh, xác thực điện tử'],
    ['100% kết quả giải quyết thủ tục hành chính của cá nhân được lưu trữ điện tử', 100, 'kết quả giải quyết thủ tục hành chính của cá nhân được lưu trữ điện tử'],
    ['50% mẫu đơn, tờ khai có thông tin công dân được chuẩn hóa thống nhất theo yêu cầu từ dữ liệu gốc của Cơ sở dữ liệu quốc gia về dân cư', 50, 'mẫu đơn, tờ khai có thông tin công dân được chuẩn hóa'],
    ['Tối thiểu 90% người dân, doanh nghiệp hài lòng về việc giải quyết thủ tục hành chính đối với 53 dịch vụ công thiết yếu', 90, 'người dân, doanh nghiệp hài lòng về việc giải quyết thủ tục hành chính đối với 53 dịch vụ công thiết yếu và các lĩnh vực cư trú, hộ tịch, xuất nhập cảnh, cấp căn cước'],
    ['100% thủ tục hành chính, giấy tờ công dân liên quan đến dân cư được cắt giảm, đơn giản hóa so với thời điểm ban hành Đề án 06', 100, 'thủ tục hành chính, giấy tờ công dân liên quan đến dân cư được cắt giảm, đơn giản hóa'],
    ['90% hồ sơ công việc liên quan đến quản lý dân cư tại thành phố', 90, 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', 'province'],
    ['80% hồ sơ công việc liên quan đến quản lý dân cư tại cấp huyện', 80, 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', 'district'],
    ['60% hồ sơ công việc liên quan đến quản lý dân cư tại cấp xã', 60, 'hồ sơ công việc liên quan đến quản lý dân cư được xử lý trên môi trường mạng', 'commune'],
    ['100% hồ sơ về dân cư được tạo, lưu trữ, chia sẻ dữ liệu điện tử theo quy định', 100, 'hồ sơ về dân cư được tạo, lưu trữ, chia sẻ dữ liệu điện tử'],
    // II.3.a gives no time: the targets have none either (not the plan's year).
  ].map(([text, value, counted, level]) => T(value, '%', 'atLeast', counted, null, text, level)),
  '4.a': [T(80, '%', 'atLeast', 'doanh nghiệp, hợp tác xã, liên hiệp hợp tác xã và các cơ quan, tổ chức khác có trụ sở chính đóng trên địa bàn đang hoạt động được thu nhận định danh điện tử', { kind: 'date', date: '2025-06-30', text: 'đến ngày 30/6/2025' }, 'đến ngày 30/6/2025, đảm bảo thu nhận định danh điện tử cho tối thiểu 80% doanh nghiệp, hợp tác xã, liên hiệp hợp tác xã và các cơ quan, tổ chức khác có trụ sở chính đóng trên địa bàn đang hoạt động')],
  '5.a': [T(100, '%', 'atLeast', 'công dân từ đủ 14 tuổi trở lên cư trú trên địa bàn được cấp căn cước', null, 'đảm bảo 100% công dân từ đủ 14 tuổi trở lên cư trú trên địa bàn được cấp căn cước theo quy định')],
  '5.b': [T(100, '%', 'atLeast', 'công dân đủ điều kiện cư trú trên địa bàn được thu nhận hồ sơ cấp tài khoản định danh điện tử', null, 'cấp tài khoản định danh điện tử đối với 100% công dân đủ điều kiện cư trú trên địa bàn')],
  '8.c': [T(100, '%', 'atLeast', 'cán bộ, công chức thuộc các cơ quan, đơn vị, địa phương được nâng cao kiến thức, kỹ năng số qua nền tảng đào tạo trực tuyến mở', null, '100% cán bộ, công chức thuộc các cơ quan, đơn vị, địa phương và người dân nâng cao kiến thức, kỹ năng số')],
};

function plan002() {
  const lines = read(F002);
  const tasks = [];
  let section = null;
  let sectionTitle = null;
  let inII = false;
  for (let i = 0; i < lines.length; i++) {
    const l = clean(lines[i]);
    if (/^II\. NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ/.test(l)) inII = true;
    else if (/^III\. KINH PHÍ/.test(l)) inII = false;
    if (!inII) continue;
    let m;
    if ((m = /^(\d)\. (.*)$/.exec(l))) {
      section = m[1];
      sectionTitle = m[2];
      continue;
    }
    if ((m = /^([a-zđ])\) (.*)$/.exec(l))) {
      tasks.push({ letter: m[1], section, group: sectionTitle, body: m[2], bullets: [], line: i + 1 });
      continue;
    }
    if (/^-/.test(l) && tasks.length) tasks.at(-1).bullets.push({ text: l.replace(/^-\s*/, ''), line: i + 1 });
  }
  const out = [];
  for (const t of tasks) {
    const no = `${t.section}.${t.letter}`;
    const key = `${t.section}-${t.letter === 'đ' ? 'dd' : t.letter}`;
    const field = (label) => t.bullets.find((b) => b.text.startsWith(label))?.text.slice(label.length).replace(/^:\s*/, '').replace(/\.$/, '').trim() ?? null;
    const base = { group: t.group, basis: null, reported: null };
    const notes = [];
    if (no === '2.d') {
      // Each bullet names its own lead: one task per bullet.
      t.bullets.forEach((b, j) => {
        const m = /^(.*?) chủ trì, phối hợp với (.*?)(?::|(?= tham gia))\s*(.*)$/.exec(b.text);
        if (!m) throw new Error(`002 II.2.d: ${b.text}`);
        out.push({
          id: `hue-2025.II-2-d-${j + 1}`,
          no: `II.2.d.${j + 1}`,
          ...base,
          text: `${clean(t.body).replace(/\.$/, '')}: ${clean(m[3]).charAt(0).toUpperCase()}${clean(m[3]).slice(1)}`,
          lead: refs(fix(m[1], [])),
          partners: refs(fix(m[2], [])),
          deadline: { kind: 'external', text: 'theo lộ trình và hướng dẫn của Tổ công tác triển khai Đề án 06/CP và các Bộ, ngành trung ương' },
          targets: [],
          source: { file: F002, section: `II.2.d, gạch đầu dòng thứ ${j + 1}` },
          line: b.line,
          notes: ['Mục II.2.d giao mỗi gạch đầu dòng cho một đơn vị chủ trì riêng nên được tách thành từng nhiệm vụ; thời hạn lấy từ câu dẫn của mục ("theo lộ trình và hướng dẫn …").'],
        });
      });
      continue;
    }
    const F = (x) => (x == null ? x : fix(x, notes));
    const leadText = F(field('Đơn vị chủ trì') ?? field('Đơn vị thực hiện'));
    const partnerText = F(field('Đơn vị phối hợp'));
    let whenText = F(field('Thời gian thực hiện'));
    let text = F(clean(t.body));
    if (t.section === '1') {
      // II.1 gives the time in brackets at the end of the sentence and no units.
      const m = /\s*\(([^()]*)\)\.?$/.exec(text);
      if (m) {
        whenText = m[1].trim();
        text = text.slice(0, m.index).trim() + '.';
        text = text.replace(/\.\.$/, '.');
      }
      notes.push('Mục II.1 không ghi đơn vị chủ trì, phối hợp.');
    }
    if (no === '3.a') {
      text = `${text} ${t.bullets.map((b) => b.text.replace(/\.$/, '')).join('; ')}.`;
      notes.push('Mục II.3.a không ghi đơn vị và thời hạn: không có thời hạn, các chỉ tiêu không có mốc thời gian; chủ trì là "các sở, ngành, địa phương" theo câu dẫn ("nhóm nhiệm vụ, chỉ tiêu chung của các sở, ngành, địa phương").');
    }
    if (no === '3.i') notes.push('Tài liệu ghi "Đơn vị thực hiện: Đề nghị Chi cục Thuế khu vực XII chỉ đạo các phòng chức năng, Đội Thuế (thuộc địa bàn thành phố Huế) phối hợp các cơ quan, đơn vị liên quan triển khai thực hiện".');
    if (no === '4.a') whenText = 'Hoàn thành trong năm 2025 (trong đó, đến ngày 30/6/2025, đảm bảo thu nhận định danh điện tử cho tối thiểu 80% doanh nghiệp, hợp tác xã, liên hiệp hợp tác xã và các cơ quan, tổ chức khác có trụ sở chính đóng trên địa bàn đang hoạt động)';
    if (no === '4.a') notes.push('Thời hạn có hai phần: cả nhiệm vụ trong năm 2025, phần thu nhận định danh điện tử cho 80% tổ chức đến ngày 30/6/2025.');
    const lead = no === '3.a' ? [{ kind: 'named', text: 'Các sở, ngành, địa phương' }] : no === '3.i' ? [{ kind: 'named', text: 'Chi cục Thuế khu vực XII' }] : leadText ? refs(leadText) : [];
    out.push({
      id: `hue-2025.II-${key}`,
      no: `II.${no}`,
      ...base,
      text,
      lead,
      partners: partnerText ? refs(partnerText) : no === '3.i' ? refs('Các phòng chức năng, Đội Thuế thuộc địa bàn thành phố Huế; các cơ quan, đơn vị liên quan') : [],
      deadline: whenText ? (no === '4.a' ? wordedDeadline(whenText, ['Hoàn thành trong năm 2025', whenText.slice(whenText.indexOf('đến ngày')).replace(/\)$/, '')]) : deadline(whenText)) : null,
      targets: TARGETS_002[no] ?? [],
      source: { file: F002, section: `II.${no}` },
      line: t.line,
      notes,
    });
  }
  return out;
}

// ── 000 Phụ lục of Kế hoạch 259 (laid out as PDF text: one cell per line block) ────
// The rows are split by the row number; in each row the task text comes first, then the
// lines of the "Đơn vị thực hiện", "Đơn vị phối hợp" and "Thời gian hoàn thành" cells in
// that order, except where a page break cuts a row (the rest of each cell follows the
// repeated table header). Where each cell's lines are is read off the document by hand:
// SPEC_000 in extract-000.mjs, over the row's lines after its text (see rows000()).
import { SPEC_000, MANUAL_000, TARGETS_000 } from './extract-000.mjs';

const ROMAN_HEAD = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)( .*)?$/;

/** The appendix rows of 000: number, group, its lines (page numbers and repeated headers removed). */
export function rows000() {
  const lines = read(F000);
  const start = lines.findIndex((l) => /^CÁC NHIỆM VỤ CỤ THỂ CỦA ĐỀ ÁN 06/.test(l.trim()));
  const rows = [];
  let group = null;
  let skip = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l) continue;
    if (/^\d{1,2}$/.test(l)) continue; // page number
    if (l === 'TT Nội dung, nhiệm vụ cụ thể') {
      skip = 6; // "Đơn vị / thực hiện / Đơn vị / phối hợp / Thời gian / hoàn thành"
      continue;
    }
    if (skip > 0) {
      skip--;
      continue;
    }
    let m;
    if ((m = ROMAN_HEAD.exec(l)) && (!rows.length || /nhiệm vụ\)$/.test(l) || m[2] === undefined)) {
      let title = (m[2] ?? '').trim();
      while (!/\(\d+ nhiệm vụ\)$/.test(title)) title = `${title} ${lines[++i].trim()}`.trim();
      group = title;
      continue;
    }
    const last = rows.at(-1);
    if ((m = /^(\d{1,2})\.(?: (.+))?$/.exec(l)) && Number(m[1]) === (last ? Number(last.no) + 1 : 1)) {
      rows.push({ no: m[1], group, lines: m[2] ? [m[2]] : [], line: i + 1 });
      continue;
    }
    if (last) last.lines.push(l);
  }
  for (const r of rows) {
    // Where the task text ends: after its last full-width line, plus a short closing line.
    let lastLong = -1;
    r.lines.forEach((x, k) => {
      if (x.length > 46) lastLong = k;
    });
    let te = lastLong + 1;
    if (te < r.lines.length && !/[.;”"]$/.test(r.lines[lastLong]) && /[.;”]$/.test(r.lines[te]) && r.lines[te].length < 40) te++;
    r.text = r.lines.slice(0, te);
    r.cells = r.lines.slice(te);
  }
  return rows;
}

/** "t1 L0-2 P3-5,9 W6-8": t = cells that still belong to the text; L/P/W = lead, partner, time cells. */
function spec(s) {
  const out = { t: 0, L: [], P: [], W: [] };
  for (const part of s.split(' ')) {
    const k = part[0];
    if (k === 't') {
      out.t = Number(part.slice(1));
      continue;
    }
    for (const range of part.slice(1).split(',')) {
      const [a, b] = range.split('-').map(Number);
      for (let x = a; x <= (b ?? a); x++) out[k].push(x);
    }
  }
  return out;
}

function plan000() {
  const rows = rows000();
  return rows.map((r) => {
    const notes = [];
    const join = (xs) => fix(clean(xs.join(' ')), notes).replace(/ - (?=[a-zà-ỹ])/g, ' - ');
    let text;
    let leadText;
    let partnerText;
    let whenText;
    const manual = MANUAL_000[r.no];
    if (manual) {
      ({ text, lead: leadText, partners: partnerText, when: whenText } = manual);
      notes.push(...manual.notes);
    } else {
      const sp = SPEC_000[r.no];
      if (!sp) throw new Error(`000: chưa đọc các cột của dòng ${r.no}`);
      const c = spec(sp);
      if (c.t < 0) {
        r.cells = [...r.text.slice(c.t), ...r.cells];
        r.text = r.text.slice(0, c.t);
        c.t = 0;
      }
      const all = [...Array(c.t).keys(), ...c.L, ...c.P, ...c.W].sort((x, y) => x - y);
      if (all.length !== r.cells.length || all.some((x, k) => x !== k)) throw new Error(`000 dòng ${r.no}: đặc tả "${sp}" không phủ đúng ${r.cells.length} dòng`);
      text = join([...r.text, ...r.cells.slice(0, c.t)]);
      leadText = join(c.L.map((x) => r.cells[x]));
      partnerText = join(c.P.map((x) => r.cells[x]));
      whenText = join(c.W.map((x) => r.cells[x]));
    }
    return {
      id: `th-tp-kh259-2024.${r.no}`,
      no: r.no,
      group: r.group,
      text,
      lead: refs(leadText),
      partners: refs(partnerText),
      deadline: !whenText ? null : DEADLINE_WORDING_000[r.no] ? wordedDeadline(whenText, DEADLINE_WORDING_000[r.no]) : deadline(whenText),
      targets: (TARGETS_000[r.no] ?? []).map((t) => {
        if (!t.percentRow) return t;
        const m = /^(Tối thiểu )?(\d+)% (.*?)\.?$/.exec(text);
        return { value: Number(m[2]), unit: '%', comparison: 'atLeast', counted: m[3], by: t.by, text: text.replace(/\.$/, '') };
      }),
      basis: null,
      reported: null,
      source: { file: F000, section: `Phụ lục (kèm theo Kế hoạch số 259/KH-UBND), TT ${r.no}` },
      line: r.line,
      notes: [...(DEADLINE_WORDING_000[r.no] ? [WORDED_NOTE] : []), ...notes],
      whenText,
    };
  });
}
const DEADLINE_WORDING_000 = { 4: 'năm 2024', 5: 'Năm 2024', 30: TWO_QUARTERS };

// ── Write ──────────────────────────────────────────────────────────────────────────
function write(name, plan) {
  writeFileSync(join(OUT, name), `${JSON.stringify(plan, null, 1)}\n`);
  console.log(`${name}: ${plan.tasks.length} nhiệm vụ`);
}

const only = process.argv[2];
if (only === 'rows000') {
  for (const r of rows000()) {
    console.log(`== ${r.no} [${r.group}]\n   T: …${r.text.join(' ').slice(-60)}`);
    r.cells.forEach((x, k) => console.log(`   ${k}: ${x}`));
  }
  process.exit(0);
}
if (!only || only === '001') {
  write('th-bc137-2024-pl1.json', {
    id: 'th-bc137-2024-pl1',
    unitId: 'th',
    issuer: 'Tổ công tác Đề án 06 tỉnh Thanh Hóa',
    number: '137/BC-UBND',
    date: '2024-06-28',
    period: { from: 2024, to: 2024 },
    title: 'Thống kê các nhiệm vụ của địa phương được giao tại các chỉ thị, nghị quyết, thông báo kết luận (Phụ lục I kèm theo Báo cáo)',
    table: 'Phụ lục I',
    source: { file: F001, section: 'Phụ lục I; mục I.1' },
    tasks: plan001pl1(),
    notes: [
      'Báo cáo sơ kết 06 tháng đầu năm 2024; phần đầu văn bản để trống số và ngày ("Số: /BC-TCTĐA06", "ngày tháng năm 2024"), các phụ lục ghi "Báo cáo số: 137 /BC-UBND ngày 28 tháng 6 năm 2024".',
      'Mục I.1 ghi 72 nhiệm vụ thuộc 10 nhóm của "Kế hoạch số 43/KH-UBND ngày 16/02/2023", mục II.1 ghi cùng kế hoạch là "ngày 16/02/2024" (kế hoạch năm 2024): tài liệu tự mâu thuẫn về năm.',
      'Mục I.1: "đã hoàn thành và duy trì thường xuyên: 54 nhiệm vụ; đang chờ Bộ, ngành triển khai, hướng dẫn: 18 nhiệm vụ". Đánh giá từng dòng ở Phụ lục I được giữ nguyên văn.',
    ],
  });
  write('th-bc137-2024-pl2.json', {
    id: 'th-bc137-2024-pl2',
    unitId: 'th',
    issuer: 'Tổ công tác Đề án 06 tỉnh Thanh Hóa',
    number: '137/BC-UBND',
    date: '2024-06-28',
    period: { from: 2023, to: 2025 },
    title: 'Kết quả triển khai các nhiệm vụ của Nghị quyết 175 giai đoạn 1 (2023 - 2025) (Phụ lục II kèm theo Báo cáo)',
    table: 'Phụ lục II',
    source: { file: F001, section: 'Phụ lục II' },
    tasks: plan001pl2(),
    notes: [
      'Bản trích xuất có 14 dòng: mục I dòng 1–10, dòng 16–18 (không có tiêu đề mục II và các dòng 11–15), mục III dòng 1. Bảng gốc có thể dài hơn.',
      'Cột "Đơn vị chủ trì" để trống ở mục I và II; "UBND tỉnh Thanh Hoá" nằm ở cột "Đơn vị phối hợp" (nhiệm vụ của các Bộ, ngành mà tỉnh phối hợp).',
    ],
  });
}
if (!only || only === '002') {
  write('hue-2025.json', {
    id: 'hue-2025',
    unitId: null,
    issuer: 'Ủy ban nhân dân thành phố Huế',
    number: null,
    date: null,
    period: { from: 2025, to: 2025 },
    title: 'Kế hoạch triển khai thực hiện Đề án 06 trên địa bàn thành phố Huế năm 2025',
    table: 'Mục II. Nội dung và phân công nhiệm vụ',
    source: { file: F002, section: 'Tiêu đề; mục II' },
    tasks: plan002(),
    notes: [
      'Bản trích xuất không có số và ngày ban hành của Kế hoạch; căn cứ gần nhất là Công điện số 133/CĐ-TTg ngày 14/12/2024.',
      'Thành phố Huế không có trong cây đơn vị của ứng dụng (unitId null): các cấp "cấp xã" không quy ra đơn vị nào.',
      'Mục II có 46 tiểu mục a), b), …; mục II.2.d có 5 gạch đầu dòng với 5 đơn vị chủ trì khác nhau, tách thành 5 nhiệm vụ: tổng 50 nhiệm vụ.',
    ],
  });
}
if (!only || only === '000') {
  const tasks = plan000();
  write('th-tp-kh259-2024.json', {
    id: 'th-tp-kh259-2024',
    unitId: 'th-tp',
    issuer: 'Chủ tịch UBND thành phố Thanh Hóa',
    number: '259/KH-UBND',
    date: '2024-03-01',
    period: { from: 2024, to: 2024 },
    title: 'Các nhiệm vụ cụ thể của Đề án 06 trên địa bàn thành phố Thanh Hóa năm 2024 (Phụ lục kèm theo Kế hoạch)',
    table: 'Phụ lục',
    source: { file: F000, section: 'Phụ lục (kèm theo Kế hoạch số 259/KH-UBND ngày 01/3/2024)' },
    tasks: tasks.map(({ whenText, ...t }) => t),
    notes: [
      'Phụ lục này được in kèm Kế hoạch năm 2024 của UBND phường Đông Hải; phường là đơn vị thực hiện hoặc phối hợp ở các dòng ghi "UBND phường, xã".',
      'Bảng là văn bản PDF trích thành từng dòng; ranh giới giữa các cột được đọc tay (seeds/plans/extract-000.mjs).',
    ],
  });
}
