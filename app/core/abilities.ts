/*
 * Bouncer abilities that are not tied to one model. Resource rules live in each module's
 * `policies/` folder.
 */
export {}
