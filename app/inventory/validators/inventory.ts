import vine from '@vinejs/vine'
import { MOVEMENT_KINDS } from '#inventory/models/stock_movement'
import { currencyField, idField, moneyField } from '#finance/support/fields'

const sku = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)

export const createItemValidator = vine.create({
  sku: sku(),
  name: vine.string().trim().minLength(1).maxLength(200),
  unit: vine.string().trim().minLength(1).maxLength(20).optional(),
  minimumStock: vine.number().withoutDecimals().min(0).max(1e9).optional(),
  unitCost: moneyField().nullable().optional(),
  currency: currencyField().optional(),
  initialStock: vine.number().withoutDecimals().min(0).max(1e9).optional(),
})

export const updateItemValidator = vine.create({
  sku: sku().optional(),
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  unit: vine.string().trim().minLength(1).maxLength(20).optional(),
  minimumStock: vine.number().withoutDecimals().min(0).max(1e9).optional(),
  unitCost: moneyField().nullable().optional(),
  currency: currencyField().optional(),
})

export const stockMovementValidator = vine.create({
  itemId: idField(),
  kind: vine.enum(MOVEMENT_KINDS),
  quantity: vine.number().withoutDecimals().min(-1e9).max(1e9),
  reference: vine.string().trim().maxLength(200).nullable().optional(),
})
