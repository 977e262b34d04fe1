import path from 'node:path';
import { LocalFileLaneStateStore } from './local-file-lane-state-store';
import { LocalFileReportRequestStore } from './local-file-report-request-store';

/** The local runner's stores under one directory: `lane-states.json`, `report-requests.json`. */
export function localReportCreatorStores(directory: string): {
  readonly lanes: LocalFileLaneStateStore;
  readonly requests: LocalFileReportRequestStore;
} {
  return {
    lanes: new LocalFileLaneStateStore(path.join(directory, 'lane-states.json')),
    requests: new LocalFileReportRequestStore(path.join(directory, 'report-requests.json')),
  };
}
