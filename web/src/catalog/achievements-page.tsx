import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function AchievementsPage() {
  const organisation = useOrganisation();
  return (
    <Page title="Micro-credentials" caption={organisation.name} lead="The micro-credentials your organisation defines and offers.">
      <EmptyState title="No micro-credentials yet">
        <p>
          Micro-credentials you draft and publish will appear here with their versions, learning outcomes, ESCO
          alignments, quality checklist and offerings. A published version never changes; edits create a new version.
        </p>
      </EmptyState>
    </Page>
  );
}
