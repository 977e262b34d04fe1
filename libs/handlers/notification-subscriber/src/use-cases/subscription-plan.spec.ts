import { parseAccounts } from '@spapi-lake/config';
import { subscriptionPlan } from './subscription-plan';

const [seller, vendor] = parseAccounts([
  {
    sellingPartnerId: 'A1B2C3D4E5F6G7',
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9'],
    refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1B2C3D4E5F6G7/EU',
  },
  {
    sellingPartnerId: 'amzn1.vg.1234567',
    accountType: 'vendor',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    refreshTokenSecretRef: 'spapi-lake/refresh-tokens/amzn1.vg.1234567/NA',
  },
]);
if (seller === undefined || vendor === undefined) throw new Error('accounts did not parse');

const planOf = (account: typeof seller) =>
  subscriptionPlan(account).map((s) => [s.notificationType, s.payloadVersion, s.transport]);

describe('subscriptionPlan', () => {
  it('gives a seller REPORT_PROCESSING_FINISHED on SQS and both listings types on EventBridge', () => {
    expect(planOf(seller)).toEqual([
      ['REPORT_PROCESSING_FINISHED', '2020-09-04', 'sqs'],
      ['LISTINGS_ITEM_STATUS_CHANGE', '1.0', 'eventbridge'],
      ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13', 'eventbridge'],
    ]);
  });

  it('gives a vendor LISTINGS_ITEM_ISSUES_CHANGE on EventBridge, but not the sellers-only STATUS_CHANGE', () => {
    expect(planOf(vendor)).toEqual([['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13', 'eventbridge']]);
  });

  it('adds REPORT_PROCESSING_FINISHED for a vendor who opted in', () => {
    expect(planOf({ ...vendor, reportProcessingNotifications: true })).toEqual([
      ['REPORT_PROCESSING_FINISHED', '2020-09-04', 'sqs'],
      ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13', 'eventbridge'],
    ]);
  });

  it('gives an account that is not active nothing', () => {
    expect(subscriptionPlan({ ...seller, status: 'disabled' })).toEqual([]);
    expect(subscriptionPlan({ ...vendor, status: 'disabled' })).toEqual([]);
  });
});
