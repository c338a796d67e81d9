import { api } from '../api/client.js';
import type { MembershipRole, OrganisationKind, OrganisationSummary } from './session.js';

/** An organisation as `GET /api/v1/organisations` lists it. */
export interface OrganisationView extends OrganisationSummary {
  url: string | null;
  description: string | null;
  createdAt: string;
}

/** One role of one person in an organisation; a person with two roles is two members. */
export interface MemberView {
  personId: string;
  email: string;
  displayName: string;
  role: MembershipRole;
  since: string;
}

export interface NewOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  url?: string;
  description?: string;
}

const organisationPath = (slug: string) => `/api/v1/organisations/${encodeURIComponent(slug)}`;

export async function listOrganisations(): Promise<OrganisationView[]> {
  return (await api.get<{ items: OrganisationView[] }>('/api/v1/organisations')).items;
}

export function createOrganisation(input: NewOrganisation): Promise<OrganisationView> {
  return api.post<OrganisationView>('/api/v1/organisations', input);
}

export async function listMembers(slug: string): Promise<MemberView[]> {
  return (await api.get<{ items: MemberView[] }>(`${organisationPath(slug)}/members`)).items;
}

export function addMember(slug: string, input: { email: string; role: MembershipRole }): Promise<MemberView> {
  return api.post<MemberView>(`${organisationPath(slug)}/members`, input);
}

export function removeMember(slug: string, member: Pick<MemberView, 'personId' | 'role'>): Promise<void> {
  return api.delete(`${organisationPath(slug)}/members/${encodeURIComponent(member.personId)}/${member.role}`);
}
