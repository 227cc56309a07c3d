import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#core/events/outbox'
import { toSnapshot } from '#core/events/snapshot'
import Contract from '#documents/models/contract'
import Document from '#documents/models/document'
import { todayIn } from '#finance/support/dates'

export interface ExpiryScanOptions {
  /** Announce what expires within this many days (0 = today only). */
  days?: number
  now?: DateTime
  tenantId?: number
}

export const DEFAULT_EXPIRY_WINDOW_DAYS = 30

/**
 * Daily job: emits `contract.expiring` for contracts ending, and `document.expiring` for
 * documents expiring, within the next N days (in each tenant's time zone). Each record is
 * announced once per expiry date: `expiry_notified_for` keeps the date that was announced, so a
 * re-run emits nothing and a moved date is announced again. Rows already past their date are not
 * announced (they expired; announcing them late would be noise).
 */
export async function scanExpiring(options: ExpiryScanOptions = {}) {
  const days = options.days ?? DEFAULT_EXPIRY_WINDOW_DAYS
  const now = options.now ?? DateTime.now()
  const tenants = await db
    .from('tenants')
    .select('id', 'timezone')
    .if(options.tenantId, (query) => query.where('id', options.tenantId!))

  let contracts = 0
  let documents = 0
  for (const tenant of tenants as Array<{ id: string | number; timezone: string }>) {
    const tenantId = Number(tenant.id)
    const today = todayIn(tenant.timezone, now)
    const until = today.plus({ days })
    contracts += await db.transaction((trx) => scanContracts(trx, tenantId, today, until))
    documents += await db.transaction((trx) => scanDocuments(trx, tenantId, today, until))
  }
  return { contracts, documents }
}

async function scanContracts(
  trx: TransactionClientContract,
  tenantId: number,
  today: DateTime,
  until: DateTime
) {
  const due = await Contract.query({ client: trx })
    .where('tenant_id', tenantId)
    .whereBetween('end_date', [today.toISODate()!, until.toISODate()!])
    .where((query) =>
      query.whereNull('expiry_notified_for').orWhereRaw('expiry_notified_for <> end_date')
    )
    .forUpdate()
    .skipLocked()
  for (const contract of due) {
    contract.expiryNotifiedFor = contract.endDate
    await contract.useTransaction(trx).save()
    await recordEvent(trx, {
      tenantId,
      type: 'contract.expiring',
      aggregateType: 'contract',
      aggregateId: contract.id,
      payload: {
        entity: toSnapshot(contract),
        daysUntilExpiry: Math.round(contract.endDate.diff(today, 'days').days),
      },
    })
  }
  return due.length
}

async function scanDocuments(
  trx: TransactionClientContract,
  tenantId: number,
  today: DateTime,
  until: DateTime
) {
  const due = await Document.query({ client: trx })
    .where('tenant_id', tenantId)
    .whereBetween('expires_on', [today.toISODate()!, until.toISODate()!])
    .where((query) =>
      query.whereNull('expiry_notified_for').orWhereRaw('expiry_notified_for <> expires_on')
    )
    .forUpdate()
    .skipLocked()
  for (const document of due) {
    document.expiryNotifiedFor = document.expiresOn
    await document.useTransaction(trx).save()
    await recordEvent(trx, {
      tenantId,
      type: 'document.expiring',
      aggregateType: 'document',
      aggregateId: document.id,
      payload: {
        entity: toSnapshot(document),
        daysUntilExpiry: Math.round(document.expiresOn!.diff(today, 'days').days),
      },
    })
  }
  return due.length
}
