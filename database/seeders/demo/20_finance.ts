/*
 * Demo data of the host modules for the demo tenant: ~40 invoices in every state (some overdue),
 * their payments, 3 projects with milestones and tasks, expenses in every state, budgets close to
 * (and one over) their limits, inventory items below minimum stock, documents and contracts that
 * expire soon. Everything goes through the module services, so the outbox holds the matching
 * events, and dates are relative to today so "overdue" and "expiring" stay true.
 */
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { demoContext } from '#database/seeders/demo_context'
import { waitForDispatches } from '#core/events/outbox'
import { CRM_ACCOUNTS_TABLE } from '#finance/support/crm_accounts'
import { invoiceService } from '#invoicing/services/invoice_service'
import { markOverdueInvoices } from '#invoicing/jobs/mark_overdue'
import { paymentService } from '#payments/services/payment_service'
import { projectService } from '#projects/services/project_service'
import { projectPlanService } from '#projects/services/project_plan_service'
import { expenseService } from '#finance/services/expense_service'
import { budgetService } from '#finance/services/budget_service'
import { inventoryService } from '#inventory/services/inventory_service'
import { documentService } from '#documents/services/document_service'
import { contractService } from '#documents/services/contract_service'
import type { PaymentMethod } from '#payments/models/payment'

const SERVICES = [
  ['Road freight FTL', 180_000],
  ['Warehousing (pallet-month)', 1_450],
  ['Customs clearance', 9_500],
  ['Last-mile delivery', 750],
  ['Cold-chain surcharge', 12_000],
  ['Route optimisation consulting', 15_000],
] as const

const METHODS: PaymentMethod[] = ['bank_transfer', 'bank_transfer', 'card', 'check']

