import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function BulkIssuancePage() {
  const organisation = useOrganisation();
  return (
    <Page title="Bulk issuance" caption={organisation.name} lead="Issue many credentials at once from a CSV file or the API.">
      <EmptyState title="No bulk jobs yet">
        <p>
          Bulk jobs you start will appear here with their progress, each row’s outcome and a report to download. A job
          that stops part-way resumes where it left off without issuing anything twice.
        </p>
      </EmptyState>
    </Page>
  );
}
