import { mapInOrder } from './map-in-order';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('consumes results in item order with at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const consumed: number[] = [];
    await mapInOrder(
      [30, 5, 20, 1, 10, 2],
      3,
      async (delay, index) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(delay);
        inFlight -= 1;
        return index;
      },
      async (result) => {
        consumed.push(result);
      },
    );
    expect(consumed).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });

  it('stops launching after a failure and rethrows it once the calls in flight settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapInOrder(
      [0, 1, 2, 3, 4, 5],
      2,
      async (item) => {
        started.push(item);
        await sleep(item === 1 ? 10 : 1);
        settled += 1;
        if (item === 0) throw new Error('boom');
        return item;
      },
      async () => undefined,
    );
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(2);
  });
});
