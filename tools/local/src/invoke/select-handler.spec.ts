import { eventPartners } from './event-partners';
import { selectHandler } from './select-handler';

const creator = [
  'createReport',
  'planWindows',
  'claimWindow',
  'completeWindow',
  'recordWindowFailure',
];
const retriever = ['getReportStatus', 'retrieveReport', 'recordFatal', 'recordOutcome'];

describe('selectHandler', () => {
  it('takes the handler whose kebab-case name starts the event file name', () => {
    expect(
      selectHandler('report-creator', creator, 'events/create-report-seller-orders.json'),
    ).toBe('createReport');
    expect(selectHandler('report-creator', creator, 'record-window-failure.json')).toBe(
      'recordWindowFailure',
    );
    expect(selectHandler('report-retriever', retriever, 'x/retrieve-report-orders-de.json')).toBe(
      'retrieveReport',
    );
  });

  it('knows the file names that say what happened instead of which handler', () => {
    expect(
      selectHandler('report-retriever', retriever, 'record-no-data-orders-fr-sunday.json'),
    ).toBe('recordOutcome');
    expect(selectHandler('report-retriever', retriever, 'record-fatal-vendor-sales.json')).toBe(
      'recordFatal',
    );
    expect(
      selectHandler(
        'notification-subscriber',
        ['setupSubscriptions', 'consumeNotifications', 'registerWaiter'],
        'sqs-malformed-among-good.json',
      ),
    ).toBe('consumeNotifications');
  });

  it('takes --handler as given, and the only handler of a one-handler app', () => {
    expect(selectHandler('report-creator', creator, 'my-event.json', 'planWindows')).toBe(
      'planWindows',
    );
    expect(selectHandler('token-broker', ['handler'], 'vend-partner.json')).toBe('handler');
    expect(() => selectHandler('report-creator', creator, 'e.json', 'nope')).toThrow(
      'report-creator has no handler nope',
    );
    expect(() => selectHandler('report-creator', creator, 'fan-out-schedule.json')).toThrow(
      'add --handler=<createReport|',
    );
  });
});

describe('eventPartners', () => {
  it('finds every selling partner an event names, with region, type and marketplaces beside it', () => {
    expect(
      eventPartners({
        lane: { sellingPartnerId: 'A1', region: 'EU', marketplaceId: 'A13V1IB3VIYZZH' },
        window: { input: { sellingPartnerId: 'A1', accountType: 'seller' } },
        vendor: {
          sellingPartnerId: 'V1',
          accountType: 'vendor',
          marketplaceIds: ['ATVPDKIKX0DER'],
        },
        grant: { kind: 'partner', sellingPartnerId: 'J1', region: 'FE' },
      }),
    ).toEqual([
      {
        sellingPartnerId: 'A1',
        region: 'EU',
        accountType: 'seller',
        marketplaceIds: ['A13V1IB3VIYZZH'],
      },
      {
        sellingPartnerId: 'V1',
        region: 'NA',
        accountType: 'vendor',
        marketplaceIds: ['ATVPDKIKX0DER'],
      },
      {
        sellingPartnerId: 'J1',
        region: 'FE',
        accountType: 'seller',
        marketplaceIds: ['A1VC38T7YXB528'],
      },
    ]);
    expect(eventPartners({ Records: [] })).toEqual([]);
  });
});
