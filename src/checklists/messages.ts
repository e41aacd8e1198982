// Interface text of checklists (Vietnamese; English in ./messages.en.ts). See src/i18n/messages.ts.
// The outlines themselves (titles, sections, questions, hints, options, units) come from the
// seeds: they are data, stay Vietnamese and are shown in elements marked lang="vi".
import { defineMessages } from '../i18n/messages.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

// The shared domain (src/domain/checklist.ts, common.ts) words an answer's problems in
// Vietnamese; these are that very text, kept apart from the dictionary (which English
// overwrites) so answerIssue() can recognise them.
type DomainIssue = 'chooseYesNo' | 'enterNumber' | 'enterWholeNumber' | 'textTooLong' | 'chooseOption' | 'notEmpty' | 'dateFormat' | 'dateNotReal' | 'invalidValue';
export const DOMAIN_ISSUES: Readonly<Record<DomainIssue, string>> = {
  chooseYesNo: 'Chọn Có hoặc Không',
  enterNumber: 'Nhập một số',
  enterWholeNumber: 'Nhập một số nguyên (không có phần lẻ)',
  textTooLong: 'Không quá 20.000 ký tự',
  chooseOption: 'Chọn một phương án',
  notEmpty: 'Không được để trống',
  dateFormat: 'Ngày phải có dạng YYYY-MM-DD',
  dateNotReal: 'Ngày không tồn tại trên lịch',
  invalidValue: 'Giá trị không hợp lệ',
};
/** "Không nhỏ hơn 0" / "Không lớn hơn 100" (the bound as the domain formats it). */
export const DOMAIN_BOUND = { min: /^Không nhỏ hơn (.+)$/, max: /^Không lớn hơn (.+)$/ };

/** The Vietnamese wording of m.viNumber (tests compare with it; screens read m.viNumber). */
export const VI_NUMBER_MESSAGE = 'Nhập một số theo kiểu Việt Nam, ví dụ 38.755 hoặc 96,24';

export const m = defineMessages('checklists', {
  ...DOMAIN_ISSUES,
  notBelow: (bound: string) => `Không nhỏ hơn ${bound}`,
  notAbove: (bound: string) => `Không lớn hơn ${bound}`,
  viNumber: VI_NUMBER_MESSAGE,
  title: 'Đề cương kiểm tra',
  backToList: '‹ Danh sách đề cương',
  notFound: (id: string) => `Không tìm thấy đề cương “${id}”.`,
  /** Around the account's name: "Đề cương này không thuộc phần việc của tài khoản <name>." */
  notYoursBefore: 'Đề cương này không thuộc phần việc của tài khoản',
  notYoursAfter: '.',
  /** Before the unit's name. */
  answeringUnit: 'Đơn vị trả lời:',
  answeringFor: 'Trả lời cho:',
  completed: 'Hoàn thành',
  /** " · 12/48 câu" after the percentage. */
  answered: (done: number, total: number) => `${n(done)}/${n(total)} câu`,
  requiredLeft: (left: number) => ` · còn ${n(left)} câu bắt buộc`,
  completion: 'Mức độ hoàn thành',
  draftRestored: 'Đang tiếp tục bản nháp chưa lưu.',
  discardDraft: 'Bỏ bản nháp',
  notSaved: (errors: number) => `Chưa lưu: ${n(errors)} ô chưa hợp lệ (đánh dấu đỏ). Hãy sửa rồi bấm Lưu lại.`,
  empty: '(trống)',
  yes: 'Có',
  no: 'Không',
  errors: (count: number) => `${n(count)} lỗi`,
  twoVersions: (count: number) => `${n(count)} ô có hai bản`,
  mineInvalid: (question: string, reason: string) => `Bản bạn đang nhập ở câu “${question}” chưa hợp lệ: ${reason}`,
  required: 'Bắt buộc',
  clearChoice: 'Bỏ chọn',
  exampleNumber: 'ví dụ 38.755',
  examplePercent: 'ví dụ 96,24',
  choose: '— Chọn —',
  noChecklists: 'Tài khoản này không có đề cương hay danh sách nhiệm vụ cần điền.',
  inspection: 'Đề cương báo cáo phục vụ kiểm tra',
  modelTasks: (count: number) => `Nhiệm vụ theo mô hình đã áp dụng (${n(count)})`,
  /** " · 48 câu" */
  questions: (count: number) => ` · ${n(count)} câu`,
  hasDraft: 'Có nháp chưa lưu',
});
