import type { FaultInjector } from '../faults/fault-injector';
import type { TokenStore } from '../lwa/token-store';
import type { ReportEngine } from '../world/reports/report-engine';
import type { ReportGenerator } from '../world/reports/report-generator';
import type { DocumentUrlSigner } from './document-url';

/** Services SIM-CORE's handlers close over (beyond the per-call {@link SimulatorContext}). */
export interface CoreServices {
  readonly reports: ReportEngine;
  readonly generator: ReportGenerator;
  readonly tokens: TokenStore;
  readonly faults: FaultInjector;
  readonly documentUrls: DocumentUrlSigner;
}
