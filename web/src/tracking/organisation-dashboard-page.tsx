import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function OrganisationDashboardPage() {
  const organisation = useOrganisation();
  return (
    <Page title="Dashboard" caption={organisation.name} lead="How your micro-credentials are taken up, assessed and used.">
      <EmptyState title="No activity to report yet">
        <p>
          Once learners enrol, figures will appear here: enrolments, assessment outcomes and turnaround, credentials
          issued and revoked, and how often holders share and get their credentials verified.
        </p>
      </EmptyState>
    </Page>
  );
}
