/* Inventory items and stock movements. */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ItemsController = () => import('#inventory/controllers/items_controller')

router
  .group(() => {
    router.get('/inventory', ({ response }) => response.redirect('/inventory/items'))
    router.get('/inventory/items', [ItemsController, 'index']).as('inventory.items.index')
    router.post('/inventory/items', [ItemsController, 'store']).as('inventory.items.store')
    router
      .group(() => {
        router.get('/inventory/items/:id', [ItemsController, 'show']).as('inventory.items.show')
        router.put('/inventory/items/:id', [ItemsController, 'update']).as('inventory.items.update')
        router
          .post('/inventory/items/:id/movements', [ItemsController, 'storeMovement'])
          .as('inventory.movements.store')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
