import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import type { DomainEventType } from '#core/events/catalog'
import Quote, { type QuoteStatus } from '#crm/models/quote'
import QuoteLine from '#crm/models/quote_line'
import { CrmRuleError } from '#crm/support/business_error'
import { toCalendarDate, type DateInput } from '#crm/support/dates'
import { recordCrmEvent } from '#crm/support/events'
import { computeQuoteTotals, type QuoteLineInput } from '#crm/support/quote_totals'
import {
  assertInTenant,
  findByIdempotencyKey,
  inTransaction,
  lockForTenant,
  type ServiceOptions,
} from '#crm/support/transactions'
import type { createQuoteValidator, updateQuoteValidator } from '#crm/validators/quotes'

/** Dates may also be given as 'YYYY-MM-DD' strings or luxon DateTimes by programmatic callers. */
export type CreateQuoteInput = Omit<Infer<typeof createQuoteValidator>, 'validUntil'> & {
  validUntil?: DateInput | null
}
export type UpdateQuoteInput = Omit<Infer<typeof updateQuoteValidator>, 'validUntil'> & {
  validUntil?: DateInput | null
}

/** Quote snapshots include the lines. */
export async function quoteSnapshot(quote: Quote, trx?: TransactionClientContract) {
  if (trx) quote.useTransaction(trx)
  await quote.load('lines')
  return toSnapshot(quote)
}

/**
 * All writes to quotes. Lifecycle: draft → sent → accepted | declined | expired; only drafts are
 * edited, only sent quotes get an answer.
 */
