import type { LaneState } from '@spapi-lake/workflows';
import { type LaneStateStore, laneStateSchema } from './lane-state-store';
import { LocalFileVersionedStore } from './local-file-versioned-store';

/** Lane states in a local JSON file (tests and the local runner). */
export class LocalFileLaneStateStore
  extends LocalFileVersionedStore<LaneState>
  implements LaneStateStore
{
  constructor(filePath: string) {
    super(filePath, laneStateSchema);
  }
}
