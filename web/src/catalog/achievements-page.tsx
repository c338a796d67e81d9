import { Link } from 'react-router-dom';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { achievementsApi, type AchievementView } from './achievement-api.js';
import { STATUS_LABELS } from './achievement-editor-page.js';
import { describeSummary, summariseChecklist } from './achievement-form.js';
import './achievement-editor.css';

function NewButton({ slug }: { slug: string }) {
  return (
    <Link className="button button-primary" to={`/orgs/${slug}/achievements/edit/new`}>
      New micro-credential
    </Link>
  );
}

/** Under a newer draft, the version that is (or was) offered: the list shows only the newest version of each. */
function EarlierVersion({ achievementId, draftVersion }: { achievementId: string; draftVersion: number }) {
  const { state } = useApiData(() => achievementsApi.versions(achievementId), `${achievementId}:${draftVersion}`);
  const offered = state.status === 'ready' ? state.data.find((v) => v.status !== 'draft') : undefined;
  if (!offered) return null;
  return (
    <span className="hint">
      {' '}
      (version {offered.version} {STATUS_LABELS[offered.status].toLowerCase()})
    </span>
  );
}

function AchievementRow({ item, slug }: { item: AchievementView; slug: string }) {
  const { version, checklist } = item;
  return (
    <tr>
      <th scope="row">
        <Link to={`/orgs/${slug}/achievements/edit/${item.id}`}>{version.definition.title}</Link>
      </th>
      <td>{version.version}</td>
      <td>
        <span className={`status-tag status-${version.status}`}>{STATUS_LABELS[version.status]}</span>
        {version.status === 'draft' && version.version > 1 && <EarlierVersion achievementId={item.id} draftVersion={version.version} />}
      </td>
      <td>
        {checklist.publishable ? 'Publishable' : 'Not publishable'}: {describeSummary(summariseChecklist(checklist))}
      </td>
      <td>{formatDate(version.updatedAt)}</td>
    </tr>
  );
}

/** The organisation's micro-credentials: the newest version of each (drafts, published, retired) with its checklist. */
export function AchievementsPage() {
  const organisation = useOrganisation();
  const { state } = useApiData(() => achievementsApi.list(organisation.slug), organisation.slug);
  return (
    <Page title="Micro-credentials" caption={organisation.name} lead="The micro-credentials your organisation defines and offers. A published version never changes; edits create a new version." actions={<NewButton slug={organisation.slug} />}>
      <Loaded state={state} what="micro-credentials">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No micro-credentials yet" action={<NewButton slug={organisation.slug} />}>
              <p>Micro-credentials you draft and publish will appear here with their version, status and quality checklist.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Micro-credentials of {organisation.name}, newest version of each</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Version</th>
                    <th scope="col">Status</th>
                    <th scope="col">Checklist</th>
                    <th scope="col">Last changed</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <AchievementRow key={item.id} item={item} slug={organisation.slug} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Page>
  );
}