/** Deterministic pseudo-random numbers, so every fresh demo looks the same. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

export default class FinanceDemoSeeder extends BaseSeeder {
  async run() {
    const { tenant, users } = await demoContext()
    const rand = random(2026)
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
    const today = DateTime.now().setZone(tenant.timezone).startOf('day')
    const day = (offset: number) => today.plus({ days: offset }).toISODate()!
    const staff = [users.owner, users.admin, users.builder]
    const as = () => ({ actorId: pick(staff).id })

    const accounts = (await db
      .from(CRM_ACCOUNTS_TABLE)
      .where('tenant_id', tenant.id)
      .orderBy('id')
      .select('id')) as Array<{ id: number }>
    if (accounts.length === 0) throw new Error('The finance demo needs CRM accounts (10_crm.ts)')
    const accountIds = accounts.map((row) => Number(row.id))

    // Invoices: issued over the last ~5 months. Older sent ones fall overdue; most get paid.
    for (let index = 0; index < 40; index++) {
      const issued = -Math.floor(rand() * 150) - 1
      const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const [description, price] = pick(SERVICES)
        return {
          description,
          quantity: 1 + Math.floor(rand() * 12),
          unitPrice: price,
          taxRateBps: 1900,
        }
      })
      const invoice = await invoiceService.create(
        tenant.id,
        { accountId: pick(accountIds), issueDate: day(issued), dueDate: day(issued + 30), lines },
        as()
      )
      const fate = rand()
      if (fate < 0.1) continue // stays a draft
      if (fate < 0.14) {
        await invoiceService.void(tenant.id, invoice.id, as())
        continue
      }
      await invoiceService.send(tenant.id, invoice.id, as())
      const paidOn = Math.min(issued + 5 + Math.floor(rand() * 40), 0)
      if (fate < 0.7) {
        await paymentService.record(
          tenant.id,
          {
            invoiceId: invoice.id,
            amount: invoice.total,
            method: pick(METHODS),
            paidOn: day(paidOn),
          },
          as()
        )
      } else if (fate < 0.82) {
        await paymentService.record(
          tenant.id,
          {
            invoiceId: invoice.id,
            amount: Math.round(invoice.total * 0.4),
            method: 'bank_transfer',
            paidOn: day(paidOn),
            reference: `Partial ${invoice.number}`,
          },
          as()
        )
      }
    }
    await markOverdueInvoices({ tenantId: tenant.id })

    // Projects with milestones (some reached) and tasks.
    const projects = [
      { name: 'Hamburg hub opening', start: -120, end: 60, budget: 25_000_000 },
      { name: 'Fleet telematics roll-out', start: -60, end: 90, budget: 8_000_000 },
      { name: 'Customer portal v2', start: -20, end: 140, budget: 4_500_000 },
    ]
    const assignees = [users.owner, users.admin, users.builder, users.approver]
    for (const [index, spec] of projects.entries()) {
      const project = await projectService.create(
        tenant.id,
        {
          name: spec.name,
          accountId: accountIds[index % accountIds.length],
          startDate: day(spec.start),
          endDate: day(spec.end),
          budgetAmount: spec.budget,
        },
        as()
      )
      const step = Math.floor((spec.end - spec.start) / 4)
      for (const [position, name] of [
        'Kick-off',
        'Design signed off',
        'Pilot live',
        'Go-live',
      ].entries()) {
        const due = spec.start + step * (position + 1)
        const milestone = await projectPlanService.addMilestone(
          tenant.id,
          { projectId: project.id, name, dueDate: day(due) },
          as()
        )
        if (due < 0) await projectPlanService.reachMilestone(tenant.id, milestone.id, as())
        for (const title of [`Plan: ${name.toLowerCase()}`, `Review: ${name.toLowerCase()}`]) {
          const task = await projectPlanService.addTask(
            tenant.id,
            {
              projectId: project.id,
              milestoneId: milestone.id,
              title,
              assigneeId: pick(assignees).id,
              dueDate: day(due - 3),
            },
            as()
          )
          if (due < 0) await projectPlanService.updateTask(tenant.id, task.id, { done: true }, as())
        }
      }
    }

    // Budgets for this quarter; approved expenses bring them near (and one over) the limit.
    const quarterStart = today.startOf('quarter')
    const quarterEnd = today.endOf('quarter')
    const budgets = [
      ['Travel', 'travel', 1_200_000, 0.86],
      ['Software', 'software', 600_000, 0.93],
      ['Marketing', 'marketing', 900_000, 1.08],
      ['Office', 'office', 300_000, 0.45],
    ] as const
    for (const [name, category, limit, target] of budgets) {
      await budgetService.create(
        tenant.id,
        {
          name: `${name} ${quarterStart.toFormat("yyyy 'Q'q")}`,
          category,
          periodStart: quarterStart.toISODate()!,
          periodEnd: quarterEnd.toISODate()!,
          limitAmount: limit,
        },
        as()
      )
      let spent = 0
      while (spent < limit * target) {
        const amount = Math.min(
          Math.round(limit * (0.08 + rand() * 0.15)),
          Math.ceil(limit * target - spent)
        )
        const expense = await expenseService.submit(
          tenant.id,
          {
            description: `${name} expense ${Math.floor(rand() * 900) + 100}`,
            category,
            amount,
            spentOn: DateTime.max(
              quarterStart,
              today.minus({ days: Math.floor(rand() * 20) })
            ).toISODate()!,
            submitterId: pick(assignees).id,
          },
          as()
        )
        await expenseService.approve(tenant.id, expense.id, { actorId: users.approver.id })
        spent += amount
      }
    }
    const pending = [
      ['Train tickets Berlin–Hamburg', 'travel', 18_900],
      ['Team lunch with Acme Freight', 'meals', 14_250],
      ['Monitor for the dispatch desk', 'hardware', 32_900],
      ['Trade fair booth deposit', 'marketing', 150_000],
    ] as const
    for (const [description, category, amount] of pending) {
      await expenseService.submit(
        tenant.id,
        { description, category, amount, spentOn: day(-2), submitterId: pick(assignees).id },
        as()
      )
    }
    const rejected = await expenseService.submit(
      tenant.id,
      { description: 'Personal phone bill', category: 'other', amount: 6_500, spentOn: day(-9) },
      as()
    )
    await expenseService.reject(tenant.id, rejected.id, 'Not a business expense', {
      actorId: users.approver.id,
    })

    // Inventory: a few items under their minimum so low-stock automations have something to do.
    const items = [
      ['PAL-EUR', 'Euro pallet', 'pcs', 200, 140],
      ['STR-WRAP', 'Stretch wrap roll', 'rolls', 50, 12],
      ['LBL-A6', 'Shipping labels A6', 'boxes', 30, 34],
      ['STRAP-50', 'Ratchet strap 50 mm', 'pcs', 40, 55],
      ['BOX-M', 'Carton box M', 'pcs', 500, 320],
      ['GEL-ICE', 'Gel ice pack', 'pcs', 300, 410],
    ] as const
    for (const [sku, name, unit, minimum, opening] of items) {
      const item = await inventoryService.createItem(
        tenant.id,
        {
          sku,
          name,
          unit,
          minimumStock: minimum,
          initialStock: opening,
          unitCost: 250 + Math.floor(rand() * 2000),
        },
        as()
      )
      await inventoryService.recordMovement(
        tenant.id,
        {
          itemId: item.id,
          kind: 'issue',
          quantity: Math.floor(opening * 0.1),
          reference: 'Weekly usage',
        },
        as()
      )
    }

    // Contracts (two ending within the month) and documents (one expiring soon).
    for (const [index, [title, end, value]] of (
      [
        ['Framework agreement road freight', 12, 24_000_000],
        ['Warehousing SLA', 25, 9_600_000],
        ['Cold-chain partnership', 210, 15_000_000],
        ['Customs brokerage retainer', 400, 3_600_000],
      ] as const
    ).entries()) {
      await contractService.create(
        tenant.id,
        {
          accountId: accountIds[index % accountIds.length],
          title,
          startDate: day(end - 365),
          endDate: day(end),
          value,
        },
        as()
      )
    }
    const documents = [
      ['Goods-in-transit insurance 2026.txt', 'policy', 9],
      ['ISO 9001 certificate.txt', 'certificate', 75],
      ['Hazmat transport licence.txt', 'license', 20],
    ] as const
    for (const [name, type, expires] of documents) {
      await documentService.upload(
        tenant.id,
        {
          contents: `${name}\nDemo document of Northwind Logistics.\n`,
          originalName: name,
          mimeType: 'text/plain',
        },
        { type, expiresOn: day(expires) },
        as()
      )
    }

    await waitForDispatches()
  }
}
