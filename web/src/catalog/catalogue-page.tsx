import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function CataloguePage() {
  return (
    <Page
      title="Catalogue"
      lead="Micro-credentials offered by the issuers on this Tessera instance: what you learn, the skills they certify, and how to earn them."
    >
      <EmptyState title="No micro-credentials are published yet">
        <p>
          When an issuer publishes a micro-credential it will appear here with its learning outcomes, the ESCO skills and
          occupations it aligns to, its workload, price and language, and whether you can take a course or be assessed
          directly.
        </p>
      </EmptyState>
    </Page>
  );
}
