import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OrganisationSummary } from '../accounts/session.js';
import { ApiError, describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { achievementsApi, type AchievementView, type Definition } from './achievement-api.js';
import { ChecklistPanel } from './achievement-checklist.js';
import { fieldId, FieldsProvider, type EditorFields } from './achievement-fields.js';
import { blankDefinition, describePath, issueCountUnder, issuesFrom, prepareForSave, setIn, slugFromTitle, type Issues } from './achievement-form.js';
import { LabourMarketSection } from './achievement-labour-market.js';
import { useLiveChecklist } from './achievement-live-checklist.js';
import { OutcomesSection } from './achievement-outcomes.js';
import { AboutSection, AssessmentSection, OfferingSection, QualitySection, WorkloadSection, type SlugInput } from './achievement-sections.js';
import { publicPagePath } from './catalogue-search.js';
import './achievement-editor.css';

type Message = { tone: 'error' | 'success' | 'info'; title: string; body?: ReactNode };

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

interface EditorProps {
  organisation: OrganisationSummary;
  /** The saved achievement; null while creating a new one. */
  saved: AchievementView | null;
  /** Called after a change the server made (publish, new version, retire), to load the achievement afresh. */
  onChanged(view: AchievementView): void;
}

/** The micro-credential editor: the definition's sections, the live checklist beside them, and the actions. */
export function AchievementEditor({ organisation, saved, onChanged }: EditorProps) {
  const navigate = useNavigate();
  const [view, setView] = useState(saved);
  const [definition, setDefinition] = useState<Definition>(() => saved?.version.definition ?? blankDefinition());
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [saveIssues, setSaveIssues] = useState<{ definition: Definition; issues: Issues } | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const status = view?.version.status ?? 'draft';
  const readOnly = status !== 'draft';
  const live = useLiveChecklist(organisation.slug, definition, { achievementId: view?.id, enabled: !readOnly, initial: view?.checklist ?? null });
  const checklist = readOnly ? (view?.checklist ?? null) : live.checklist;
  const dirty = !view || JSON.stringify(prepareForSave(definition)) !== JSON.stringify(view.version.definition);

  // A refused save's messages stand until the definition changes; from then on the live check keeps them
  // current as the issuer fixes each field (the web address, which it does not judge, keeps its message).
  const issues: Issues = useMemo(() => {
    if (!saveIssues) return new Map();
    if (saveIssues.definition === definition) return saveIssues.issues;
    const merged = new Map(live.stale ? live.issues : []);
    const slugIssues = saveIssues.issues.get('slug');
    if (slugIssues && !view) merged.set('slug', slugIssues);
    return merged;
  }, [saveIssues, definition, live, view]);

  const fields: EditorFields = useMemo(() => ({ definition, issues, readOnly, update: (path, value) => setDefinition((d) => setIn(d, path, value)) }), [definition, issues, readOnly]);
  const slugInput: SlugInput | undefined = view
    ? undefined
    : {
        value: slugTouched ? slug : slugFromTitle(definition.title),
        onChange: (value) => {
          setSlugTouched(true);
          setSlug(value);
        },
      };

  function refused(error: unknown, title: string) {
    const found = error instanceof ApiError ? issuesFrom(error.extensions) : new Map<string, string[]>();
    setSaveIssues({ definition, issues: found });
    setMessage(found.size > 0 ? null : { tone: 'error', title, body: describeError(error) });
    // Focus moves to the summary so keyboard and screen reader users land on the list of what to fix.
    setTimeout(() => summaryRef.current?.focus(), 0);
  }

  async function save(): Promise<AchievementView | null> {
    setBusy(true);
    setMessage(null);
    try {
      const body = prepareForSave(definition);
      const result = view ? await achievementsApi.update(view.id, body) : await achievementsApi.create(organisation.slug, slugInput?.value ?? '', body);
      setView(result);
      setSaveIssues(null);
      setMessage({ tone: 'success', title: view ? 'Draft saved' : 'Draft created' });
      if (view) onChanged(result);
      else navigate(`/orgs/${organisation.slug}/achievements/edit/${result.id}`, { replace: true });
      return result;
    } catch (error) {
      refused(error, 'The draft could not be saved');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    const draft = dirty ? await save() : view;
    if (!draft) return;
    setBusy(true);
    try {
      const published = await achievementsApi.publish(draft.id);
      setView(published);
      setMessage({
        tone: 'success',
        title: `Version ${published.version.version} is published`,
        body: published.version.documentUrl && <a href={publicPagePath(published.version.documentUrl)}>View the public page of version {published.version.version}</a>,
      });
      onChanged(published);
    } catch (error) {
      const missing = error instanceof ApiError && Array.isArray(error.extensions.missing) ? (error.extensions.missing as Array<{ name: string; whatToDo: string | null }>) : [];
      if (missing.length > 0) setMessage({ tone: 'error', title: 'Essential elements are missing', body: <ul>{missing.map((m) => <li key={m.name}>{m.name}: {m.whatToDo}</li>)}</ul> });
      else refused(error, 'The draft could not be published');
    } finally {
      setBusy(false);
    }
  }

  async function act(action: (id: string) => Promise<AchievementView>, done: (v: AchievementView) => string) {
    if (!view) return;
    setBusy(true);
    try {
      const result = await action(view.id);
      setView(result);
      setDefinition(result.version.definition);
      setMessage({ tone: 'success', title: done(result) });
      onChanged(result);
    } catch (error) {
      setMessage({ tone: 'error', title: 'That did not work', body: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  const publishBlocked = checklist !== null && !checklist.publishable;
  return (
    <FieldsProvider value={fields}>
      <div className="editor-layout">
        <form className="editor-form" onSubmit={submit} noValidate aria-label="Micro-credential definition">
          <ErrorSummary issues={issues} summaryRef={summaryRef} />
          {readOnly && (
            <Alert tone="info" title={`This version is ${status}: it never changes`}>
              To edit it, start version {(view?.version.version ?? 0) + 1}; this one stays as it is for the credentials issued under it.
            </Alert>
          )}
          <Section id="about" title="About" issues={issues} paths={['title', 'slug', 'description', 'criteria', 'humanCode', 'fieldOfStudy', 'language', 'issuerLocation']}>
            <AboutSection slug={slugInput} />
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
                <button type="button" className="button button-primary" disabled={busy || publishBlocked} aria-describedby="publish-hint" onClick={() => void publish()}>
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
                {view.version.documentUrl && <a className="button" href={publicPagePath(view.version.documentUrl)}>View the public page</a>}
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(achievementsApi.newVersion, (v) => `Version ${v.version.version} started as a draft`)}>
                  Start version {view.version.version + 1}
                </button>
                {status === 'published' && <ConfirmButton label="Retire" subject={definition.title} onConfirm={() => act(achievementsApi.retire, () => 'Retired: it is no longer offered; its public pages stay online')} />}
              </>
            )}
          </div>
        </form>
        <ChecklistPanel checklist={checklist} stale={!readOnly && live.stale} />
      </div>
    </FieldsProvider>
  );
}
