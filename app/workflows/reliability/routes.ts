/*
 * Reliability API (issue 5): interventions and replay on executions, the dead-letter queue,
 * per-workflow reliability settings, tenant quotas and failure analytics. Roles are checked in the controller.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ReliabilityController = () => import('#workflows/reliability/reliability_controller')

router
  .group(() => {
    router
      .post('/executions/:id/retry', [ReliabilityController, 'retry'])
      .where('id', router.matchers.number())
      .as('executions.retry')
    router
      .post('/executions/:id/skip', [ReliabilityController, 'skip'])
      .where('id', router.matchers.number())
      .as('executions.skip')
    router
      .post('/executions/:id/replay', [ReliabilityController, 'replay'])
      .where('id', router.matchers.number())
      .as('executions.replay')
    router.get('/dead-letters', [ReliabilityController, 'deadLetters']).as('dead_letters.index')
    router
      .get('/dead-letters/:id', [ReliabilityController, 'deadLetter'])
      .where('id', router.matchers.number())
      .as('dead_letters.show')
    router
      .get('/workflows/:id/reliability', [ReliabilityController, 'settings'])
      .where('id', router.matchers.number())
      .as('workflows.reliability')
    router
      .put('/workflows/:id/reliability', [ReliabilityController, 'saveSettings'])
      .where('id', router.matchers.number())
      .as('workflows.reliability.save')
    router
      .get('/reliability/analytics', [ReliabilityController, 'analytics'])
      .as('reliability.analytics')
    router.get('/reliability/queue', [ReliabilityController, 'queue']).as('reliability.queue')
    router
      .post('/reliability/queue/actions', [ReliabilityController, 'queueAction'])
      .as('reliability.queue.action')
    router.get('/reliability/quotas', [ReliabilityController, 'quotas']).as('reliability.quotas')
    router
      .put('/reliability/quotas', [ReliabilityController, 'saveQuotas'])
      .as('reliability.quotas.save')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])
