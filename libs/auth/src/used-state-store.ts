/** Port: remembers which authorization states were used, so each is accepted only once. */
export interface UsedStateStore {
  /**
   * Marks `stateId` used; true the first time, false when it was used before. The record may be
   * forgotten after `expiresAt` (epoch ms), when the state is refused as expired anyway.
   */
  claim(stateId: string, expiresAt: number): Promise<boolean>;
}
