import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OrganisationSummary } from '../accounts/session.js';
import { ApiError, describeError } from '../api/client.js';
import { achievementsApi, type AchievementView, type Definition } from './achievement-api.js';
import { blankDefinition, issuesFrom, prepareForSave, slugFromTitle, type Issues } from './achievement-form.js';
import { useLiveChecklist, type LiveChecklist } from './achievement-live-checklist.js';
import type { SlugInput } from './achievement-sections.js';
import { publicPagePath } from './catalogue-search.js';

export type Message = { tone: 'error' | 'success' | 'info'; title: string; body?: ReactNode };
type RefusedSave = { definition: Definition; issues: Issues } | null;

/** The web address of a new micro-credential follows its title until the issuer types one. */
function useSlugInput(isNew: boolean, title: string): SlugInput | undefined {
  const [typed, setTyped] = useState<string | null>(null);
  return isNew ? { value: typed ?? slugFromTitle(title), onChange: setTyped } : undefined;
}

/**
 * The messages shown beside fields. A refused save's stand until the definition changes; from then on the
 * live check keeps them current as the issuer fixes each field (the web address, which it does not judge,
 * keeps its message).
 */
function useShownIssues(refusedSave: RefusedSave, definition: Definition, live: LiveChecklist, isNew: boolean): Issues {
  return useMemo(() => {
    if (!refusedSave) return new Map();
    if (refusedSave.definition === definition) return refusedSave.issues;
    const shown = new Map(live.stale ? live.issues : []);
    const slugIssues = refusedSave.issues.get('slug');
    if (slugIssues && isNew) shown.set('slug', slugIssues);
    return shown;
  }, [refusedSave, definition, live, isNew]);
}

const publishedMessage = (published: AchievementView): Message => ({
  tone: 'success',
  title: `Version ${published.version.version} is published`,
  body: published.version.documentUrl && <a href={publicPagePath(published.version.documentUrl)}>View the public page of version {published.version.version}</a>,
});

/** The essential elements a refused publish lists (`catalog.checklist_failed`), as a message. */
function missingMessage(error: unknown): Message | null {
  const missing = error instanceof ApiError && Array.isArray(error.extensions.missing) ? (error.extensions.missing as Array<{ name: string; whatToDo: string | null }>) : [];
  if (missing.length === 0) return null;
  return { tone: 'error', title: 'Essential elements are missing', body: <ul>{missing.map((m) => <li key={m.name}>{m.name}: {m.whatToDo}</li>)}</ul> };
}

/** A micro-credential being edited: the definition, what the server said about it, and the actions on it. */
export function useAchievementDraft(organisation: OrganisationSummary, saved: AchievementView | null, onChanged: (view: AchievementView) => void) {
  const navigate = useNavigate();
  const [view, setView] = useState(saved);
  const [definition, setDefinition] = useState<Definition>(() => saved?.version.definition ?? blankDefinition());
  const [refusedSave, setRefusedSave] = useState<RefusedSave>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const slugInput = useSlugInput(view === null, definition.title);
  const readOnly = (view?.version.status ?? 'draft') !== 'draft';
  const live = useLiveChecklist(organisation.slug, definition, { achievementId: view?.id, enabled: !readOnly, initial: view?.checklist ?? null });
  const issues = useShownIssues(refusedSave, definition, live, view === null);
  const dirty = !view || JSON.stringify(prepareForSave(definition)) !== JSON.stringify(view.version.definition);

  // Every server action: busy while it runs, then a message.
  const run = async <T,>(work: () => Promise<T>, onError: (error: unknown) => void): Promise<T | null> => {
    setBusy(true);
    setMessage(null);
    try {
      return await work();
    } catch (error) {
      onError(error);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const refused = (title: string) => (error: unknown) => {
    const found = error instanceof ApiError ? issuesFrom(error.extensions) : new Map<string, string[]>();
    // A taken web address is a conflict, not a validation issue, but it belongs beside the field all the same.
    if (error instanceof ApiError && error.code === 'catalog.achievement_slug_taken') found.set('slug', [error.detail]);
    setRefusedSave({ definition, issues: found });
    setMessage(missingMessage(error) ?? (found.size > 0 ? null : { tone: 'error', title, body: describeError(error) }));
  };

  const save = () =>
    run(async () => {
      const body = prepareForSave(definition);
      const result = view ? await achievementsApi.update(view.id, body) : await achievementsApi.create(organisation.slug, slugInput?.value ?? '', body);
      setView(result);
      setRefusedSave(null);
      setMessage({ tone: 'success', title: view ? 'Draft saved' : 'Draft created' });
      if (view) onChanged(result);
      else navigate(`/orgs/${organisation.slug}/achievements/edit/${result.id}`, { replace: true });
      return result;
    }, refused('The draft could not be saved'));

  const publish = async () => {
    const draft = dirty ? await save() : view;
    if (!draft) return;
    await run(async () => {
      const published = await achievementsApi.publish(draft.id);
      setView(published);
      setMessage(publishedMessage(published));
      onChanged(published);
    }, refused('The draft could not be published'));
  };

  const act = (action: (id: string) => Promise<AchievementView>, done: (result: AchievementView) => string) =>
    run(async () => {
      if (!view) return;
      const result = await action(view.id);
      // Retiring from a newer draft leaves the draft as it is, unsaved edits included.
      if (result.version.version !== view.version.version || result.version.status !== 'draft') setDefinition(result.version.definition);
      setView(result);
      setMessage({ tone: 'success', title: done(result) });
      onChanged(result);
    }, (error) => setMessage({ tone: 'error', title: 'That did not work', body: describeError(error) }));

  const checklist = readOnly ? (view?.checklist ?? null) : live.checklist;
  return { view, definition, setDefinition, slugInput, issues, refusedSave, message, busy, readOnly, stale: !readOnly && live.stale, checklist, dirty, save, publish, act };
}
