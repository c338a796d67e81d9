import { authorizeWith } from '../accounts/access.js';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import { hasRole, type PersonPrincipal, type Principal } from '../accounts/principal.js';
import { forbidden } from '../errors.js';
import { achievementRows, activeOf, funnelOf, monthSeries, topSkills, totalsOf } from './dashboard-figures.js';
import { resolveRange } from './dashboard-range.js';
import type { DashboardRepository, Slice } from './dashboard.repository.js';
import type { DashboardQuery, DashboardRange, OrganisationDashboard, PlatformDashboard } from './dashboard.schema.js';
import type { SearchDemand } from './search-demand.js';
import { unknownAchievement } from './tracking.errors.js';

const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean => hasRole(p, r.organisationId, 'admin') || p.person.isPlatformAdmin;

/** Who may read which figures: the tracking capability's access table. */
export const trackingPolicies = {
  'tracking.organisation': { scope: 'tracking:read', allow: organisationAdmin },
  'tracking.platform': { scope: 'tracking:read', allow: (p: PersonPrincipal, _r: Record<string, never>) => p.person.isPlatformAdmin },
} as const;

const SKILLS_SHOWN = 20;
const PATHWAYS_SHOWN = 50;
const SEARCH_TERMS_SHOWN = 50;

export interface DashboardServiceDeps {
  dashboards: DashboardRepository;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  searchDemand: Pick<SearchDemand, 'demandVsSupply'>;
  /** Folds events not yet counted (cheap when none): a dashboard right after an action shows it. */
  refresh: () => Promise<unknown>;
  clock: () => Date;
}

/** The organisation and platform dashboards, assembled from the rollups. */
export function createDashboardService(deps: DashboardServiceDeps) {
  const { dashboards } = deps;

  async function body(slice: Slice, range: DashboardRange) {
    const [monthly, perAchievement, histogram, histograms, funnels, refreshedAt] = await Promise.all([
      dashboards.monthly(slice, range),
      dashboards.byAchievement(slice, range),
      dashboards.timeToCredential(slice, range),
      dashboards.timeToCredentialByAchievement(slice, range),
      dashboards.pathwayFunnelCounts(slice.organisationId, range, PATHWAYS_SHOWN),
      dashboards.refreshedAt(),
    ]);
    const months = monthSeries(range, monthly);
    const issued = [...perAchievement].flatMap(([id, figures]) => (figures.issued > 0 ? [{ id, credentials: figures.issued }] : []));
    const [names, skillsOf] = await Promise.all([dashboards.achievementNames([...perAchievement.keys()]), dashboards.skillsOf(issued.map((i) => i.id))]);
    return {
      range,
      achievementId: slice.achievementId,
      refreshedAt: refreshedAt?.toISOString() ?? null,
      totals: totalsOf(months, monthly, histogram),
      months,
      achievements: achievementRows(perAchievement, histograms, names),
      pathways: funnels.pathways.map((p) => funnelOf(p, funnels.counts.filter((c) => c.pathwayId === p.pathwayId))),
      skills: topSkills(issued, skillsOf, SKILLS_SHOWN),
    };
  }

  async function checkedQuery(query: DashboardQuery, organisationId: string | null): Promise<{ range: DashboardRange; achievementId: string | null }> {
    const range = resolveRange(query, deps.clock());
    if (query.achievement !== undefined && !(await dashboards.achievementExists(query.achievement, organisationId))) throw unknownAchievement(query.achievement);
    return { range, achievementId: query.achievement ?? null };
  }

  return {
    /** An organisation's dashboard: its admins and platform admins; anyone else (or an unknown slug) 403. */
    async organisation(principal: Principal, slug: string, query: DashboardQuery): Promise<OrganisationDashboard> {
      const organisation = await deps.organisations.findBySlug(slug);
      // Absent looks like forbidden: a dashboard does not reveal which organisations exist.
      if (!organisation) {
        authorizeWith(trackingPolicies, principal, 'tracking.organisation', { organisationId: '00000000-0000-0000-0000-000000000000' });
        throw forbidden();
      }
      authorizeWith(trackingPolicies, principal, 'tracking.organisation', { organisationId: organisation.id });
      const { range, achievementId } = await checkedQuery(query, organisation.id);
      await deps.refresh();
      return { organisation: { slug: organisation.slug, name: organisation.name }, ...(await body({ organisationId: organisation.id, achievementId }, range)) };
    },

    /** Every organisation together, per organisation, and search demand against supply: platform admins. */
    async platform(principal: Principal, query: DashboardQuery): Promise<PlatformDashboard> {
      authorizeWith(trackingPolicies, principal, 'tracking.platform', {});
      const { range, achievementId } = await checkedQuery(query, null);
      await deps.refresh();
      const slice: Slice = { organisationId: null, achievementId };
      const [figures, perOrganisation, organisations, searchDemand] = await Promise.all([
        body(slice, range),
        dashboards.byOrganisation(achievementId, range),
        dashboards.organisationNames(),
        deps.searchDemand.demandVsSupply(range, SEARCH_TERMS_SHOWN),
      ]);
      const rows = [...perOrganisation].flatMap(([id, { inRange, toDate }]) => {
        const organisation = organisations.get(id);
        if (!organisation) return [];
        return [{
          slug: organisation.slug,
          name: organisation.name,
          issued: inRange.issued,
          active: activeOf(toDate),
          enrolments: inRange.enrolments,
          completions: inRange.completions,
          verifications: inRange.verifications,
        }];
      });
      return { ...figures, organisations: rows.sort((a, b) => b.issued - a.issued || a.name.localeCompare(b.name)), searchDemand };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
