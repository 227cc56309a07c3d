/* Expenses and budgets under /finance. */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ExpensesController = () => import('#finance/controllers/expenses_controller')
const BudgetsController = () => import('#finance/controllers/budgets_controller')

router
  .group(() => {
    router.get('/finance', ({ response }) => response.redirect('/finance/expenses'))
    router.get('/finance/expenses', [ExpensesController, 'index']).as('expenses.index')
    router.post('/finance/expenses', [ExpensesController, 'store']).as('expenses.store')
    router.get('/finance/budgets', [BudgetsController, 'index']).as('budgets.index')
    router.post('/finance/budgets', [BudgetsController, 'store']).as('budgets.store')
    router
      .group(() => {
        router.put('/finance/expenses/:id', [ExpensesController, 'update']).as('expenses.update')
        router
          .post('/finance/expenses/:id/approve', [ExpensesController, 'approve'])
          .as('expenses.approve')
        router
          .post('/finance/expenses/:id/reject', [ExpensesController, 'reject'])
          .as('expenses.reject')
        router.put('/finance/budgets/:id', [BudgetsController, 'update']).as('budgets.update')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
