/* Payments list and recording (viewer reads, builder records). */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PaymentsController = () => import('#payments/controllers/payments_controller')

router
  .group(() => {
    router.get('/payments', [PaymentsController, 'index']).as('payments.index')
    router.post('/payments', [PaymentsController, 'store']).as('payments.store')
  })
  .use([middleware.auth(), middleware.tenant()])
