/*
 * CRM demo data for the demo tenant: accounts with contacts, ~50 leads in every status, ~30 deals
 * spread over the pipeline (some won, some lost), activities (some overdue) and quotes in every
 * state. Everything goes through the CRM services, so the outbox holds the matching events.
 */
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import { demoContext } from '#database/seeders/demo_context'
import { waitForDispatches } from '#core/events/outbox'
import { LEAD_SOURCES } from '#crm/models/lead'
import { accountService } from '#crm/services/account_service'
import { activityService } from '#crm/services/activity_service'
import { contactService } from '#crm/services/contact_service'
import { dealService } from '#crm/services/deal_service'
import { leadService } from '#crm/services/lead_service'
import { pipelineService } from '#crm/services/pipeline_service'
import { quoteService } from '#crm/services/quote_service'

const COMPANIES = [
  ['Acme Freight', 'Logistics'],
  ['Blue Harbor Shipping', 'Maritime'],
  ['Cedar Retail Group', 'Retail'],
  ['Delta Cold Chain', 'Food'],
  ['Evergreen Pharma', 'Healthcare'],
  ['Falcon Aerospace Parts', 'Manufacturing'],
  ['Granite Construction', 'Construction'],
  ['Horizon Telecom', 'Telecom'],
  ['Iris Fashion House', 'Retail'],
  ['Juniper Foods', 'Food'],
  ['Keystone Auto Supply', 'Automotive'],
  ['Lumen Electronics', 'Electronics'],
  ['Maple Office Furniture', 'Manufacturing'],
  ['Nordic Timber', 'Wholesale'],
  ['Orchid Cosmetics', 'Consumer goods'],
] as const

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas']
const LAST = ['Schmidt', 'Novak', 'Garcia', 'Okafor', 'Lindqvist', 'Rossi', 'Tanaka', 'Dubois']

/** The calendar day as VineJS hands dates to services (local midnight). */
function calendarDay(day: DateTime) {
  return new Date(day.year, day.month - 1, day.day)
}

/** Deterministic pseudo-random numbers, so every fresh demo looks the same. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

export default class CrmDemoSeeder extends BaseSeeder {
  async run() {
    const { tenant, users } = await demoContext()
    const rand = random(42)
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
    const sellers = [users.owner, users.admin, users.builder]
    const as = () => ({ actorId: pick(sellers).id })
    const today = DateTime.now().setZone(tenant.timezone).startOf('day')
    const t = tenant.id

    const accounts = []
    const contactsByAccount = new Map<number, number[]>()
    for (const [name, industry] of COMPANIES) {
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '')
      const account = await accountService.create(
        t,
        {
          name,
          industry,
          website: `https://www.${slug}.example`,
          email: `info@${slug}.example`,
          healthScore: Math.round(20 + rand() * 80),
          ownerId: pick(sellers).id,
        },
        as()
      )
      accounts.push(account)
      const ids: number[] = []
      for (let i = 0; i < 2; i++) {
        const firstName = pick(FIRST)
        const lastName = pick(LAST)
        const contact = await contactService.create(
          t,
          {
            firstName,
            lastName,
            email: `${firstName}.${lastName}@${slug}.example`.toLowerCase(),
            phone: `+49 30 ${Math.floor(1_000_000 + rand() * 8_999_999)}`,
            title: pick([
              'CEO',
              'Head of Logistics',
              'Procurement Manager',
              'CFO',
              'Operations Lead',
            ]),
            accountId: account.id,
          },
          as()
        )
        ids.push(contact.id)
      }
      contactsByAccount.set(account.id, ids)
    }

    // Leads: mostly new / qualified, some lost, a few converted.
    for (let i = 0; i < 50; i++) {
      const firstName = pick(FIRST)
      const lastName = pick(LAST)
      const company = `${pick(['Alpine', 'Baltic', 'Coastal', 'Metro', 'Prime', 'Urban'])} ${pick(['Traders', 'Logistics', 'Distribution', 'Imports', 'Supply'])}`
      const lead = await leadService.create(
        t,
        {
          name: `${firstName} ${lastName}`,
          company,
          email: `${firstName}.${lastName}${i}@example.test`.toLowerCase(),
          source: pick(LEAD_SOURCES),
          score: Math.round(rand() * 100),
          ownerId: pick(sellers).id,
        },
        as()
      )
      const roll = rand()
      if (roll < 0.3) await leadService.update(t, lead.id, { status: 'qualified' }, as())
      else if (roll < 0.42) {
        await leadService.update(
          t,
          lead.id,
          { status: 'lost', lostReason: pick(['No budget', 'Chose a competitor', 'No response']) },
          as()
        )
      } else if (roll < 0.5) await leadService.convert(t, lead.id, {}, as())
    }

    // Deals across the pipeline.
    const stages = await pipelineService.stages(t)
    const open = stages.filter((stage) => stage.kind === 'open')
    const deals = []
    for (let i = 0; i < 30; i++) {
      const account = pick(accounts)
      const deal = await dealService.create(
        t,
        {
          name: `${account.name} — ${pick(['Q1 contract', 'Fleet expansion', 'Warehouse deal', 'Annual renewal', 'Pilot project'])}`,
          amount: Math.round(5_000 + rand() * 120_000) * 100,
          accountId: account.id,
          contactId: pick(contactsByAccount.get(account.id) ?? [null]),
          ownerId: pick(sellers).id,
          expectedCloseDate: calendarDay(today.plus({ days: Math.round(-10 + rand() * 90) })),
        },
        as()
      )
      deals.push(deal)
      if (i < 4) await dealService.win(t, deal.id, as())
      else if (i < 7)
        await dealService.lose(
          t,
          deal.id,
          pick(['Price too high', 'Timing', 'Went with incumbent']),
          as()
        )
      else {
        const target = open[i % open.length]
        if (target.id !== deal.stageId) await dealService.moveStage(t, deal.id, target.id, as())
      }
    }

    // Activities: open ones (some overdue) and done ones.
    for (let i = 0; i < 40; i++) {
      const deal = pick(deals)
      const activity = await activityService.log(
        t,
        {
          type: pick(['call', 'email', 'meeting', 'task'] as const),
          subject: pick([
            'Follow-up call',
            'Send pricing',
            'Site visit',
            'Contract review',
            'Demo',
            'Check delivery terms',
          ]),
          dueAt: today
            .plus({ days: Math.round(-7 + rand() * 21), hours: 9 + Math.floor(rand() * 8) })
            .toJSDate(),
          dealId: deal.id,
          accountId: deal.accountId,
          ownerId: pick(sellers).id,
        },
        as()
      )
      if (rand() < 0.35) await activityService.complete(t, activity.id, as())
    }

    // Quotes in every state.
    for (let i = 0; i < 12; i++) {
      const deal = deals[7 + i]
      const quote = await quoteService.create(
        t,
        {
          title: deal.name,
          dealId: deal.id,
          accountId: deal.accountId,
          validUntil: calendarDay(today.plus({ days: 30 })),
          lines: [
            {
              description: 'Transport management licence',
              quantity: 1 + (i % 5),
              unitPrice: 120_000,
              taxRateBp: 1900,
            },
            {
              description: 'Onboarding and training',
              quantity: 1,
              unitPrice: 250_000,
              taxRateBp: 1900,
            },
          ],
        },
        as()
      )
      const state = i % 4
      if (state === 0) continue
      await quoteService.send(t, quote.id, as())
      if (state === 2) await quoteService.accept(t, quote.id, as())
      if (state === 3)
        await quoteService.decline(t, quote.id, 'Budget frozen until next quarter', as())
    }

    await waitForDispatches()
  }
}
