/*
 * Version history, diff and rollback (issue 8): the history page and its JSON API. Reads need a
 * viewer, rollback a builder (checked in the controller).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const VersionsController = () => import('#workflows/versions/versions_controller')

router
  .get('/workflows/:id/versions', [VersionsController, 'page'])
  .where('id', router.matchers.number())
  .as('workflows.versions.page')
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/workflows/:id/history', [VersionsController, 'index']).as('workflows.history')
    router.get('/workflows/:id/diff', [VersionsController, 'diff']).as('workflows.diff')
    router
      .post('/workflows/:id/versions/:number/rollback', [VersionsController, 'rollback'])
      .where('number', router.matchers.number())
      .as('workflows.rollback')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])
