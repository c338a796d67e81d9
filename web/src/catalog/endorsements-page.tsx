import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function EndorsementsPage() {
  const organisation = useOrganisation();
  return (
    <Page
      title="Endorsements"
      caption={organisation.name}
      lead="Signed statements your organisation makes about micro-credentials and their issuers."
    >
      <EmptyState title="No endorsements yet">
        <p>
          Requests to endorse a micro-credential, and the endorsements you have issued, will appear here. Each
          endorsement is an Open Badges endorsement credential signed by your organisation.
        </p>
      </EmptyState>
    </Page>
  );
}
