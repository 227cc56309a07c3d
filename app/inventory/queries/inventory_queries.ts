import Item from '#inventory/models/item'
import StockMovement from '#inventory/models/stock_movement'
import type { ItemDto, MovementDto } from '#inventory/dto'
import { userNames } from '#finance/support/members'
import { pageOf, type ListQuery } from '#finance/support/http'

export function itemDto(item: Item): ItemDto {
  return {
    id: item.id,
    sku: item.sku,
    name: item.name,
    unit: item.unit,
    stockOnHand: item.stockOnHand,
    minimumStock: item.minimumStock,
    belowMinimum: item.belowMinimum,
    unitCost: item.unitCost,
    currency: item.currency,
    updatedAt: item.updatedAt.toISO()!,
  }
}

const SORTABLE: Record<string, string> = { sku: 'sku', name: 'name', stockOnHand: 'stock_on_hand' }

export const inventoryQueries = {
  /** Items; `status=below_minimum` keeps those that need restocking. */
  async items(tenantId: number, query: ListQuery) {
    const paginator = await Item.query()
      .where('tenant_id', tenantId)
      .if(query.status === 'below_minimum', (q) => q.whereRaw('stock_on_hand < minimum_stock'))
      .if(query.search, (q) =>
        q.where((inner) =>
          inner.whereILike('sku', `%${query.search}%`).orWhereILike('name', `%${query.search}%`)
        )
      )
      .orderBy(SORTABLE[query.sort] ?? 'sku', query.sort ? query.order : 'asc')
      .orderBy('id')
      .paginate(query.page, query.perPage)
    return pageOf(paginator, itemDto)
  },

  async movements(item: Item, limit = 100): Promise<MovementDto[]> {
    const movements = await StockMovement.query()
      .where('tenant_id', item.tenantId)
      .where('item_id', item.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
    const names = await userNames(movements.map((movement) => movement.actorId))
    return movements.map((movement) => ({
      id: movement.id,
      kind: movement.kind,
      quantity: movement.quantity,
      balanceAfter: movement.balanceAfter,
      reference: movement.reference,
      actorName: names.get(movement.actorId ?? 0) ?? null,
      createdAt: movement.createdAt.toISO()!,
    }))
  },
}
