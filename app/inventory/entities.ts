import { entityRegistry } from '#core/entities/registry'
import Item from '#inventory/models/item'
import { inventoryService } from '#inventory/services/inventory_service'
import { createItemValidator, updateItemValidator } from '#inventory/validators/inventory'
import { asRecord, findRecord, requireRowId } from '#finance/support/registry'
import { BusinessRuleError } from '#finance/support/business_error'

/**
 * Inventory items. `update` may carry `stockOnHand`: the difference is booked as an adjustment
 * movement (so the change is recorded and emits `inventory.stock_changed` like any movement).
 */
entityRegistry.register({
  name: 'item',
  label: 'Inventory item',
  module: 'inventory',
  titleField: 'name',
  fields: [
    { key: 'id', label: 'ID', type: 'number', writable: false },
    { key: 'sku', label: 'SKU', type: 'string', required: true },
    { key: 'name', label: 'Name', type: 'string', required: true },
    { key: 'unit', label: 'Unit', type: 'string' },
    { key: 'stockOnHand', label: 'Stock on hand', type: 'number' },
    { key: 'minimumStock', label: 'Minimum stock', type: 'number' },
    { key: 'belowMinimum', label: 'Below minimum', type: 'boolean', writable: false },
    { key: 'unitCost', label: 'Unit cost', type: 'money' },
    { key: 'currency', label: 'Currency', type: 'string' },
    { key: 'updatedAt', label: 'Updated at', type: 'datetime', writable: false },
  ],
  events: ['inventory.item_created', 'inventory.item_updated', 'inventory.stock_changed'],
  operations: {
    find: (tenantId, id, opts) => findRecord(Item, tenantId, id, opts),
    async create(tenantId, data, opts = {}) {
      const { stockOnHand, ...rest } = data
      const input = await createItemValidator.validate({
        ...rest,
        ...(stockOnHand !== undefined && rest.initialStock === undefined
          ? { initialStock: stockOnHand }
          : {}),
      })
      return asRecord(await inventoryService.createItem(tenantId, input, opts))
    },
    async update(tenantId, id, data, opts = {}) {
      const { stockOnHand, ...fields } = data
      const itemId = requireRowId(id)
      let item = await inventoryService.updateItem(
        tenantId,
        itemId,
        await updateItemValidator.validate(fields),
        opts
      )
      if (stockOnHand !== undefined) {
        const target = Number(stockOnHand)
        if (!Number.isInteger(target) || target < 0) {
          throw new BusinessRuleError('Stock on hand must be a whole number ≥ 0', 'stockOnHand')
        }
        if (target !== item.stockOnHand) {
          await inventoryService.recordMovement(
            tenantId,
            {
              itemId,
              kind: 'adjustment',
              quantity: target - item.stockOnHand,
              reference: 'Stock count correction',
            },
            opts
          )
          item = await Item.query({ client: opts.trx }).where('id', itemId).firstOrFail()
        }
      }
      return asRecord(item)
    },
  },
})
