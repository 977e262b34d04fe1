import type { OperationCaller } from '../operation-caller';

/** Application Management API 2023-11-30 (grantless, rotation scope). */
export interface ApplicationManagementApi {
  /**
   * Starts a client secret rotation: 204 with no body; the new secret arrives later in an
   * `APPLICATION_OAUTH_CLIENT_NEW_SECRET` notification.
   */
  rotateApplicationClientSecret(): Promise<void>;
}

/** The Application Management API over an operation caller. */
export function createApplicationManagementApi(call: OperationCaller): ApplicationManagementApi {
  return {
    async rotateApplicationClientSecret() {
      await call('rotateApplicationClientSecret');
    },
  };
}
