// Reading a .docx's word/document.xml back in tests: the text of its paragraphs and tables.

/** Paragraph texts of a WordprocessingML fragment, runs joined. */
export const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

export const unescape = (s: string): string => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/** Top-level tables → rows → cell texts (a cell's paragraphs joined by "\n"). */
export function tables(xml: string): string[][][] {
  const out: string[][][] = [];
  let depth = 0;
  let start = -1;
  for (const m of xml.matchAll(/<w:tbl>|<\/w:tbl>/g)) {
    if (m[0] === '<w:tbl>') {
      if (depth++ === 0) start = m.index;
    } else if (--depth === 0) {
      const tbl = xml.slice(start, m.index);
      out.push([...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => unescape(paragraphs(tc[0]).join('\n')))));
    }
  }
  return out;
}
