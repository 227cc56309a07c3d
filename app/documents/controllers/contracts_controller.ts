import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { findForTenantOrFail } from '#core/tenancy/scoped'
import Contract from '#documents/models/contract'
import { contractService } from '#documents/services/contract_service'
import { contractDto, documentQueries } from '#documents/queries/document_queries'
import { createContractValidator, updateContractValidator } from '#documents/validators/documents'
import { accountOptions } from '#finance/support/crm_accounts'
import { afterWrite, listQuery, wantsJson } from '#finance/support/http'

/** Customer contracts (viewer reads, builder writes). */
export default class ContractsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'viewer')
    const query = await listQuery(ctx)
    const contracts = await documentQueries.contracts(ctx.tenant.id, query)
    if (wantsJson(ctx)) return contracts
    return ctx.inertia.render('documents/contracts', {
      contracts,
      query,
      accounts: await accountOptions(ctx.tenant.id),
      documents: await documentQueries.documentOptions(ctx.tenant.id),
      currency: ctx.tenant.currency,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const input = await ctx.request.validateUsing(createContractValidator)
    const contract = await contractService.create(ctx.tenant.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, {
      record: contractDto(contract, null),
      message: `Contract "${contract.title}" created`,
      created: true,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(atLeast, 'builder')
    const existing = await findForTenantOrFail(Contract, ctx.tenant.id, ctx.params.id)
    const input = await ctx.request.validateUsing(updateContractValidator)
    const contract = await contractService.update(ctx.tenant.id, existing.id, input, {
      actorId: ctx.auth.user!.id,
    })
    return afterWrite(ctx, { record: contractDto(contract, null), message: 'Contract saved' })
  }
}
