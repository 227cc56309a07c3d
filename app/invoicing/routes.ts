/*
 * Invoicing pages and JSON endpoints (JSON when the client asks for it: /api/* or
 * Accept: application/json). Roles: viewer reads, builder writes.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const InvoicesController = () => import('#invoicing/controllers/invoices_controller')

router
  .group(() => {
    router.get('/invoices', [InvoicesController, 'index']).as('invoices.index')
    router.get('/invoices/create', [InvoicesController, 'create']).as('invoices.create')
    router.post('/invoices', [InvoicesController, 'store']).as('invoices.store')
    router
      .group(() => {
        router.get('/invoices/:id', [InvoicesController, 'show']).as('invoices.show')
        router.get('/invoices/:id/edit', [InvoicesController, 'edit']).as('invoices.edit')
        router.put('/invoices/:id', [InvoicesController, 'update']).as('invoices.update')
        router.post('/invoices/:id/send', [InvoicesController, 'send']).as('invoices.send')
        router.post('/invoices/:id/void', [InvoicesController, 'void']).as('invoices.void')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
