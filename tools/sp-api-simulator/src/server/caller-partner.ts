import type { Partner, World } from '../world/world';
import type { Caller } from './operation';

/** The selling partner a partner token or RDT belongs to; undefined for grantless callers. */
export function callerPartner(caller: Caller, world: World): Partner | undefined {
  return caller.kind === 'grantless' ? undefined : world.partners.get(caller.sellingPartnerId);
}
