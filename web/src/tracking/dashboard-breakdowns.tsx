/** The per-micro-credential, per-pathway and per-skill charts of a dashboard, over its whole range. */
import { formatFigure, formatRate, type ChartColumn } from '../ui/chart-data.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { BarSeriesChart } from '../ui/charts.js';
import type { AchievementFigures, PathwayFunnel, SkillFigures } from './tracking-api.js';

/** An achievement's figures with the name its bar carries (its organisation added on the platform dashboard). */
type AchievementRow = AchievementFigures & { name: string };

const percent = (value: number) => `${Math.round(value * 100)}%`;
const days = (value: unknown) => (typeof value === 'number' ? `${formatFigure(value)} days` : '—');

const nameColumn: ChartColumn<AchievementRow> = { key: 'name', label: 'Micro-credential' };

const completionColumns: ChartColumn<AchievementRow>[] = [
  nameColumn,
  { key: 'enrolments', label: 'Enrolments' },
  { key: 'completions', label: 'Completions' },
  { key: 'completionRate', label: 'Completion rate', format: formatRate },
  { key: 'medianDaysToCredential', label: 'Median days to credential', format: days },
];

const assessmentColumns: ChartColumn<AchievementRow>[] = [
  nameColumn,
  { key: 'submissions', label: 'Submissions' },
  { key: 'resubmissions', label: 'Resubmissions' },
  { key: 'passed', label: 'Passed' },
  { key: 'returned', label: 'Returned' },
  { key: 'passRate', label: 'Pass rate', format: formatRate },
];

const credentialColumns: ChartColumn<AchievementRow>[] = [
  nameColumn,
  { key: 'issued', label: 'Issued' },
  { key: 'revoked', label: 'Revoked' },
  { key: 'verifications', label: 'Verifications' },
];

interface BreakdownProps {
  achievements: readonly AchievementFigures[];
  pathways: readonly PathwayFunnel[];
  skills: readonly SkillFigures[];
  fileSuffix: string;
  /** On the platform dashboard several organisations may name a micro-credential alike. */
  showOrganisation?: boolean;
}

export function DashboardBreakdowns({ achievements, pathways, skills, fileSuffix, showOrganisation = false }: BreakdownProps) {
  const rows: AchievementRow[] = achievements.map((figures) => ({
    ...figures,
    name: showOrganisation && figures.organisation ? `${figures.title} (${figures.organisation})` : figures.title,
  }));
  const empty = 'No micro-credential had activity in this range.';
  return (
    <>
      <section aria-labelledby="achievements-heading" className="dashboard-section">
        <h2 id="achievements-heading">Per micro-credential</h2>
        <div className="chart-grid">
          <ChartFigure title="Completion rate" description="Enrolments in the range that ended with a credential." columns={completionColumns} rows={rows} fileSuffix={fileSuffix} emptyText={empty}>
            <BarSeriesChart rows={rows} category="name" series={[{ key: 'completionRate', label: 'Completion rate' }]} categoryLabel="Micro-credential" valueLabel="Share of enrolments" formatValue={percent} domain={[0, 1]} />
          </ChartFigure>
          <ChartFigure title="Time to credential" description="Median whole days from enrolment to credential." columns={completionColumns} rows={rows} fileSuffix={fileSuffix} emptyText={empty}>
            <BarSeriesChart rows={rows} category="name" series={[{ key: 'medianDaysToCredential', label: 'Median days' }]} categoryLabel="Micro-credential" valueLabel="Days" />
          </ChartFigure>
          <ChartFigure title="Assessment outcomes" description="Settled review decisions, and submissions made again after a return." columns={assessmentColumns} rows={rows} fileSuffix={fileSuffix} emptyText={empty}>
            <BarSeriesChart
              rows={rows}
              category="name"
              series={[
                { key: 'passed', label: 'Passed' },
                { key: 'returned', label: 'Returned' },
                { key: 'resubmissions', label: 'Resubmissions' },
              ]}
              categoryLabel="Micro-credential"
              valueLabel="Submissions"
            />
          </ChartFigure>
          <ChartFigure title="Pass rate" description="Passed out of all settled decisions." columns={assessmentColumns} rows={rows} fileSuffix={fileSuffix} emptyText={empty}>
            <BarSeriesChart rows={rows} category="name" series={[{ key: 'passRate', label: 'Pass rate' }]} categoryLabel="Micro-credential" valueLabel="Share of decisions" formatValue={percent} domain={[0, 1]} />
          </ChartFigure>
        </div>
        <ChartFigure title="Credentials per micro-credential" description="Issued, revoked and verified in the range." columns={credentialColumns} rows={rows} fileSuffix={fileSuffix} emptyText={empty}>
          <BarSeriesChart
            rows={rows}
            category="name"
            series={[
              { key: 'issued', label: 'Issued' },
              { key: 'revoked', label: 'Revoked' },
              { key: 'verifications', label: 'Verifications' },
            ]}
            categoryLabel="Micro-credential"
            valueLabel="Credentials"
          />
        </ChartFigure>
      </section>
      <PathwayFunnels pathways={pathways} fileSuffix={fileSuffix} />
      <TopSkills skills={skills} fileSuffix={fileSuffix} />
    </>
  );
}

type StepRow = PathwayFunnel['steps'][number];
const stepColumns: ChartColumn<StepRow>[] = [
  { key: 'label', label: 'Step' },
  { key: 'learners', label: 'Learners' },
];

function PathwayFunnels({ pathways, fileSuffix }: { pathways: readonly PathwayFunnel[]; fileSuffix: string }) {
  return (
    <section aria-labelledby="pathways-heading" className="dashboard-section">
      <h2 id="pathways-heading">Pathway progress</h2>
      {pathways.length === 0 && <p className="hint">No published pathway yet: each one gets a funnel here, from enrolled in a part to completed.</p>}
      <div className="chart-grid">
        {pathways.map((pathway) => (
          <ChartFigure key={pathway.pathwayId} title={`Pathway: ${pathway.title}`} description="Learners who reached each step; each step counts those of the next." columns={stepColumns} rows={pathway.steps} fileSuffix={fileSuffix}>
            <BarSeriesChart rows={pathway.steps} category="label" series={[{ key: 'learners', label: 'Learners' }]} categoryLabel="Step" valueLabel="Learners" />
          </ChartFigure>
        ))}
      </div>
    </section>
  );
}

const skillColumns: ChartColumn<SkillFigures>[] = [
  { key: 'label', label: 'ESCO skill' },
  { key: 'credentials', label: 'Credentials' },
  { key: 'uri', label: 'ESCO URI' },
];

function TopSkills({ skills, fileSuffix }: { skills: readonly SkillFigures[]; fileSuffix: string }) {
  return (
    <section aria-labelledby="skills-heading" className="dashboard-section">
      <h2 id="skills-heading">Skills certified</h2>
      <ChartFigure
        title="Most certified ESCO skills"
        description="Credentials issued in the range for micro-credentials aligned to each skill."
        columns={skillColumns}
        rows={skills}
        fileSuffix={fileSuffix}
        emptyText="No credential issued in this range certifies an ESCO skill."
      >
        <BarSeriesChart rows={skills} category="label" series={[{ key: 'credentials', label: 'Credentials' }]} categoryLabel="ESCO skill" valueLabel="Credentials" />
      </ChartFigure>
    </section>
  );
}
