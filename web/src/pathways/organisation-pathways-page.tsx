import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function OrganisationPathwaysPage() {
  const organisation = useOrganisation();
  return (
    <Page title="Pathways" caption={organisation.name} lead="Larger credentials your organisation builds from micro-credentials.">
      <EmptyState title="No pathways yet">
        <p>
          Pathways you define will appear here with their rules (all of, a number of, credits, order), the equivalences
          you accept from other institutions, and how many learners are on each.
        </p>
      </EmptyState>
    </Page>
  );
}
