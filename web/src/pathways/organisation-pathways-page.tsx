import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { PATHWAY_TYPES, pathwaysApi, type PathwayOption, type PathwayView } from './pathways-api.js';
import './pathways.css';

type RuleKind = 'allOf' | 'nOf' | 'minCredits';
interface Chosen {
  equivalents: string[];
  after: string;
}

const optionKey = (o: PathwayOption): string => (o.achievementId ? `id:${o.achievementId}` : `url:${o.achievementUrl}`);
const equivalenceOf = (key: string) => (key.startsWith('id:') ? { achievementId: key.slice(3) } : { achievementUrl: key.slice(4) });

/** The API's rule tree from the form: one requirement per chosen micro-credential under the chosen rule. */
export function buildRules(own: PathwayOption[], chosen: Record<string, Chosen>, kind: RuleKind, n: number, credits: number) {
  const picked = own.filter((o) => o.achievementId && chosen[o.achievementId]);
  const idOf = (achievementId: string) => `part-${picked.findIndex((o) => o.achievementId === achievementId) + 1}`;
  const rules = picked.map((o) => {
    const choice = chosen[o.achievementId!]!;
    return {
      kind: 'achievement',
      id: idOf(o.achievementId!),
      achievementId: o.achievementId,
      equivalents: choice.equivalents.map(equivalenceOf),
      after: choice.after && chosen[choice.after] ? [idOf(choice.after)] : [],
    };
  });
  if (kind === 'nOf') return { kind, n, rules };
  if (kind === 'minCredits') return { kind, credits, rules };
  return { kind, rules };
}

