/*
 * Dependencies and impact analysis (issue 8): which workflows call which, the entities and events
 * each one reads, writes, listens to and causes, and what publishing or archiving would affect.
 * Roles are checked in the controller (dependencies: viewer; impact: builder).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DependenciesController = () => import('#workflows/dependencies/dependencies_controller')

router
  .get('/workflows/:id/dependencies', [DependenciesController, 'page'])
  .where('id', router.matchers.number())
  .as('workflows.dependencies.page')
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/dependencies', [DependenciesController, 'index']).as('dependencies.index')
    router
      .get('/dependencies/impact', [DependenciesController, 'bulkImpact'])
      .as('dependencies.impact')
    router
      .get('/workflows/:id/dependencies', [DependenciesController, 'show'])
      .as('workflows.dependencies')
    router.get('/workflows/:id/impact', [DependenciesController, 'impact']).as('workflows.impact')
    router
      .post('/workflows/:id/impact', [DependenciesController, 'impactOfGraph'])
      .as('workflows.impact_of_graph')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])
