import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function PlatformDashboardPage() {
  return (
    <Page title="Platform dashboard" caption="Platform administration" lead="Activity across every organisation on this instance.">
      <EmptyState title="No activity to report yet">
        <p>
          Figures for the whole instance will appear here: organisations, published micro-credentials, credentials
          issued and verified, and the health of bulk jobs and status lists.
        </p>
      </EmptyState>
    </Page>
  );
}
