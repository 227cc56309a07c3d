import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'

/**
 * Web processes and workers all broadcast; the Redis transport fans every message out to the
 * process that holds the subscriber's EventSource.
 */
export default defineConfig({
  pingInterval: '30s',
  transport: {
    driver: redis({
      host: env.get('REDIS_HOST'),
      port: env.get('REDIS_PORT'),
      password: env.get('REDIS_PASSWORD'),
      db: env.get('REDIS_DB', 0),
      keyPrefix: `transmit:${env.get('REDIS_DB', 0)}:`,
    }),
  },
})
