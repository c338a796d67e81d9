import type { Checklist, ChecklistItem } from './achievement-api.js';
import { describeSummary, summariseChecklist } from './achievement-form.js';

const STATUS_TEXT: Record<ChecklistItem['status'], string> = { met: 'Met', missing: 'Missing', warning: 'To improve' };
// Shapes as well as colours, so the state reads without colour vision (and the word is always there).
const STATUS_MARK: Record<ChecklistItem['status'], string> = { met: '✓', missing: '✗', warning: '!' };

function Item({ item }: { item: ChecklistItem }) {
  return (
    <li className={`check check-${item.status}`}>
      <span className="check-mark" aria-hidden="true">
        {STATUS_MARK[item.status]}
      </span>
      <div>
        <p className="check-name">
          {item.name}
          {item.essential && <span className="check-essential"> (essential)</span>}
        </p>
        <p className="check-status">
          {STATUS_TEXT[item.status]}
          {item.status === 'missing' && ' – blocks publishing'}
        </p>
        <p className="check-detail">{item.detail}</p>
        {item.whatToDo && <p className="check-todo">What to do: {item.whatToDo}</p>}
      </div>
    </li>
  );
}

function Group({ title, items }: { title: string; items: ChecklistItem[] }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul className="check-list">
        {items.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

/**
 * The quality checklist beside the editor: the framework's and the EU's elements and Ontario's OSAP rule.
 * `stale` says the definition changed into something the server cannot judge yet (a required field is blank).
 */
export function ChecklistPanel({ checklist, stale }: { checklist: Checklist | null; stale: boolean }) {
  return (
    <aside className="panel checklist-panel" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Quality checklist</h2>
      {!checklist ? (
        <p className="hint" role="status">
          The checklist appears once the required fields are filled in.
        </p>
      ) : (
        <>
          <p className="checklist-summary" role="status" aria-live="polite">
            {checklist.publishable ? 'Ready to publish' : 'Not ready to publish'}: {describeSummary(summariseChecklist(checklist))}
            {stale && '. Fill in the fields marked as needing attention to update it.'}
          </p>
          <Group title="Framework elements" items={checklist.items.filter((i) => i.group === 'framework')} />
          <Group title="EU elements" items={checklist.items.filter((i) => i.group === 'eu')} />
          <section aria-label="OSAP eligibility">
            <h3>OSAP eligibility</h3>
            <p className="check-status">{checklist.osap.eligible ? 'Eligible for Ontario student aid' : 'Not eligible for Ontario student aid'} (does not block publishing)</p>
            <ul className="check-list">
              {checklist.osap.rules.map((rule) => (
                <li key={rule.rule} className={`check check-${rule.met ? 'met' : 'warning'}`}>
                  <span className="check-mark" aria-hidden="true">
                    {rule.met ? '✓' : '!'}
                  </span>
                  <p className="check-name">
                    {rule.rule}: {rule.met ? 'met' : 'not met'}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </aside>
  );
}
