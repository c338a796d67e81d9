import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function PathwaysPage() {
  return (
    <Page title="Pathways" lead="Larger credentials built from micro-credentials, and how far along each one you are.">
      <EmptyState title="You are not following any pathways yet">
        <p>
          Pathways you follow will appear here with the micro-credentials they need, which you already hold, and which
          achievements from other institutions count towards them.
        </p>
      </EmptyState>
    </Page>
  );
}