export class QuoteService {
  async create(tenantId: number, input: CreateQuoteInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Quote, trx, tenantId, opts.idempotencyKey)
      if (existing) return this.withLines(existing, trx)
      await this.assertLinks(trx, tenantId, input)
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      const totals = computeQuoteTotals(input.lines ?? [])
      const quote = await Quote.create(
        {
          tenantId,
          number: await this.nextNumber(trx, tenantId),
          title: input.title,
          dealId: input.dealId ?? null,
          accountId: input.accountId ?? null,
          status: 'draft',
          currency: input.currency ?? tenant.currency,
          validUntil: toCalendarDate(input.validUntil) ?? null,
          subtotal: totals.subtotal,
          taxTotal: totals.taxTotal,
          total: totals.total,
          notes: input.notes ?? null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await this.replaceLines(trx, quote, input.lines ?? [])
      const entity = await quoteSnapshot(quote, trx)
      await recordCrmEvent(trx, 'quote.created', 'quote', quote, opts.actorId, {}, entity)
      return quote
    })
  }

  /** Edits a draft; a `status` in the input is routed to send / accept / decline / expire. */
  async update(tenantId: number, id: number, input: UpdateQuoteInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const quote = await lockForTenant(Quote, trx, tenantId, id)
      const { status, declineReason, lines, validUntil, ...fields } = input
      const editing =
        lines !== undefined || validUntil !== undefined || Object.keys(fields).length > 0
      if (editing) await this.edit(trx, quote, input, lines, opts)
      const nested = { ...opts, trx }
      if (status && status !== quote.status) {
        await this.transitionTo(tenantId, id, status, declineReason ?? null, nested)
      }
      return this.withLines(await lockForTenant(Quote, trx, tenantId, id), trx)
    })
  }

  send(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return this.transition(tenantId, id, 'quote.sent', opts, (quote) => {
      this.assertStatus(quote, ['draft'], 'sent')
      if (quote.total <= 0) throw new CrmRuleError('Add at least one priced line before sending')
      quote.merge({ status: 'sent', sentAt: DateTime.now() })
    })
  }

  accept(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return this.transition(tenantId, id, 'quote.accepted', opts, (quote) => {
      this.assertStatus(quote, ['sent'], 'accepted')
      quote.merge({ status: 'accepted', decidedAt: DateTime.now() })
    })
  }

  decline(tenantId: number, id: number, reason: string | null, opts: ServiceOptions = {}) {
    return this.transition(
      tenantId,
      id,
      'quote.declined',
      opts,
      (quote) => {
        this.assertStatus(quote, ['sent'], 'declined')
        quote.merge({ status: 'declined', decidedAt: DateTime.now(), declineReason: reason })
      },
      { reason }
    )
  }

  expire(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return this.transition(tenantId, id, 'quote.expired', opts, (quote) => {
      this.assertStatus(quote, ['sent'], 'expired')
      quote.merge({ status: 'expired', decidedAt: DateTime.now() })
    })
  }

  private transitionTo(
    tenantId: number,
    id: number,
    status: QuoteStatus,
    reason: string | null,
    opts: ServiceOptions
  ) {
    switch (status) {
      case 'sent':
        return this.send(tenantId, id, opts)
      case 'accepted':
        return this.accept(tenantId, id, opts)
      case 'declined':
        return this.decline(tenantId, id, reason, opts)
      case 'expired':
        return this.expire(tenantId, id, opts)
      default:
        throw new CrmRuleError('A quote cannot go back to draft', 'status')
    }
  }

  private async edit(
    trx: TransactionClientContract,
    quote: Quote,
    input: UpdateQuoteInput,
    lines: QuoteLineInput[] | undefined,
    opts: ServiceOptions
  ) {
    this.assertStatus(quote, ['draft'], 'edited')
    await this.assertLinks(trx, quote.tenantId, input)
    const before = await quoteSnapshot(quote, trx)
    const { title, dealId, accountId, currency, notes, validUntil } = input
    const data = {
      title,
      dealId,
      accountId,
      currency,
      notes,
      validUntil: toCalendarDate(validUntil),
    }
    quote.merge(Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)))
    if (lines) {
      const totals = computeQuoteTotals(lines)
      quote.merge({ subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total })
      await this.replaceLines(trx, quote, lines)
    }
    await quote.useTransaction(trx).save()
    const entity = await quoteSnapshot(quote, trx)
    const changes = diffSnapshots(before, entity)
    if (Object.keys(changes).length > 0) {
      await recordCrmEvent(trx, 'quote.updated', 'quote', quote, opts.actorId, { changes }, entity)
    }
  }

  private async transition(
    tenantId: number,
    id: number,
    type: DomainEventType & `quote.${string}`,
    opts: ServiceOptions,
    apply: (quote: Quote) => void,
    extra: Record<string, unknown> = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const quote = await lockForTenant(Quote, trx, tenantId, id)
      const before = await quoteSnapshot(quote, trx)
      apply(quote)
      await quote.useTransaction(trx).save()
      const entity = await quoteSnapshot(quote, trx)
      const changes = diffSnapshots(before, entity)
      await recordCrmEvent(
        trx,
        type,
        'quote',
        quote,
        opts.actorId,
        { changes, ...extra } as never,
        entity
      )
      return quote
    })
  }

  private assertStatus(quote: Quote, allowed: QuoteStatus[], verb: string) {
    if (!allowed.includes(quote.status)) {
      throw new CrmRuleError(
        `Quote ${quote.number} is ${quote.status}; only ${allowed.join(' or ')} quotes can be ${verb}`
      )
    }
  }

  private async replaceLines(
    trx: TransactionClientContract,
    quote: Quote,
    lines: QuoteLineInput[]
  ) {
    await QuoteLine.query({ client: trx }).where('quote_id', quote.id).delete()
    const { lines: computed } = computeQuoteTotals(lines)
    if (computed.length === 0) return
    await QuoteLine.createMany(
      computed.map((line) => ({
        tenantId: quote.tenantId,
        quoteId: quote.id,
        position: line.position,
        description: line.description,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        taxRateBp: line.taxRateBp,
        lineTotal: line.lineTotal,
      })),
      { client: trx }
    )
  }

  /** Q-<year>-<0001>, per tenant; a transaction-scoped advisory lock serializes numbering. */
  private async nextNumber(trx: TransactionClientContract, tenantId: number) {
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtext('crm_quotes.number'), ?::int)`, [
      tenantId,
    ])
    const year = DateTime.now().year
    const prefix = `Q-${year}-`
    const row = await trx
      .from('crm_quotes')
      .where('tenant_id', tenantId)
      .whereLike('number', `${prefix}%`)
      .max('number as last')
      .first()
    const last = row?.last ? Number(String(row.last).slice(prefix.length)) : 0
    return `${prefix}${String(last + 1).padStart(4, '0')}`
  }

  private async assertLinks(
    trx: TransactionClientContract,
    tenantId: number,
    input: { dealId?: number | null; accountId?: number | null }
  ) {
    await assertInTenant(trx, 'crm_deals', tenantId, input.dealId, 'dealId', 'deal')
    await assertInTenant(trx, 'crm_accounts', tenantId, input.accountId, 'accountId', 'account')
  }

  private async withLines(quote: Quote, trx: TransactionClientContract) {
    await quoteSnapshot(quote, trx)
    return quote
  }
}

export const quoteService = new QuoteService()
