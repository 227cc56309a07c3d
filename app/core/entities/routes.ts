/*
 * JSON catalog of entities and domain events (GET /api/v1/entities, /api/v1/entities/:name,
 * /api/v1/domain-events) for pickers in the workflow builder.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const EntitiesController = () => import('#core/entities/entities_controller')

router
  .group(() => {
    router.get('/entities', [EntitiesController, 'index']).as('entities.index')
    router.get('/entities/:name', [EntitiesController, 'show']).as('entities.show')
    router.get('/domain-events', [EntitiesController, 'events']).as('domainEvents.index')
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])
