import { z } from 'zod';
import type { AchievementVersionRecord } from '../../catalog/achievement.repository.js';
import { achievementDefinitionSchema } from '../../catalog/achievement.schema.js';
import type { AchievementView } from '../../catalog/achievement.service.js';
import { CHECK_IDS, type Checklist } from '../../catalog/checklist.js';

// Response shapes of the catalogue routes: they drive serialisation and the OpenAPI document.

const checkIds = Object.values(CHECK_IDS) as [string, ...string[]];

export const checklistView = z.object({
  items: z.array(
    z.object({
      id: z.enum(checkIds),
      group: z.enum(['framework', 'eu']),
      name: z.string(),
      essential: z.boolean().describe('Essential elements block publishing when missing'),
      status: z.enum(['met', 'missing', 'warning']),
      detail: z.string(),
      whatToDo: z.string().nullable(),
    }),
  ),
  publishable: z.boolean(),
  osap: z.object({ eligible: z.boolean(), rules: z.array(z.object({ rule: z.string(), met: z.boolean() })) }).describe('Ontario student aid: between 5 and 300 hours, under 12 weeks'),
});

export const versionView = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  definition: achievementDefinitionSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  retiredAt: z.iso.datetime().nullable(),
  documentUrl: z.string().nullable().describe('The Open Badges 3.0 Achievement URL of this version; null for drafts'),
});

export const achievementView = z.object({
  id: z.uuid(),
  slug: z.string(),
  organisation: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  version: versionView.describe('The newest version the caller may see (drafts only for the organisation’s admins and assessors)'),
  checklist: checklistView,
});

export const toVersionView = (v: AchievementVersionRecord, documentUrl: string | null): z.infer<typeof versionView> => ({
  version: v.version,
  status: v.status,
  definition: v.definition,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
  retiredAt: v.retiredAt?.toISOString() ?? null,
  documentUrl,
});

export const toChecklistView = (checklist: Checklist): z.infer<typeof checklistView> => checklist;

export const toAchievementView = (view: AchievementView): z.infer<typeof achievementView> => ({
  id: view.achievement.id,
  slug: view.achievement.slug,
  organisation: { id: view.achievement.organisation.id, slug: view.achievement.organisation.slug, name: view.achievement.organisation.name },
  version: toVersionView(view.version, view.documentUrl),
  checklist: toChecklistView(view.checklist),
});
