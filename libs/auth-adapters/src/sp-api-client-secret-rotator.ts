import type { ClientSecretRotator } from '@spapi-lake/auth';
import type { ApplicationManagementApi } from '@spapi-lake/sp-api';

/**
 * The ClientSecretRotator over the SP-API client's Application Management API; its token provider
 * must serve the grantless `sellingpartnerapi::client_credential:rotation` scope.
 */
export class SpApiClientSecretRotator implements ClientSecretRotator {
  constructor(private readonly api: ApplicationManagementApi) {}

  async rotate(): Promise<void> {
    await this.api.rotateApplicationClientSecret();
  }
}
