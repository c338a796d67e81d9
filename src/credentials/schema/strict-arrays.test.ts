import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { ARRAY_PROPERTIES, strictArrayErrors } from './strict-arrays.js';

/** Re-derives the array properties from the normative model source, independently of the constant. */
const arrayPropertiesFromModel = (): Record<string, string[]> => {
  const derived: Record<string, string[]> = {};
  let current: string | undefined;
  for (const file of ['ob_v3p0.lines', 'common_credentials.lines']) {
    for (const line of readFileSync(sharedDataPath('1edtech', 'ob_v3p0', file), 'utf8').split('\n')) {
      const cls = /^\s*Class (\w+) /.exec(line);
      if (cls) current = cls[1];
      const property = /^\s*Property (\S+) \S+ [0-9]\.\.\*(\s+array-compacted)?/.exec(line);
      if (property && current && !property[2]) (derived[current] ??= []).push(property[1]!);
    }
  }
  return derived;
};

describe('strict array rule', () => {
  it('matches the OB 3.0 data model for every class it covers', () => {
    const model = arrayPropertiesFromModel();
    for (const cls of ['AchievementCredential', 'EndorsementCredential', 'VerifiableCredential', 'Achievement', 'AchievementSubject', 'Profile', 'Result', 'ResultDescription', 'RubricCriterionLevel']) {
      expect([...ARRAY_PROPERTIES[cls]!].sort(), cls).toEqual([...(model[cls] ?? [])].sort());
    }
  });

  it('flags single values the published schema accepts', () => {
    const credential = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { type: ['AchievementSubject'], result: { type: ['Result'] }, achievement: { type: ['Achievement'], alignment: { type: ['Alignment'] }, tag: 'one' } },
    };
    expect(strictArrayErrors(credential).map((e) => e.instancePath)).toEqual(['/@context', '/credentialSubject/achievement/alignment', '/credentialSubject/achievement/tag', '/credentialSubject/result']);
  });

  it('accepts arrays and leaves array-compacted properties (type, proof) alone', () => {
    const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'OpenBadgeCredential', proof: { type: 'DataIntegrityProof' }, evidence: [] };
    expect(strictArrayErrors(credential)).toEqual([]);
  });
});
