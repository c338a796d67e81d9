/**
 * The tracking endpoints as the web app calls them. The response types are the server's own (zod schemas
 * in src/tracking/dashboard.schema.ts, imported for their types only, so nothing of the server is bundled).
 */
import { useEffect, useState } from 'react';
import type { DashboardQuery, MyProgress, OrganisationDashboard, PlatformDashboard } from '../../../src/tracking/dashboard.schema.js';
import { api, ApiError } from '../api/client.js';

export type { AchievementFigures, DashboardTotals, MonthFigures, MyProgress, OrganisationDashboard, PathwayFunnel, PlatformDashboard, SearchDemandRow, SkillFigures } from '../../../src/tracking/dashboard.schema.js';

/** What both dashboards share: the platform's adds organisations and search demand. */
export type DashboardFigures = Omit<OrganisationDashboard, 'organisation'>;

/** The filters of a dashboard, as they stand in the page's URL (`?from=2026-01&to=2026-12&achievement=<id>`). */
export type DashboardFilters = Pick<DashboardQuery, 'from' | 'to' | 'achievement'>;

export function filtersFrom(params: URLSearchParams): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const name of ['from', 'to', 'achievement'] as const) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

export function filterQuery(filters: DashboardFilters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export const trackingApi = {
  organisationDashboard: (slug: string, filters: DashboardFilters) =>
    api.get<OrganisationDashboard>(`/api/v1/organisations/${enc(slug)}/dashboard${filterQuery(filters)}`),
  platformDashboard: (filters: DashboardFilters) => api.get<PlatformDashboard>(`/api/v1/platform/dashboard${filterQuery(filters)}`),
  myProgress: () => api.get<MyProgress>('/api/v1/me/progress'),
};

/** Like useApiData, but a failure keeps the problem document's title as well as its detail, to show both. */
export type TrackingData<T> =
  | { status: 'loading' }
  | { status: 'failed'; title: string; detail: string; code: string }
  | { status: 'ready'; data: T };

export function useTrackingData<T>(load: () => Promise<T>, key: string): TrackingData<T> {
  const [state, setState] = useState<TrackingData<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError) setState({ status: 'failed', title: error.title, detail: error.detail, code: error.code });
        else setState({ status: 'failed', title: 'Something went wrong', detail: 'Please try again.', code: 'client.unexpected_response' });
      },
    );
    // A newer request (the filters changed) wins; the older answer is dropped when it arrives.
    return () => {
      current = false;
    };
    // `load` is an inline arrow, new on every render; `key` (the URL) decides a reload.
  }, [key]);
  return state;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-12" → "Dec 2026". */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}

/** "2026-01 to 2026-12", for file names and captions. */
export function rangeText(range: { from: string; to: string }): string {
  return range.from === range.to ? formatMonth(range.from) : `${formatMonth(range.from)} to ${formatMonth(range.to)}`;
}
