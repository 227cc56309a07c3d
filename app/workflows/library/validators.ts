import vine from '@vinejs/vine'

const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

/** PUT /api/v1/workflows/:id/component */
export const componentValidator = vine.create({
  name: optionalText(120),
  description: optionalText(500),
  category: optionalText(60),
  // A PrimeIcons class, e.g. "pi pi-calculator".
  icon: vine
    .string()
    .trim()
    .maxLength(60)
    .regex(/^pi pi-[a-z0-9-]+$/)
    .nullable()
    .optional(),
})

/** POST /api/v1/workflows/:id/component/shares: the grantee by slug or name. */
export const shareValidator = vine.create({
  tenant: vine.string().trim().minLength(1).maxLength(120),
})
