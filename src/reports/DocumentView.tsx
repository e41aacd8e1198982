// Draws a ReportDocument as HTML in the Vietnamese administrative layout: issuer and
// number on the left, the national title on the right, place and date, "BÁO CÁO" and the
// title, numbered sections and tables, then "Nơi nhận" and the signature block.
import { reportTables, type Cell, type DocTable, type ReportDocument } from './document.ts';
import type { ReportData } from './data.ts';

export function TableView({ table }: { table: DocTable }) {
  const cell = (c: Cell, i: number, Tag: 'td' | 'th' = 'td') => <Tag class={`al-${table.align[i] ?? 'left'}`}>{c.text}</Tag>;
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

export function DocumentView({ doc }: { doc: ReportDocument }) {
  return (
    <article class="vn-doc" data-testid="report-document" lang="vi">
      <div class="vn-doc-head">
        <div class="vn-doc-issuer">
          <p>{doc.issuer.upper}</p>
          <p class="b vn-rule">{doc.issuer.lower}</p>
          <p data-testid="doc-number">{doc.numberLine}</p>
        </div>
        <div class="vn-doc-nation">
          <p class="b">{doc.nation.name}</p>
          <p class="b vn-rule">{doc.nation.motto}</p>
          <p class="i" data-testid="doc-place-date">
            {doc.placeDate}
          </p>
        </div>
      </div>
      {doc.draft && <p class="vn-doc-draft">{doc.status}</p>}
      <h1 class="vn-doc-kind">{doc.kind}</h1>
      <p class="vn-doc-title">{doc.title}</p>
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
          <p class="b i">Nơi nhận:</p>
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
    </article>
  );
}

/** The figures of a report alone (the editor's preview). */
export function DocumentTables({ data }: { data: ReportData }) {
  return (
    <div class="vn-doc vn-doc-tables">
      {reportTables(data).map((t) => (
        <TableView table={t} />
      ))}
    </div>
  );
}
