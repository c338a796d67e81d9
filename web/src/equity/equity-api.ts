/**
 * The equity endpoints as the web app calls them. Types are the server's own (src/tracking/equity/equity.schema.ts,
 * imported for their types only).
 */
import type { EquityBreakdown, EquityCell, EquitySettings, MyEquity, MyEquityOrganisation } from '../../../src/tracking/equity/equity.schema.js';
import { api } from '../api/client.js';
import { filterQuery, type DashboardFilters } from '../tracking/tracking-api.js';

export type { EquityBreakdown, EquityCell, EquitySettings, MyEquity, MyEquityOrganisation } from '../../../src/tracking/equity/equity.schema.js';

const enc = encodeURIComponent;

export const equityApi = {
  settings: (slug: string) => api.get<EquitySettings>(`/api/v1/organisations/${enc(slug)}/equity/settings`),
  saveSettings: (slug: string, fields: string[]) => api.put<EquitySettings>(`/api/v1/organisations/${enc(slug)}/equity/settings`, { fields }),
  breakdown: (slug: string, filters: DashboardFilters) => api.get<EquityBreakdown>(`/api/v1/organisations/${enc(slug)}/equity/breakdown${filterQuery(filters)}`),
  mine: () => api.get<MyEquity>('/api/v1/me/equity'),
  declare: (slug: string, answers: Record<string, string>) => api.put<MyEquityOrganisation>(`/api/v1/me/equity/${enc(slug)}`, { answers }),
  withdraw: (slug: string) => api.delete(`/api/v1/me/equity/${enc(slug)}`),
};

export const EQUITY_FIGURE_LABELS = { enrolments: 'Enrolments', passes: 'Passes', credentials: 'Credentials' } as const satisfies Record<keyof Pick<EquityCell, 'enrolments' | 'passes' | 'credentials'>, string>;
export type EquityFigureKey = keyof typeof EQUITY_FIGURE_LABELS;