function RequirementEditor({ option, choice, others, elsewhere, onChange }: { option: PathwayOption; choice: Chosen; others: PathwayOption[]; elsewhere: PathwayOption[]; onChange(next: Chosen): void }) {
  const id = option.achievementId!;
  return (
    <div className="pathway-requirement-editor">
      <p>
        <strong>{option.title}</strong>
        {option.credits !== null && <span className="table-subtext"> · {option.credits} credits</span>}
      </p>
      <div className="field">
        <label htmlFor={`eq-${id}`}>Also accept (equivalences)</label>
        <select id={`eq-${id}`} multiple value={choice.equivalents} onChange={(e) => onChange({ ...choice, equivalents: [...e.target.selectedOptions].map((o) => o.value) })}>
          {elsewhere.map((o) => (
            <option key={optionKey(o)} value={optionKey(o)}>
              {o.title} ({o.organisation})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`after-${id}`}>Only counts when earned after</label>
        <select id={`after-${id}`} value={choice.after} onChange={(e) => onChange({ ...choice, after: e.target.value })}>
          <option value="">(any order)</option>
          {others.map((o) => (
            <option key={o.achievementId} value={o.achievementId!}>
              {o.title}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function PathwayForm({ slug, own, elsewhere, onCreated }: { slug: string; own: PathwayOption[]; elsewhere: PathwayOption[]; onCreated(): Promise<void> }) {
  const [fields, setFields] = useState({ slug: '', title: '', description: '', achievementType: 'Certificate', kind: 'allOf' as RuleKind, n: 2, credits: 1 });
  const [chosen, setChosen] = useState<Record<string, Chosen>>({});
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: ['n', 'credits'].includes(name) ? Number(e.target.value) : e.target.value });
  const toggle = (id: string, on: boolean) => {
    const next = { ...chosen };
    if (on) next[id] = { equivalents: [], after: '' };
    else delete next[id];
    setChosen(next);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rules = buildRules(own, chosen, fields.kind, fields.n, fields.credits);
      await pathwaysApi.create(slug, { slug: fields.slug, definition: { title: fields.title, description: fields.description, achievementType: fields.achievementType, rules } });
      setFields({ ...fields, slug: '', title: '', description: '' });
      setChosen({});
      await onCreated();
    } catch (failure) {
      const issues = failure instanceof ApiError ? ((failure.extensions?.issues as Array<{ path: string; message: string }> | undefined) ?? []).map((i) => `${i.path}: ${i.message}`) : [];
      setError({ message: describeError(failure), issues });
    } finally {
      setBusy(false);
    }
  };
  const picked = own.filter((o) => o.achievementId && chosen[o.achievementId]);
  return (
    <form className="form pathway-form" onSubmit={submit} aria-labelledby="new-pathway">
      <h2 id="new-pathway">Define a pathway</h2>
      <div className="field">
        <label htmlFor="pathway-title">Title</label>
        <input id="pathway-title" required value={fields.title} onChange={set('title')} />
      </div>
      <div className="field">
        <label htmlFor="pathway-slug">Address (slug)</label>
        <input id="pathway-slug" required pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]" value={fields.slug} onChange={set('slug')} />
      </div>
      <div className="field">
        <label htmlFor="pathway-description">Description</label>
        <textarea id="pathway-description" required value={fields.description} onChange={set('description')} />
      </div>
      <div className="field">
        <label htmlFor="pathway-type">Credential type (Open Badges achievement type)</label>
        <select id="pathway-type" value={fields.achievementType} onChange={set('achievementType')}>
          {PATHWAY_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>Micro-credentials in this pathway</legend>
        {own.length === 0 && <p className="hint">Publish micro-credentials first: a pathway is made of published ones.</p>}
        {own.map((o) => (
          <label key={o.achievementId}>
            <input type="checkbox" checked={Boolean(chosen[o.achievementId!])} onChange={(e) => toggle(o.achievementId!, e.target.checked)} /> {o.title}
          </label>
        ))}
      </fieldset>
      {picked.map((o) => (
        <RequirementEditor key={o.achievementId} option={o} choice={chosen[o.achievementId!]!} others={picked.filter((p) => p !== o)} elsewhere={elsewhere} onChange={(next) => setChosen({ ...chosen, [o.achievementId!]: next })} />
      ))}
      <div className="field">
        <label htmlFor="pathway-rule">Rule</label>
        <select id="pathway-rule" value={fields.kind} onChange={set('kind')}>
          <option value="allOf">All of them</option>
          <option value="nOf">A number of them</option>
          <option value="minCredits">A minimum total of credits</option>
        </select>
      </div>
      {fields.kind === 'nOf' && (
        <div className="field">
          <label htmlFor="pathway-n">How many</label>
          <input id="pathway-n" type="number" min={1} value={fields.n} onChange={set('n')} />
        </div>
      )}
      {fields.kind === 'minCredits' && (
        <div className="field">
          <label htmlFor="pathway-credits">Credits needed</label>
          <input id="pathway-credits" type="number" min={0.5} step={0.5} value={fields.credits} onChange={set('credits')} />
        </div>
      )}
      {error && (
        <Alert tone="error" title="The pathway was not saved">
          {error.message}
          {error.issues.length > 0 && (
            <ul>
              {error.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        Save as draft
      </button>
    </form>
  );
}

function PathwayList({ items, onPublished }: { items: PathwayView[]; onPublished(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const publish = async (id: string) => {
    setError(null);
    try {
      await pathwaysApi.publish(id);
      await onPublished();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  if (items.length === 0) {
    return (
      <EmptyState title="No pathways yet">
        <p>Pathways you define appear here with their rules and status; learners see their progress once one is published.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      {error && <Alert tone="error">{error}</Alert>}
      <table className="table">
        <caption className="visually-hidden">Pathways, newest version of each</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Type</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.documentUrl ? <a href={p.documentUrl}>{p.title}</a> : p.title}</th>
              <td>{p.achievementType}</td>
              <td>{p.version}</td>
              <td>
                <span className={`status-tag status-${p.status}`}>{p.status === 'draft' ? 'Draft' : 'Published'}</span>
              </td>
              <td>
                {p.status === 'draft' && (
                  <button type="button" className="button button-small" onClick={() => publish(p.id)}>
                    Publish {p.title}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An issuer's pathways: define one from published micro-credentials and recognised equivalences, choose the rule, publish. */
export function OrganisationPathwaysPage() {
  const organisation = useOrganisation();
  const list = useApiData(() => pathwaysApi.list(organisation.slug), organisation.slug);
  const options = useApiData(() => pathwaysApi.options(organisation.slug), organisation.slug);
  return (
    <Page title="Pathways" caption={organisation.name} lead="Larger credentials your organisation builds from micro-credentials. Changing a published pathway's rules creates a new version; awards already made stand.">
      <Loaded state={list.state} what="pathways">
        {(items) => <PathwayList items={items} onPublished={list.reload} />}
      </Loaded>
      <Loaded state={options.state} what="micro-credentials to build from">
        {(data) => <PathwayForm slug={organisation.slug} own={data.own} elsewhere={data.elsewhere} onCreated={list.reload} />}
      </Loaded>
    </Page>
  );
}
