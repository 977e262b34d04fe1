import type { World } from '../world';
import type { GenerationOutcome, ReportRequestSpec } from './report-generator';

/** Report processing statuses of Reports 2021-06-30. */
export const ProcessingStatus = {
  IN_QUEUE: 'IN_QUEUE',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'DONE',
  CANCELLED: 'CANCELLED',
  FATAL: 'FATAL',
} as const;
export type ProcessingStatus = (typeof ProcessingStatus)[keyof typeof ProcessingStatus];
/** Statuses after which a report never changes. */
export type TerminalStatus = 'DONE' | 'CANCELLED' | 'FATAL';

/** How long a report waits in each non-terminal status (simulated ms). */
export interface ReportTiming {
  readonly inQueueMs: number;
  readonly inProgressMs: number;
}

/** A report the simulator knows, with the spec it was generated from (ground truth). */
export interface ReportRecord {
  readonly reportId: string;
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly dataStartTime: string;
  readonly dataEndTime: string;
  readonly createdTime: number;
  readonly reportScheduleId?: string;
  readonly spec: ReportRequestSpec;
  /** Time spent IN_QUEUE and IN_PROGRESS, fixed at creation. */
  readonly timing: ReportTiming;
  /**
   * Finished before the simulator started (e.g. past settlements): never notified, and generated
   * only when first read, because generation can be costly and nobody was waiting for them.
   */
  readonly historical: boolean;
  processingStatus: ProcessingStatus;
  processingStartTime?: number;
  processingEndTime?: number;
  reportDocumentId?: string;
  /** What generation produced, set when the report reached a terminal state by processing. */
  outcome?: GenerationOutcome;
  /** True once a stuck fault held the report, so its end time becomes the release time. */
  stuck?: boolean;
}

/** A downloadable document: a report's content or a FATAL report's error document. */
export interface DocumentRecord {
  readonly reportDocumentId: string;
  readonly reportId: string;
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly gzip: boolean;
  /** Charset label sent in Content-Type (`UTF-8`, `Cp1252`, `Shift_JIS`). */
  readonly charset: string;
  readonly text: () => Iterable<string>;
}

/** A report schedule. */
export interface ScheduleRecord {
  readonly reportScheduleId: string;
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly reportOptions: Readonly<Record<string, string>>;
  readonly period: string;
  nextReportCreationTime: number;
}

/** Saved getReports query behind a nextToken. */
export interface PageCursor {
  readonly sellingPartnerId: string;
  readonly filter: ReportFilter;
  readonly offset: number;
}

/** getReports filters after defaults. */
export interface ReportFilter {
  readonly reportTypes: readonly string[];
  readonly processingStatuses?: readonly string[];
  readonly marketplaceIds?: readonly string[];
  readonly pageSize: number;
  readonly createdSince: number;
  readonly createdUntil: number;
}

/** All Reports API state of a world. */
export interface ReportState {
  readonly reports: Map<string, ReportRecord>;
  readonly documents: Map<string, DocumentRecord>;
  readonly schedules: Map<string, ScheduleRecord>;
  readonly cursors: Map<string, PageCursor>;
  /** Per partner: up to when Amazon-generated reports were created (epoch ms). */
  readonly amazonGeneratedUntil: Map<string, number>;
  readonly amazonGeneratedKeys: Set<string>;
  /** The lowest id the next report or schedule may take (see `newReportNumber`). */
  nextReportNumber: number;
}

/** The Reports state of `world`, created on first use. */
export function reportState(world: World): ReportState {
  return world.state<ReportState>('reports', () => ({
    reports: new Map(),
    documents: new Map(),
    schedules: new Map(),
    cursors: new Map(),
    amazonGeneratedUntil: new Map(),
    amazonGeneratedKeys: new Set(),
    nextReportNumber: 1,
  }));
}

/** Whether `status` is terminal. */
export function isTerminal(status: ProcessingStatus): status is TerminalStatus {
  return status === 'DONE' || status === 'CANCELLED' || status === 'FATAL';
}
