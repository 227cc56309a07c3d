/* Payments: list, record, detail, correct details (viewer reads, builder writes). */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PaymentsController = () => import('#payments/controllers/payments_controller')

router
  .group(() => {
    router.get('/payments', [PaymentsController, 'index']).as('payments.index')
    router.post('/payments', [PaymentsController, 'store']).as('payments.store')
    router
      .group(() => {
        router.get('/payments/:id', [PaymentsController, 'show']).as('payments.show')
        router.put('/payments/:id', [PaymentsController, 'update']).as('payments.update')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
