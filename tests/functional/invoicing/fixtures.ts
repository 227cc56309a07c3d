/**
 * Shared by the host-module functional tests (invoicing, payments, projects, finance, inventory,
 * documents): a CRM account to bill, and a look at what landed in the outbox.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { BaseCommand } from '@adonisjs/core/ace'

export async function createAccount(tenantId: number, name = 'Acme Ltd') {
  const now = DateTime.now().toJSDate()
  const [row] = await db
    .table('crm_accounts')
    .insert({ tenant_id: tenantId, name, health_score: 70, created_at: now, updated_at: now })
    .returning('id')
  return Number(row.id ?? row)
}

export interface EventRow {
  type: string
  aggregateType: string
  aggregateId: string
  actorId: number | null
  payload: Record<string, any>
}

/** The tenant's domain events in the order they were recorded (optionally of some types). */
export async function eventsOf(tenantId: number, ...types: string[]): Promise<EventRow[]> {
  const rows = await db
    .from('domain_events')
    .where('tenant_id', tenantId)
    .if(types.length > 0, (query) => query.whereIn('type', types))
    .orderBy('occurred_at')
    .orderBy('id')
  return rows.map((row) => ({
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    payload: row.payload,
  }))
}

export async function eventTypes(tenantId: number) {
  const events = await eventsOf(tenantId)
  return events.map((event) => event.type)
}

export const twoLines = [
  { description: 'Consulting', quantity: 10, unitPrice: 15_000, taxRateBps: 2000 },
  { description: 'Travel', quantity: 1, unitPrice: 5_050 },
]

/** Number of rows of a table matching `where`. */
export async function countRows(table: string, where: Record<string, unknown> = {}) {
  const [row] = await db.from(table).where(where).count('* as total')
  return Number(row.total)
}

/** Runs an ace command in-process with its output captured (raw mode) for assertions. */
export async function runAce(command: typeof BaseCommand, args: string[] = []) {
  const { default: ace } = await import('@adonisjs/core/services/ace')
  // Raw mode collects log lines for `assertLog` (they are read after this returns, so the mode
  // stays raw; only test processes call this).
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, args)
  await instance.exec()
  return instance
}
