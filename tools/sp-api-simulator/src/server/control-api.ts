import type { FaultConfig } from '../faults/fault-config';
import type { SimulatorHandle } from './start-simulator';

/**
 * A small JSON control API for a simulator running in its own process (`npm run simulator`):
 * `GET credentials`, `GET clock`, `POST clock/advance?ms=`, `PUT faults`, `GET ground-truth/reports`,
 * `GET notifications` (delivered bodies), all under `/_simulator/`.
 */
export function controlApi(
  handle: () => SimulatorHandle,
): (method: string, url: URL, body: string) => { status: number; body: unknown } {
  return (method, url, body) => {
    const sim = handle();
    const action = `${method} ${url.pathname.replace(/^\/_simulator\//, '')}`;
    switch (action) {
      case 'GET credentials':
        return { status: 200, body: sim.credentials() };
      case 'GET clock':
        return { status: 200, body: { now: new Date(sim.clock.now()).toISOString() } };
      case 'POST clock/advance': {
        const ms = Number(url.searchParams.get('ms'));
        if (!Number.isFinite(ms) || ms < 0)
          return { status: 400, body: { error: 'ms must be >= 0' } };
        sim.clock.advance(ms);
        return { status: 200, body: { now: new Date(sim.clock.now()).toISOString() } };
      }
      case 'PUT faults':
        try {
          sim.faults.set(JSON.parse(body === '' ? '{}' : body) as FaultConfig);
          return { status: 200, body: sim.faults.get() };
        } catch {
          return { status: 400, body: { error: 'body must be a JSON fault configuration' } };
        }
      case 'GET ground-truth/reports':
        return { status: 200, body: sim.groundTruth.reports() };
      case 'GET notifications':
        return { status: 200, body: sim.delivered().map((d) => JSON.parse(d.body) as unknown) };
      default:
        return { status: 404, body: { error: `unknown control action ${action}` } };
    }
  };
}
