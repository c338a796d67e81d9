import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function LearningPage() {
  return (
    <Page title="My learning" lead="The micro-credentials you are working towards and where each assessment stands.">
      <EmptyState title="You are not enrolled on anything yet" action={<Link to="/catalogue">Find a micro-credential</Link>}>
        <p>
          When you enrol, by taking a course or going straight to assessment, it will appear here with your submissions,
          the evidence you handed in and your assessors’ feedback.
        </p>
      </EmptyState>
    </Page>
  );
}
