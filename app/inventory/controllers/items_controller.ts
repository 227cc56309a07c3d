import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Item from '#inventory/models/item'
import { MOVEMENT_KINDS } from '#inventory/models/stock_movement'
import { inventoryService } from '#inventory/services/inventory_service'
import { inventoryQueries, itemDto } from '#inventory/queries/inventory_queries'
import {
  createItemValidator,
  stockMovementValidator,
  updateItemValidator,
} from '#inventory/validators/inventory'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Inventory items and their stock movements (viewer reads, builder writes). */
export default class ItemsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const items = await inventoryQueries.items(ctx.tenant.id, query)
    if (wantsJson(ctx)) return items
    return ctx.inertia.render('inventory/items', { items, query, currency: ctx.tenant.currency })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(createItemValidator)
    const item = await inventoryService.createItem(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: itemDto(item),
      message: `Item ${item.sku} created`,
      redirectTo: `/inventory/items/${item.id}`,
      created: true,
    })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const item = await findForTenantOrFail(Item, ctx.tenant.id, ctx.params.id)
    const detail = { item: itemDto(item), movements: await inventoryQueries.movements(item) }
    if (wantsJson(ctx)) return { data: detail }
    return ctx.inertia.render('inventory/item', { ...detail, kinds: [...MOVEMENT_KINDS] })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Item, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateItemValidator)
    const item = await inventoryService.updateItem(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: itemDto(item), message: `Item ${item.sku} saved` })
  }

  async storeMovement(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const item = await findForTenantOrFail(Item, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(stockMovementValidator, {
      data: { ...ctx.request.all(), itemId: item.id },
    })
    const movement = await inventoryService.recordMovement(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: movement.serialize(),
      message: `Stock of ${item.sku} is now ${movement.balanceAfter}`,
      created: true,
    })
  }
}
