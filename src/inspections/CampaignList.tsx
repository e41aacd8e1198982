// The campaigns that concern the signed-in person, and the way to create one.
import { writeRefusal } from '../domain/access.ts';
import { useCampaigns } from './data.ts';
import { Page, campaignHref, concerns, isCommuneWriter, useTree, useWriter } from './shared.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

export function CampaignList() {
  const writer = useWriter();
  const tree = useTree();
  const campaigns = useCampaigns();
  const mayCreate = writeRefusal(writer, { coll: 'campaign', unit: writer.unitId }, tree) === null;
  const mine = campaigns?.filter((x) => concerns(x, writer));
  return (
    <Page title={m.title}>
      <h2 class="subtitle">{m.listHeading}</h2>
      {mayCreate && (
        <p>
          <a class="btn-primary insp-create" href="#/inspections/new">
            {m.create}
          </a>
        </p>
      )}
      {!mine ? (
        <p>{c.loading}</p>
      ) : mine.length === 0 ? (
        <p class="card">{isCommuneWriter(writer) ? m.noneForCommune : m.none}</p>
      ) : (
        <ul class="list insp-list" data-testid="campaign-list">
          {mine.map((x) => (
            <li>
              <a href={campaignHref(x.id)}>
                <strong lang="vi">{x.title}</strong>
                <br />
                <span class="muted">{m.window(x.window.from, x.window.before)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
