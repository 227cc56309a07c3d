/** What the expense and budget pages and JSON endpoints return (shared with the Vue pages). */

export type ExpenseDto = {
  id: number
  description: string
  category: string
  amount: number
  currency: string
  spentOn: string
  status: string
  submitterId: number | null
  submitterName: string | null
  budgetId: number | null
  decidedBy: number | null
  decidedAt: string | null
  rejectionReason: string | null
  createdAt: string
}

export type BudgetDto = {
  id: number
  name: string
  category: string
  periodStart: string
  periodEnd: string
  limitAmount: number
  spentAmount: number
  remaining: number
  utilization: number
  currency: string
  updatedAt: string
}
