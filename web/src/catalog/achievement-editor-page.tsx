import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { achievementsApi, type AchievementView, type VersionStatus } from './achievement-api.js';
import { AchievementEditor } from './achievement-editor.js';
import { publicPagePath } from './catalogue-search.js';

export const STATUS_LABELS: Record<VersionStatus, string> = { draft: 'Draft', published: 'Published', retired: 'Retired' };

function BackLink({ slug }: { slug: string }) {
  return (
    <Link className="button button-link" to={`/orgs/${slug}/achievements`}>
      All micro-credentials
    </Link>
  );
}

/**
 * `/orgs/:slug/achievements/edit/new`: a blank draft. Editor paths sit under `edit/` because the server answers
 * `/orgs/:slug/achievements/:achievementSlug` itself (the public page), so a reload there would not reach the app.
 */
export function NewAchievementPage() {
  const organisation = useOrganisation();
  return (
    <Page title="New micro-credential" caption={organisation.name} lead="Describe it, state its outcomes with their ESCO skills, and watch the checklist: it is saved as a draft until you publish it." actions={<BackLink slug={organisation.slug} />}>
      <AchievementEditor organisation={organisation} saved={null} onChanged={() => undefined} />
    </Page>
  );
}

function VersionHistory({ achievementId, refresh }: { achievementId: string; refresh: number }) {
  const { state } = useApiData(() => achievementsApi.versions(achievementId), `${achievementId}:${refresh}`);
  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <Loaded state={state} what="versions">
        {(versions) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Published</th>
                  <th scope="col">Public page</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{STATUS_LABELS[v.status]}{v.retiredAt ? ` on ${formatDate(v.retiredAt)}` : ''}</td>
                    <td>{formatDate(v.publishedAt)}</td>
                    <td>{v.documentUrl ? <a href={publicPagePath(v.documentUrl)}>Version {v.version}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

/** `/orgs/:slug/achievements/edit/:achievementId`: the newest version, editable while it is a draft. */
export function AchievementEditorPage() {
  const organisation = useOrganisation();
  const { achievementId = '' } = useParams();
  const { state } = useApiData(() => achievementsApi.get(achievementId), achievementId);
  const [current, setCurrent] = useState<AchievementView | null>(null);
  const [refresh, setRefresh] = useState(0);
  const loaded = state.status === 'ready' ? state.data : null;
  const shown = current?.id === achievementId ? current : loaded;
  const title = shown?.version.definition.title ?? 'Micro-credential';
  const lead = shown ? `Version ${shown.version.version} · ${STATUS_LABELS[shown.version.status]} · ${shown.slug}` : undefined;
  return (
    <Page title={title} caption={organisation.name} lead={lead} actions={<BackLink slug={organisation.slug} />}>
      <Loaded state={state} what="micro-credential">
        {(view) => (
          <>
            <AchievementEditor
              organisation={organisation}
              saved={view}
              onChanged={(changed) => {
                setCurrent(changed);
                setRefresh((n) => n + 1);
              }}
            />
            <VersionHistory achievementId={view.id} refresh={refresh} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
