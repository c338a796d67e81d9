import type { IssuableAchievement } from '../issuing/issuance.service.js';
import type { AchievementRepository } from './achievement.repository.js';
import type { AchievementService } from './achievement.service.js';

/**
 * What the issuing capability needs from the catalogue: a published version of an achievement and the OB
 * 3.0 document it is served as (a retired or draft version issues nothing). The newest published version
 * when none is named.
 */
export function issuableAchievementLookup(deps: { achievements: AchievementRepository; service: AchievementService }) {
  return async (achievementId: string, version?: number): Promise<IssuableAchievement | undefined> => {
    const achievement = await deps.achievements.findById(achievementId);
    if (!achievement) return undefined;
    const found =
      version === undefined
        ? (await deps.achievements.versions(achievementId, 'public')).find((v) => v.status === 'published')
        : await deps.achievements.version(achievementId, version, 'public');
    if (!found || found.status !== 'published') return undefined;
    return {
      achievementId,
      organisationId: achievement.organisation.id,
      version: found.version,
      document: await deps.service.document(achievement.organisation.slug, achievement.slug, found.version),
      validForMonths: found.definition.validity?.validForMonths ?? null,
    };
  };
}
