// Draws a ReportDocument as HTML in the Vietnamese administrative layout (Nghị định
// 30/2020/NĐ-CP, Phụ lục I): issuer and number on the left, the national title on the
// right, each name with its short rule below, place and date in italics, "BÁO CÁO" and the
// title with its rule, numbered sections and tables, then "Nơi nhận" bottom left and the
// signature block bottom right. A draft carries the boxed "DỰ THẢO" mark on paper too.
// The document is a Vietnamese legal text in either interface language (lang="vi"); only
// the on-screen status note above a draft is interface text, marked with its own language.
import type { ComponentChildren } from 'preact';
import { DRAFT_MARK, reportTables, type Cell, type DocTable, type ReportDocument } from './document.ts';
import type { ReportData } from './data.ts';
import { activeLang } from '../i18n/messages.ts';

export function TableView({ table }: { table: DocTable }) {
  const cell = (c: Cell, i: number, Tag: 'td' | 'th' = 'td') => <Tag class={`al-${table.align[i] ?? 'left'}${c.strong ? ' b' : ''}`}>{c.text}</Tag>;
  return (
    <figure class="vn-table" data-testid={`doc-table-${table.id}`}>
      <figcaption>{table.caption}</figcaption>
      <div class="vn-table-scroll" role="region" aria-label={table.caption} tabIndex={0}>
        <table>
          <colgroup>
            {table.widths.map((w) => (
              <col style={{ width: `${w}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>{r.map((c, i) => cell(c, i))}</tr>
            ))}
          </tbody>
          {table.foot && (
            <tfoot>
              <tr>{table.foot.map((c, i) => cell(c, i, 'th'))}</tr>
            </tfoot>
          )}
        </table>
      </div>
    </figure>
  );
}

/**
 * A line with the decree's solid rule under it: as long as the text ("full": the motto) or
 * a third to a half of it, centred ("short": the issuing body, the title). The text sits
 * in an inline block so the rule can take its length from the text, not from the column.
 */
function Ruled({ rule, class: cls, children, testId }: { rule: 'full' | 'short'; class: string; children: ComponentChildren; testId?: string }) {
  return (
    <p class={`vn-ruled ${cls}`} data-testid={testId}>
      <span class="vn-ruled-text">
        {children}
        <span class={`vn-rule vn-rule-${rule}`} aria-hidden="true" />
      </span>
    </p>
  );
}

export function DocumentView({ doc }: { doc: ReportDocument }) {
  return (
    <article class={`vn-doc${doc.draft ? ' vn-doc-is-draft' : ''}`} data-testid="report-document" lang="vi">
      {doc.draft && (
        <>
          <p class="vn-doc-status no-print" lang={activeLang()}>
            {doc.status}
          </p>
          <p class="vn-doc-draft" data-testid="doc-draft-mark">
            {DRAFT_MARK}
          </p>
        </>
      )}
      <div class="vn-doc-head">
        <div class="vn-doc-issuer">
          <p>{doc.issuer.upper}</p>
          <Ruled rule="short" class="b" testId="doc-issuer">
            {doc.issuer.lower}
          </Ruled>
          <p data-testid="doc-number">{doc.numberLine}</p>
        </div>
        <div class="vn-doc-nation">
          <p class="b">{doc.nation.name}</p>
          <Ruled rule="full" class="b vn-motto" testId="doc-motto">
            {doc.nation.motto}
          </Ruled>
          <p class="i" data-testid="doc-place-date">
            {doc.placeDate}
          </p>
        </div>
      </div>
      <h1 class="vn-doc-kind">{doc.kind}</h1>
      <Ruled rule="short" class="vn-doc-title" testId="doc-title">
        {doc.title}
      </Ruled>
      {doc.blocks.map((b) =>
        b.kind === 'heading' ? (
          b.level === 1 ? (
            <h2 class="vn-h1">{b.text}</h2>
          ) : (
            <h3 class="vn-h2">{b.text}</h3>
          )
        ) : b.kind === 'para' ? (
          <p class="vn-p">{b.text}</p>
        ) : (
          <TableView table={b.table} />
        ),
      )}
      <div class="vn-doc-foot">
        <div class="vn-doc-recipients" data-testid="doc-recipients">
          <p class="b i vn-recipients-head">Nơi nhận:</p>
          {doc.recipients.map((r, i) => (
            <p>- {r + (/[;.]$/.test(r) ? '' : i === doc.recipients.length - 1 ? '.' : ';')}</p>
          ))}
        </div>
        <div class="vn-doc-sign" data-testid="doc-signature">
          <p class="b">{doc.signer.onBehalf}</p>
          <p class="b">{doc.signer.title}</p>
          <p class="vn-sign-space" aria-hidden="true" />
          <p class="b">{doc.signer.name}</p>
        </div>
      </div>
      {(doc.appendices ?? []).map((a) => (
        <section class="vn-appendix" data-testid={`doc-appendix-${a.table.id}`}>
          <p class="b vn-appendix-name">{a.name}</p>
          {a.title.map((line) => (
            <p class="b vn-appendix-title">{line}</p>
          ))}
          <p class="i vn-appendix-note">{a.note}</p>
          <TableView table={a.table} />
        </section>
      ))}
    </article>
  );
}

/** The figures of a report alone (the editor's preview). */
export function DocumentTables({ data }: { data: ReportData }) {
  return (
    <div class="vn-doc vn-doc-tables" lang="vi">
      {reportTables(data).map((t) => (
        <TableView table={t} />
      ))}
    </div>
  );
}
