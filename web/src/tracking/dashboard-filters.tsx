import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { filtersFrom, type DashboardFilters } from './tracking-api.js';

export interface AchievementOption {
  id: string;
  title: string;
}

/** The page's filters, read from and written to its URL, so a filtered dashboard can be bookmarked and shared. */
export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  function apply(next: DashboardFilters) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) if (value) query.set(name, value);
    setParams(query);
  }
  return [filters, apply];
}

interface DashboardFiltersFormProps {
  filters: DashboardFilters;
  /** The range the server used (defaults filled in), shown when the URL names none. */
  range?: { from: string; to: string };
  achievements: readonly AchievementOption[];
  onApply(next: DashboardFilters): void;
}

/**
 * From and to month and one micro-credential. The server judges the range (reversed, too long) and the
 * achievement; its problem is shown in place of the figures, so the rules live in one place.
 */
export function DashboardFiltersForm({ filters, range, achievements, onApply }: DashboardFiltersFormProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const text = String(form.get(name) ?? '').trim();
      return text === '' ? undefined : text;
    };
    onApply({ from: value('from'), to: value('to'), achievement: value('achievement') });
  }

  // Keyed by the URL's filters so the fields show what is applied after back/forward navigation, and by
  // the options: a select's default only applies to an option present when it mounts.
  const key = `${filters.from ?? ''}|${filters.to ?? ''}|${filters.achievement ?? ''}|${range?.from ?? ''}|${achievements.length}`;
  const known = achievements.some((option) => option.id === filters.achievement);
  return (
    <form key={key} className="panel dashboard-filters" aria-label="Dashboard filters" onSubmit={submit}>
      <div className="field">
        <label htmlFor="dashboard-from">From month</label>
        <input id="dashboard-from" name="from" type="month" defaultValue={filters.from ?? range?.from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="dashboard-to">To month</label>
        <input id="dashboard-to" name="to" type="month" defaultValue={filters.to ?? range?.to ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="dashboard-achievement">Micro-credential</label>
        <select id="dashboard-achievement" name="achievement" defaultValue={filters.achievement ?? ''}>
          <option value="">All micro-credentials</option>
          {filters.achievement && !known && <option value={filters.achievement}>{filters.achievement}</option>}
          {achievements.map((option) => (
            <option key={option.id} value={option.id}>
              {option.title}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button type="button" className="button button-link" onClick={() => onApply({})}>
          Reset
        </button>
      </div>
    </form>
  );
}
