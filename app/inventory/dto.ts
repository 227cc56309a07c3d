/** What the inventory pages and JSON endpoints return (shared with the Vue pages). */

export type ItemDto = {
  id: number
  sku: string
  name: string
  unit: string
  stockOnHand: number
  minimumStock: number
  belowMinimum: boolean
  unitCost: number | null
  currency: string
  updatedAt: string
}

export type MovementDto = {
  id: number
  kind: string
  quantity: number
  balanceAfter: number
  reference: string | null
  actorName: string | null
  createdAt: string
}
