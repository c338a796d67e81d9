import { z } from 'zod';
import { achievementDefinitionSchema } from './achievement.schema.js';

/** A definition to judge without saving it (the editor's live checklist); `achievementId` names the achievement it is a draft of, if any. */
export const checklistPreviewInput = z.object({ definition: achievementDefinitionSchema, achievementId: z.uuid().optional() }).strict();

export type ChecklistPreviewInput = z.infer<typeof checklistPreviewInput>;
