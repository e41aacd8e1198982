import { deadlineEnd, deadlineParts, type Model, type SingleDeadline } from '../domain/catalogue.ts';
import { citeSources } from '../domain/citation.ts';
import { useServices } from '../app/services.ts';
import { formatDate } from '../domain/text.ts';
import { relativeDays } from '../home/due-reports.ts';
import { m as c } from '../i18n/common.ts';
import { m } from './messages.ts';

// Everything a model's entry says comes from the catalogue (the source documents): it is data,
// shown in Vietnamese (lang="vi") in both languages; the headings around it are interface.

function List({ items }: { items: readonly string[] }) {
  return items.length ? (
    <ul lang="vi">
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  ) : (
    <p class="muted">{m.sourceSilentFull}</p>
  );
}

/** One part of a deadline: its words, then its end ("hạn 31/12/2024, quá hạn …") or that it has none. */
function DeadlinePart({ part, now }: { part: SingleDeadline; now: number }) {
  const end = deadlineEnd(part);
  return (
    <>
      <span lang="vi">{part.text}</span>
      {end !== null && <span class={end < now ? 'late' : 'muted'}>{m.deadlineDue(formatDate(end), relativeDays(end, now))}</span>}
      {part.kind === 'ongoing' && <span class="muted">{m.deadlineOngoing}</span>}
    </>
  );
}

export function DeadlineText({ model, now }: { model: Model; now: number }) {
  if (!model.deadline) return <span class="muted">{m.sourceSilent}</span>;
  const parts = deadlineParts(model.deadline);
  // A cell that sets one deadline per part of the work shows each part with its own end.
  if (parts.length > 1)
    return (
      <ul class="deadline-parts" data-testid="deadline-parts">
        {parts.map((p) => (
          <li>
            <DeadlinePart part={p} now={now} />
          </li>
        ))}
      </ul>
    );
  return (
    <span>
      <DeadlinePart part={parts[0]!} now={now} />
    </span>
  );
}

const units = (list: readonly string[]) => (list.length ? <span lang="vi">{list.join('; ')}</span> : <span class="muted">{m.notStated}</span>);

export function ModelInfo({ model, now }: { model: Model; now: number }) {
  const { seed } = useServices();
  return (
    <div class="model-info">
      <p class="muted">{c.modelGroup(model.group)}</p>
      <dl>
        <dt>{m.completionTime}</dt>
        <dd>
          <DeadlineText model={model} now={now} />
        </dd>
        <dt>{m.leadUnit}</dt>
        <dd>{model.leadUnit ? <span lang="vi">{model.leadUnit}</span> : <span class="muted">{m.sourceSilent}</span>}</dd>
        <dt>{m.partnerUnits}</dt>
        <dd>{units(model.partnerUnits)}</dd>
        <dt>{m.supportUnits}</dt>
        <dd>{units(model.supportUnits)}</dd>
        <dt>{m.platforms}</dt>
        <dd>{units(model.platforms)}</dd>
      </dl>
      <details open>
        <summary>{m.objectives}</summary>
        <List items={model.objectives} />
      </details>
      <details>
        <summary>{m.tasks(model.tasks.length)}</summary>
        {model.tasks.length ? (
          <ol>
            {model.tasks.map((t) => (
              <li>
                <span lang="vi">{t.text}</span>
                {t.lead && (
                  <div class="muted">
                    {m.taskLead} <span lang="vi">{t.lead}</span>
                    {t.partners.length ? (
                      <>
                        {m.taskPartners} <span lang="vi">{t.partners.join(', ')}</span>
                      </>
                    ) : null}
                  </div>
                )}
                {t.deadline && (
                  <div class="muted">
                    {m.taskDeadline} <span lang="vi">{t.deadline.text}</span>
                  </div>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{m.sourceSilentFull}</p>
        )}
      </details>
      {model.notes.length > 0 && (
        <details>
          <summary>{m.sourceNotes}</summary>
          <List items={model.notes} />
        </details>
      )}
      <p class="source muted">
        {m.source} <span lang="vi">{citeSources(model.source, seed.documents)}</span>
      </p>
    </div>
  );
}
