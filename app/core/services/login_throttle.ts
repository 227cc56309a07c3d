import limiter from '@adonisjs/limiter/services/main'

/**
 * Failed sign-ins per (IP, email): 5 per minute, then that pair is blocked for 5 minutes. Keyed on
 * both so one attacker cannot lock a victim out from everywhere, nor spray one address from one IP.
 * Successful sign-ins clear the counter.
 */
export const LOGIN_ATTEMPTS = 5

export function loginThrottle() {
  return limiter.use({ requests: LOGIN_ATTEMPTS, duration: '1 min', blockDuration: '5 min' })
}

export function loginThrottleKey(ip: string, email: string) {
  return `login:${ip}:${email.trim().toLowerCase()}`
}
