import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function CandidatesPage() {
  const organisation = useOrganisation();
  return (
    <Page title="Candidates" caption={organisation.name} lead="Credentials that candidates have chosen to share with your organisation.">
      <EmptyState title="No candidate has shared credentials with you yet">
        <p>
          When a candidate shares credentials with your organisation they will appear here, verified, with the skills
          they certify. Candidates decide what to share and can withdraw a share at any time.
        </p>
      </EmptyState>
    </Page>
  );
}
