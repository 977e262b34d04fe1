/**
 * Port: asks Amazon to rotate the LWA client secret (`rotateApplicationClientSecret`, grantless).
 * The new secret arrives later in an APPLICATION_OAUTH_CLIENT_NEW_SECRET notification.
 */
export interface ClientSecretRotator {
  rotate(): Promise<void>;
}
