import { createFaultInjector } from '../faults/fault-injector';
import { TokenStore } from '../lwa/token-store';
import { loadModelRegistry } from '../server/model-registry';
import { createRateLimiter } from '../server/rate-limiter';
import { createRouter } from '../server/router';
import type { DispatchDeps } from '../server/sp-api-dispatch';
import type { SimulatorHandle } from '../server/start-simulator';
import { SchemaValidators } from '../server/swagger-schema';

/** Dispatch dependencies over a running simulator's world and tokens, to call dispatchSpApi directly. */
export function dispatchDepsOf(sim: SimulatorHandle): DispatchDeps {
  const registry = loadModelRegistry();
  const clock = { now: () => sim.clock.now(), advance: (ms: number) => sim.clock.advance(ms) };
  return {
    context: {
      clock,
      world: sim.world,
      notifications: sim.notifications,
      baseUrl: sim.baseUrl,
      random: () => 0.5,
      newId: (prefix) => `${prefix}id`,
    },
    route: createRouter(registry),
    validators: new SchemaValidators(registry.models),
    limiter: createRateLimiter({ now: clock.now }),
    faults: createFaultInjector(() => 0.5),
    tokens: sim.world.state('lwa-tokens', () => new TokenStore(() => 0.5)),
    handlers: {},
    tick: () => undefined,
    log: () => undefined,
    onHandlerError: () => undefined,
  };
}
