import vine from '@vinejs/vine'

const action = vine.enum(['publish', 'archive'] as const)

/** GET /api/v1/workflows/:id/impact?action= */
export const impactQueryValidator = vine.create({ action })

/** POST /api/v1/workflows/:id/impact: the builder's unsaved graph (structure checked by the engine). */
export const impactBodyValidator = vine.create({ action, graph: vine.any().optional() })

/** GET /api/v1/dependencies/impact?action=archive&ids=1,2 (ids also as ids[]=1&ids[]=2). */
export const bulkImpactValidator = vine.create({
  action: vine.enum(['archive'] as const),
  ids: vine.array(vine.number().withoutDecimals().min(1)).minLength(1).maxLength(100).distinct(),
})
