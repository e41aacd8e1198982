// The English-interface check shared by the component tests: every piece of text a person sees
// or hears in `root` that is Vietnamese and not marked lang="vi" (data keeps its language).
export const VIETNAMESE = /[đĐàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

export function unmarkedVietnamese(root: Element): string[] {
  const found: string[] = [];
  const inVi = (el: Element | null) => el?.closest('[lang]')?.getAttribute('lang') === 'vi';
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (VIETNAMESE.test(n.textContent ?? '') && !inVi(n.parentElement)) found.push(n.textContent!.trim());
  }
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(attr);
      if (v && VIETNAMESE.test(v) && !inVi(el)) found.push(`${attr}="${v}"`);
    }
  }
  return found;
}
