import type { ChartColumn } from '../ui/chart-data.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { BarSeriesChart } from '../ui/charts.js';
import { Page } from '../ui/page.js';
import { DashboardFiltersForm, useDashboardFilters } from './dashboard-filters.js';
import { DashboardBody } from './dashboard-view.js';
import { filterQuery, trackingApi, useTrackingData, type PlatformDashboard, type SearchDemandRow } from './tracking-api.js';

/** The same figures across every organisation, per organisation, and what people search for against what is offered. */
export function PlatformDashboardPage() {
  const [filters, applyFilters] = useDashboardFilters();
  const state = useTrackingData(() => trackingApi.platformDashboard(filters), `platform${filterQuery(filters)}`);
  const achievements = state.status === 'ready' ? state.data.achievements.map((a) => ({ id: a.achievementId, title: a.organisation ? `${a.title} (${a.organisation})` : a.title })) : [];
  return (
    <Page title="Platform dashboard" caption="Platform administration" lead="Activity across every organisation on this instance, and the skills people search for that nothing offers yet.">
      <DashboardFiltersForm filters={filters} range={state.status === 'ready' ? state.data.range : undefined} achievements={achievements} onApply={applyFilters} />
      <DashboardBody
        state={state}
        showOrganisation
        achievementTitle={(id) => achievements.find((option) => option.id === id)?.title}
        extra={(data, suffix) => (
          <>
            <OrganisationsChart organisations={data.organisations} fileSuffix={suffix} />
            <SearchDemandChart demand={data.searchDemand} fileSuffix={suffix} />
          </>
        )}
      />
    </Page>
  );
}

type OrganisationRow = PlatformDashboard['organisations'][number];
const organisationColumns: ChartColumn<OrganisationRow>[] = [
  { key: 'name', label: 'Organisation' },
  { key: 'issued', label: 'Issued' },
  { key: 'active', label: 'Active' },
  { key: 'enrolments', label: 'Enrolments' },
  { key: 'completions', label: 'Completions' },
  { key: 'verifications', label: 'Verifications' },
];

function OrganisationsChart({ organisations, fileSuffix }: { organisations: readonly OrganisationRow[]; fileSuffix: string }) {
  return (
    <section aria-labelledby="organisations-heading" className="dashboard-section">
      <h2 id="organisations-heading">Per organisation</h2>
      <ChartFigure title="Organisations" description="Credentials issued, enrolments and verifications of each organisation in the range." columns={organisationColumns} rows={organisations} fileSuffix={fileSuffix} emptyText="No organisation had activity in this range.">
        <BarSeriesChart
          rows={organisations}
          category="name"
          series={[
            { key: 'issued', label: 'Issued' },
            { key: 'enrolments', label: 'Enrolments' },
            { key: 'verifications', label: 'Verifications' },
          ]}
          categoryLabel="Organisation"
          valueLabel="Count"
        />
      </ChartFigure>
    </section>
  );
}

/** Terms shown: the server lists those without supply first, so the gaps are always among them. */
const DEMAND_SHOWN = 20;
const GAP_NOTE = 'nothing offered';

const demandColumns: ChartColumn<SearchDemandRow>[] = [
  { key: 'term', label: 'Search term' },
  { key: 'kind', label: 'Searched in', format: (value) => (value === 'occupation' ? 'Occupations' : 'Catalogue') },
  { key: 'searches', label: 'Searches' },
  { key: 'withoutResults', label: 'Searches without results' },
  { key: 'supply', label: 'Offerings matching now' },
];

const isGap = (row: SearchDemandRow) => row.supply === 0;

function SearchDemandChart({ demand, fileSuffix }: { demand: readonly SearchDemandRow[]; fileSuffix: string }) {
  const rows = demand.slice(0, DEMAND_SHOWN);
  const gaps = rows.filter(isGap).length;
  return (
    <section aria-labelledby="demand-heading" className="dashboard-section">
      <h2 id="demand-heading">Search demand and supply</h2>
      <ChartFigure
        title="Searched skills against offerings"
        description={`The ${DEMAND_SHOWN} leading search terms of the range (no searcher is recorded), against the published offerings that match each now. ${gaps === 0 ? 'Every term shown has an offering.' : `${gaps} term${gaps === 1 ? ' has' : 's have'} nothing on offer: marked "${GAP_NOTE}".`}`}
        columns={demandColumns}
        rows={rows}
        fileSuffix={fileSuffix}
        highlight={(row) => (isGap(row) ? GAP_NOTE : null)}
        emptyText="Nobody searched the catalogue in this range."
      >
        <BarSeriesChart
          rows={rows.map((row) => ({ ...row, term: isGap(row) ? `${row.term} (${GAP_NOTE})` : row.term }))}
          category="term"
          series={[
            { key: 'searches', label: 'Searches' },
            { key: 'supply', label: 'Offerings matching' },
          ]}
          categoryLabel="Search term"
          valueLabel="Count"
          highlight={isGap}
          highlightLabel={`Searches for a term with ${GAP_NOTE}`}
        />
      </ChartFigure>
    </section>
  );
}
