import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { demoAchievements } from '../demo/demo-achievements.js';
import { sharedDataPath } from '../../test/support/shared-data.js';
import { achievementSchemaErrors, buildAchievementDocument, buildCheckedAchievementDocument, TARGET_TYPES } from './achievement.document.js';
import { escapeHtml, renderAchievementPage } from './achievement.page.js';
import type { AchievementDefinition } from './achievement.schema.js';

const PUBLIC_URL = 'http://localhost:3000';
const organisation = { slug: 'northbridge', name: 'Northbridge College', url: 'https://northbridge.example', description: null };
const definition = (index = 0): AchievementDefinition => structuredClone(demoAchievements[index]!.definition);
const input = (d: AchievementDefinition = definition(), version = 1) => ({ publicUrl: PUBLIC_URL, organisation, achievementSlug: 'spreadsheet-data-analysis', version, definition: d });

/**
 * An independent check against the published file in the shared reference data (not the engine's copy):
 * its `$defs/Achievement`, compiled with ajv here.
 */
const officialAchievementValidator = () => {
  const schema = JSON.parse(readFileSync(sharedDataPath('1edtech', 'schemas', 'ob_v3p0', 'ob_v3p0_achievementcredential_schema.json'), 'utf8')) as { $id: string };
  const ajv = addFormatsModule.default(new Ajv2019({ allErrors: true, strict: false }));
  ajv.addSchema(schema);
  return ajv.compile({ $ref: `${schema.$id}#/$defs/Achievement` });
};

describe('OB 3.0 Achievement document', () => {
  const validate = officialAchievementValidator();

  for (const [index, demo] of demoAchievements.entries()) {
    it(`${demo.slug} validates against the official Achievement schema`, () => {
      const document = buildCheckedAchievementDocument(input(definition(index), 3));
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
      expect(achievementSchemaErrors(document)).toEqual([]);
    });
  }

  it('says what the definition says, in OB 3.0 terms', () => {
    const d = definition();
    const document = buildAchievementDocument(input(d, 2));
    const id = `${PUBLIC_URL}/orgs/northbridge/achievements/spreadsheet-data-analysis/versions/2`;
    expect(document).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: d.title,
      description: d.description,
      creditsAvailable: 1,
      fieldOfStudy: 'Business analytics',
      humanCode: 'NBC-MC-SDA1',
      inLanguage: 'en',
      version: '2',
      creator: { id: 'did:web:localhost%3A3000:orgs:northbridge', type: ['Profile'], name: 'Northbridge College', url: 'https://northbridge.example' },
      related: [{ id: id.replace(/2$/, '1'), type: ['Related'], version: '1' }],
    });
    expect((document.criteria as { narrative: string }).narrative).toContain(d.criteria);
    const alignments = document.alignment as Array<Record<string, string>>;
    expect(alignments).toContainEqual({
      type: ['Alignment'],
      targetFramework: 'ESCO',
      targetType: TARGET_TYPES.escoSkill,
      targetName: 'use spreadsheets software',
      targetUrl: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be',
      targetCode: '1973c966-f236-40c9-b2d4-5d71a89019be',
    });
    expect(alignments.filter((a) => a.targetType === TARGET_TYPES.escoOccupation).map((a) => a.targetName)).toEqual(['data analyst', 'office clerk']);
    expect(alignments.filter((a) => a.targetType === TARGET_TYPES.noc).map((a) => a.targetCode)).toEqual(['13110', '14100']);
    expect(alignments.find((a) => a.targetType === TARGET_TYPES.cip)?.targetCode).toBe('52.0407');
    const results = document.resultDescription as Array<{ id: string; name: string; resultType: string }>;
    expect(results.filter((r) => r.resultType === 'Status').map((r) => r.name)).toEqual(d.outcomes.map((o) => o.statement));
    expect(results[0]!.id).toBe(`${id}#outcome-o1`);
    // The rubric: one RubricCriterionLevel result description per criterion, after the outcomes.
    const criteria = results.filter((r) => r.resultType === 'RubricCriterionLevel') as unknown as Array<Record<string, unknown>>;
    expect(criteria.map((c) => c.id)).toEqual(d.rubric!.criteria.map((c) => `${id}#criterion-${c.id}`));
    expect(criteria[0]!.rubricCriterionLevel).toEqual(
      d.rubric!.criteria[0]!.levels.map((l, i) => ({ id: `${id}#criterion-${d.rubric!.criteria[0]!.id}-level-${l.id}`, type: ['RubricCriterionLevel'], name: l.name, description: l.description, level: String(i + 1), points: String(l.points) })),
    );
    expect(criteria[0]!.requiredLevel).toBe(`${id}#criterion-data-preparation-level-competent`);
    expect((criteria[0]!.alignment as Array<{ targetName: string }>).map((a) => a.targetName)).toEqual(['use spreadsheets software']);
  });

  it('reports where a document breaks the official schema', () => {
    const document = buildAchievementDocument(input());
    delete document.name;
    document.achievementType = 'Micro Credential';
    document.alignment = (document.alignment as unknown[])[0];
    const paths = achievementSchemaErrors(document).map((e) => e.instancePath);
    expect(paths).toContain('/');
    expect(paths).toContain('/achievementType');
    expect(paths).toContain('/alignment');
    expect(validate(document)).toBe(false);
    expect(() => buildCheckedAchievementDocument({ ...input(), definition: { ...definition(), language: 'not a language' } })).toThrow(/schema/);
  });
});

describe('achievement page', () => {
  const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;\'';

  it('escapes everything an issuer typed', () => {
    const d = definition();
    d.title = hostile;
    d.description = `${hostile} description long enough`;
    d.criteria = hostile;
    d.outcomes[0]!.statement = hostile;
    d.outcomes[0]!.escoSkills[0]!.label = hostile;
    d.evidenceRequirements = [hostile];
    d.labourMarket.employerPartners = [{ name: hostile, consultedOn: '2026-01-01' }];
    d.prerequisites = hostile;
    const html = renderAchievementPage({ publicUrl: PUBLIC_URL, organisation: { slug: 'northbridge', name: hostile }, achievementSlug: 'x', version: 1, status: 'published', publishedAt: new Date('2026-05-01T00:00:00Z'), definition: d });
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain(escapeHtml(hostile));
    expect(html.split(escapeHtml(hostile)).length - 1).toBeGreaterThanOrEqual(9);
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;&#39;');
  });

  it('is a readable page: language, one heading, landmarks, and a link to the machine-readable document', () => {
    const d = definition(1);
    const html = renderAchievementPage({ publicUrl: PUBLIC_URL, organisation, achievementSlug: 'workplace-health-and-safety', version: 1, status: 'retired', publishedAt: null, definition: d });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<main>');
    expect(html).toContain('<link rel="alternate" type="application/ld+json" href="http://localhost:3000/orgs/northbridge/achievements/workplace-health-and-safety/versions/1">');
    expect(html).toContain('2027-01-11, 2027-04-12');
    expect(html).toContain('has been retired');
  });
});
