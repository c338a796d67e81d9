import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function ReviewQueuePage() {
  const organisation = useOrganisation();
  return (
    <Page title="Review queue" caption={organisation.name} lead="Submissions waiting for your assessment.">
      <EmptyState title="Nothing is waiting for review">
        <p>
          Submissions assigned to you will appear here, oldest first. You will score each rubric criterion, leave
          feedback and record a decision; when two assessors disagree the submission goes to moderation.
        </p>
      </EmptyState>
    </Page>
  );
}
