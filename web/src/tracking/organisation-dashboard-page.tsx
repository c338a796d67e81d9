import { useState } from 'react';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { achievementsApi } from '../catalog/achievement-api.js';
import { EquityBreakdownSection } from '../equity/equity-breakdown-section.js';
import { EquitySettingsSection } from '../equity/equity-settings-section.js';
import { Page } from '../ui/page.js';
import { DashboardFiltersForm, useDashboardFilters, type AchievementOption } from './dashboard-filters.js';
import { DashboardBody } from './dashboard-view.js';
import { filterQuery, trackingApi, useTrackingData } from './tracking-api.js';

/** An organisation's figures (issue #7): credentials over time, completion, assessment, pathways, skills, verifications. */
export function OrganisationDashboardPage() {
  const organisation = useOrganisation();
  const [filters, applyFilters] = useDashboardFilters();
  // Saving the equity settings changes which fields the breakdown shows: it reloads then.
  const [equityVersion, setEquityVersion] = useState(0);
  const state = useTrackingData(() => trackingApi.organisationDashboard(organisation.slug, filters), `${organisation.slug}${filterQuery(filters)}`);
  // Every micro-credential of the organisation can be chosen, not only those with activity in the range.
  const { state: options } = useApiData(
    async (): Promise<AchievementOption[]> => (await achievementsApi.list(organisation.slug)).map((a) => ({ id: a.id, title: a.version.definition.title })),
    organisation.slug,
  );
  return (
    <Page title="Dashboard" caption={organisation.name} lead="How your micro-credentials are taken up, assessed, issued and used.">
      <DashboardFiltersForm
        filters={filters}
        range={state.status === 'ready' ? state.data.range : undefined}
        achievements={options.status === 'ready' ? options.data : []}
        onApply={applyFilters}
      />
      <DashboardBody state={state} achievementTitle={(id) => (options.status === 'ready' ? options.data.find((option) => option.id === id)?.title : undefined)} />
      {/* Same filters as the dashboard: when the server refused them, the dashboard's alert already says why. */}
      {state.status !== 'failed' && <EquityBreakdownSection slug={organisation.slug} filters={filters} version={equityVersion} />}
      <EquitySettingsSection slug={organisation.slug} onSaved={() => setEquityVersion((v) => v + 1)} />
    </Page>
  );
}
