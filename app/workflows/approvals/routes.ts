/*
 * Approvals (issue 8): the inbox page, its JSON API and the signed e-mail decision links.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ApprovalsController = () => import('#workflows/approvals/approvals_controller')
const EmailLinksController = () => import('#workflows/approvals/email_links_controller')

router
  .group(() => {
    router.get('/approvals', [ApprovalsController, 'page']).as('approvals.page')
  })
  .use([middleware.auth(), middleware.tenant()])

router.get('/approvals/decide/:token', [EmailLinksController, 'show']).as('approvals.link.show')
router.post('/approvals/decide/:token', [EmailLinksController, 'store']).as('approvals.link.store')

router
  .group(() => {
    router.get('/approvals', [ApprovalsController, 'index']).as('approvals.index')
    router.get('/approvals/history', [ApprovalsController, 'history']).as('approvals.history')
    router.post('/approvals/bulk', [ApprovalsController, 'bulk']).as('approvals.bulk')
    router
      .get('/approvals/:id', [ApprovalsController, 'show'])
      .where('id', router.matchers.number())
      .as('approvals.show')
    router
      .post('/approvals/:id/decide', [ApprovalsController, 'decide'])
      .where('id', router.matchers.number())
      .as('approvals.decide')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])
