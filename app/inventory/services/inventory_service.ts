import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { recordEvent } from '#core/events/outbox'
import Item from '#inventory/models/item'
import StockMovement, { type MovementKind } from '#inventory/models/stock_movement'
import { BusinessRuleError } from '#finance/support/business_error'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { definedOnly } from '#finance/support/changes'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'
import { recordCreated, recordUpdated } from '#finance/support/events'

export interface ItemInput {
  sku: string
  name: string
  unit?: string | null
  minimumStock?: number | null
  unitCost?: number | null
  currency?: string | null
  /** Opening stock, booked as a first receipt movement. */
  initialStock?: number | null
}

export interface MovementInput {
  itemId: number
  kind: MovementKind
  /** Receipts and issues: a positive quantity. Adjustments: the signed correction. */
  quantity: number
  reference?: string | null
}

/**
 * Items and stock. Stock on hand only changes through movements, each recorded with the
 * resulting balance and an `inventory.stock_changed` event in one transaction.
 */
export class InventoryService {
  async createItem(tenantId: number, input: ItemInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Item, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      await this.assertSkuFree(trx, tenantId, input.sku)
      const item = await Item.create(
        {
          tenantId,
          sku: input.sku.trim(),
          name: input.name,
          unit: input.unit ?? 'pcs',
          stockOnHand: 0,
          minimumStock: input.minimumStock ?? 0,
          unitCost: input.unitCost ?? null,
          currency: (input.currency ?? tenant.currency).toUpperCase(),
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCreated(trx, 'inventory.item_created', 'item', item, opts.actorId)
      if (input.initialStock && input.initialStock > 0) {
        await this.applyMovement(trx, item, 'receipt', input.initialStock, 'Opening stock', opts)
      }
      return item
    })
  }

  /** Edits item details; stock on hand is changed with a movement, never here. */
  async updateItem(
    tenantId: number,
    id: number,
    input: Partial<Omit<ItemInput, 'initialStock'>>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const item = await this.lock(trx, tenantId, id)
      const before = toSnapshot(item)
      if (input.sku && input.sku.trim() !== item.sku) {
        await this.assertSkuFree(trx, tenantId, input.sku)
      }
      item.merge(
        definedOnly({
          sku: input.sku?.trim(),
          name: input.name,
          unit: input.unit ?? undefined,
          minimumStock: input.minimumStock ?? undefined,
          unitCost: input.unitCost,
          currency: input.currency?.toUpperCase(),
        })
      )
      await item.useTransaction(trx).save()
      await recordUpdated(trx, 'inventory.item_updated', 'item', item, before, opts.actorId)
      return item
    })
  }

  async recordMovement(tenantId: number, input: MovementInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(StockMovement, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const item = await Item.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', input.itemId)
        .forUpdate()
        .first()
      if (!item) throw new BusinessRuleError('The selected item does not exist', 'itemId')
      if (!Number.isInteger(input.quantity) || input.quantity === 0) {
        throw new BusinessRuleError('The quantity must be a whole number other than 0', 'quantity')
      }
      if (input.kind !== 'adjustment' && input.quantity < 0) {
        throw new BusinessRuleError(`A ${input.kind} needs a positive quantity`, 'quantity')
      }
      const delta = input.kind === 'issue' ? -input.quantity : input.quantity
      return this.applyMovement(trx, item, input.kind, delta, input.reference ?? null, opts)
    })
  }

  private async applyMovement(
    trx: TransactionClientContract,
    item: Item,
    kind: MovementKind,
    delta: number,
    reference: string | null,
    opts: ServiceOptions
  ) {
    if (item.stockOnHand + delta < 0) {
      throw new BusinessRuleError(
        `Only ${item.stockOnHand} ${item.unit} of ${item.sku} on hand; cannot remove ${-delta}`,
        'quantity'
      )
    }
    const before = toSnapshot(item)
    item.stockOnHand += delta
    await item.useTransaction(trx).save()
    const movement = await StockMovement.create(
      {
        tenantId: item.tenantId,
        itemId: item.id,
        kind,
        quantity: delta,
        balanceAfter: item.stockOnHand,
        reference,
        idempotencyKey: opts.idempotencyKey ?? null,
        actorId: opts.actorId ?? null,
      },
      { client: trx }
    )
    await recordEvent(trx, {
      tenantId: item.tenantId,
      type: 'inventory.stock_changed',
      aggregateType: 'item',
      aggregateId: item.id,
      payload: {
        entity: toSnapshot(item),
        changes: diffSnapshots(before, toSnapshot(item)),
        quantityDelta: delta,
      },
      actorId: opts.actorId,
    })
    return movement
  }

  private async assertSkuFree(trx: TransactionClientContract, tenantId: number, sku: string) {
    const taken = await Item.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('sku', sku.trim())
      .first()
    if (taken) throw new BusinessRuleError(`SKU ${sku.trim()} is already used`, 'sku')
  }

  private async lock(trx: TransactionClientContract, tenantId: number, id: number) {
    return Item.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .firstOrFail()
  }
}

export const inventoryService = new InventoryService()
