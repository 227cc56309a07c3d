/* Documents (uploads on the Drive disk) and contracts. */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DocumentsController = () => import('#documents/controllers/documents_controller')
const ContractsController = () => import('#documents/controllers/contracts_controller')

router
  .group(() => {
    router.get('/documents', [DocumentsController, 'index']).as('documents.index')
    router.post('/documents', [DocumentsController, 'store']).as('documents.store')
    router.get('/documents/contracts', [ContractsController, 'index']).as('contracts.index')
    router.post('/documents/contracts', [ContractsController, 'store']).as('contracts.store')
    router
      .group(() => {
        router
          .get('/documents/:id/download', [DocumentsController, 'download'])
          .as('documents.download')
        router.put('/documents/:id', [DocumentsController, 'update']).as('documents.update')
        router.delete('/documents/:id', [DocumentsController, 'destroy']).as('documents.destroy')
        router
          .put('/documents/contracts/:id', [ContractsController, 'update'])
          .as('contracts.update')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
