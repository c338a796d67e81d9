import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { achievementsApi, type Checklist, type Definition } from './achievement-api.js';
import { issuesFrom, prepareForSave } from './achievement-form.js';
import { useDebounced } from './achievement-hooks.js';

const PREVIEW_DELAY_MS = 500;

export interface LiveChecklist {
  checklist: Checklist | null;
  /** The definition changed into one the server refuses to judge; `issues` says where. */
  stale: boolean;
  issues: Map<string, string[]>;
}

/**
 * The checklist of the definition being edited, asked of the server (which owns the rules) once the issuer
 * pauses. Until the definition is complete enough to judge, the last checklist stays, marked stale.
 */
export function useLiveChecklist(organisationSlug: string, definition: Definition, options: { achievementId?: string; enabled: boolean; initial: Checklist | null }): LiveChecklist {
  const settled = useDebounced(definition, PREVIEW_DELAY_MS);
  const [state, setState] = useState<LiveChecklist>({ checklist: options.initial, stale: false, issues: new Map() });
  const { achievementId, enabled } = options;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    achievementsApi.previewChecklist(organisationSlug, prepareForSave(settled), achievementId).then(
      (checklist) => current && setState({ checklist, stale: false, issues: new Map() }),
      (error: unknown) => {
        if (!current) return;
        const issues = error instanceof ApiError ? issuesFrom(error.extensions) : new Map<string, string[]>();
        setState((previous) => ({ checklist: previous.checklist, stale: true, issues }));
      },
    );
    return () => {
      current = false;
    };
  }, [organisationSlug, settled, achievementId, enabled]);

  return state;
}
