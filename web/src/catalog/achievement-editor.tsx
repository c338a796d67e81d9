import { useEffect, useMemo, useRef, type FormEvent, type ReactNode } from 'react';
import type { OrganisationSummary } from '../accounts/session.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { achievementsApi, type AchievementView } from './achievement-api.js';
import { ChecklistPanel } from './achievement-checklist.js';
import { fieldId, FieldsProvider, type EditorFields } from './achievement-fields.js';
import { useAchievementDraft } from './achievement-draft.js';
import { describePath, issueCountUnder, setIn, type Issues } from './achievement-form.js';
import { LabourMarketSection } from './achievement-labour-market.js';
import { OutcomesSection } from './achievement-outcomes.js';
import { AboutSection, AssessmentSection, OfferingSection, QualitySection, WorkloadSection } from './achievement-sections.js';
import { publicPagePath } from './catalogue-search.js';
import './achievement-editor.css';

/** Each section: its heading, and the paths whose issues it counts ("2 need attention"). */
function Section({ id, title, issues, paths, children }: { id: string; title: string; issues: Issues; paths: string[]; children: ReactNode }) {
  const count = paths.reduce((n, path) => n + issueCountUnder(issues, path), 0);
  return (
    <section className="panel editor-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title}
        {count > 0 && <span className="section-issues"> ({count} need{count === 1 ? 's' : ''} attention)</span>}
      </h2>
      {children}
    </section>
  );
}

/** Moves focus to the field an issue is about, or the nearest enclosing group that is on the page. */
function focusField(path: string) {
  for (let parts = path.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const element = document.getElementById(fieldId(parts.join('.')));
    if (element) {
      const target = element.matches('input, select, textarea') ? element : (element.querySelector('input, select, textarea, button') as HTMLElement | null) ?? element;
      target.focus();
      target.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

function ErrorSummary({ issues, summaryRef }: { issues: Issues; summaryRef: React.RefObject<HTMLDivElement | null> }) {
  const entries = [...issues].flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading">
        {entries.length} {entries.length === 1 ? 'field needs' : 'fields need'} attention
      </h2>
      <ul>
        {entries.map(({ path, message }) => (
          <li key={`${path}:${message}`}>
            <a
              href={`#${fieldId(path)}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(path);
              }}
            >
              {describePath(path)}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Save and publish a draft; start the next version of a published one; retire what is offered. */
function EditorActions({ draft }: { draft: ReturnType<typeof useAchievementDraft> }) {
  const { view, message, busy, readOnly, checklist, dirty } = draft;
  const status = view?.version.status ?? 'draft';
  const publishBlocked = checklist !== null && !checklist.publishable;
  return (
    <div className="editor-actions" role="group" aria-label="Actions">
      {message && (
        <Alert tone={message.tone} title={message.title}>
          {message.body}
        </Alert>
      )}
      {!readOnly && (
        <>
          <button type="submit" className="button" disabled={busy}>
            {view ? 'Save draft' : 'Create draft'}
          </button>
          <button type="button" className="button button-primary" disabled={busy || publishBlocked} aria-describedby="publish-hint" onClick={() => void draft.publish()}>
            Publish
          </button>
          <p className="hint" id="publish-hint">
            {publishBlocked ? 'Publishing needs every essential element of the checklist met.' : 'Publishing saves the draft and makes this version public; it never changes after that.'}
            {dirty && view && ' You have unsaved changes.'}
          </p>
        </>
      )}
      {readOnly && view && (
        <>
          {view.version.documentUrl && (
            <a className="button" href={publicPagePath(view.version.documentUrl)}>
              View the public page
            </a>
          )}
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void draft.act(achievementsApi.newVersion, (v) => `Version ${v.version.version} started as a draft`)}>
            Start version {view.version.version + 1}
          </button>
        </>
      )}
      {view && (status === 'published' || (status === 'draft' && view.version.version > 1)) && (
        <ConfirmButton label="Retire" subject={`the published versions of ${draft.definition.title}`} onConfirm={async () => void (await draft.act(achievementsApi.retire, () => 'Retired: it is no longer offered; its public pages stay online for the credentials issued'))} />
      )}
    </div>
  );
}

interface EditorProps {
  organisation: OrganisationSummary;
  /** The saved achievement; null while creating a new one. */
  saved: AchievementView | null;
  /** Called after a change the server made (publish, new version, retire), to load the achievement afresh. */
  onChanged(view: AchievementView): void;
}

/** The micro-credential editor: the definition's sections, the live checklist beside them, and the actions. */
export function AchievementEditor({ organisation, saved, onChanged }: EditorProps) {
  const draft = useAchievementDraft(organisation, saved, onChanged);
  const { definition, issues, readOnly, checklist } = draft;
  const summaryRef = useRef<HTMLDivElement>(null);
  const fields: EditorFields = useMemo(() => ({ definition, issues, readOnly, update: (path, value) => draft.setDefinition((d) => setIn(d, path, value)) }), [definition, issues, readOnly]);

  // After a refused save, focus moves to the summary so keyboard and screen reader users land on what to fix.
  useEffect(() => {
    if (draft.refusedSave && draft.refusedSave.issues.size > 0) summaryRef.current?.focus();
  }, [draft.refusedSave]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void draft.save();
  }

  const status = draft.view?.version.status ?? 'draft';
  return (
    <FieldsProvider value={fields}>
      <div className="editor-layout">
        <form className="editor-form" onSubmit={submit} noValidate aria-label="Micro-credential definition">
          <ErrorSummary issues={issues} summaryRef={summaryRef} />
          {readOnly && (
            <Alert tone="info" title={`This version is ${status}: it never changes`}>
              To edit it, start version {(draft.view?.version.version ?? 0) + 1}; this one stays as it is for the credentials issued under it.
            </Alert>
          )}
          <Section id="about" title="About" issues={issues} paths={['title', 'slug', 'description', 'criteria', 'humanCode', 'fieldOfStudy', 'language', 'issuerLocation']}>
            <AboutSection slug={draft.slugInput} />
          </Section>
          <Section id="outcomes" title="Learning outcomes and ESCO skills" issues={issues} paths={['outcomes']}>
            <OutcomesSection />
          </Section>
          <Section id="assessment" title="Assessment" issues={issues} paths={['assessment', 'evidenceRequirements', 'assessmentOnlyRoute', 'prerequisites']}>
            <AssessmentSection />
          </Section>
          <Section id="workload" title="Workload, credit and level" issues={issues} paths={['notionalHours', 'durationWeeks', 'credit', 'eqfLevel', 'oqfCategory', 'noc', 'cip']}>
            <WorkloadSection />
          </Section>
          <Section id="offering" title="Offering" issues={issues} paths={['deliveryModes', 'price', 'startDates']}>
            <OfferingSection />
          </Section>
          <Section id="labour-market" title="Labour market" issues={issues} paths={['labourMarket']}>
            <LabourMarketSection />
          </Section>
          <Section id="quality" title="Stacking, validity and quality assurance" issues={issues} paths={['stackability', 'validity', 'qualityAssurance']}>
            <QualitySection />
          </Section>
          <EditorActions draft={draft} />
        </form>
        <ChecklistPanel checklist={checklist} stale={draft.stale} />
      </div>
    </FieldsProvider>
  );
}
