import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../playground/sim/event-queue.ts';
import { FifoLink, type Segment } from '../../../playground/sim/fifo-link.ts';

/**
 * FifoLink.release on its own: the network schedules every segment it returns; a segment's
 * earlier queue entry becomes stale (`lost`). Delivering in queue order must follow the link.
 */
function deliverAll(link: FifoLink, queue: EventQueue<Segment>): number[] {
  const order: number[] = [];
  for (let e = queue.pop(); e; e = queue.pop()) {
    const segment = e.event;
    if (segment.lost) continue;
    link.take(segment); // throws if the segment overtook the head
    order.push(segment.sendIndex);
  }
  return order;
}

describe('FifoLink.release keeps order', () => {
  it('reschedules a segment queued behind a released one even when it shares the floor time', () => {
    const link = new FifoLink('a', 'b', null);
    const queue = new EventQueue<Segment>();
    // #1 is held by a partition; #2 was queued behind it and is due at t=10.
    const first = link.enqueue(1, 'm1', false, 0, 5);
    first.held = true;
    const second = link.enqueue(2, 'm2', false, 0, 10);
    queue.push(second.deliverAt, second);
    // The partition lifts at t=4; #1 draws latency 6, so it is due at 10 too: the same time
    // as #2's old queue entry, which was scheduled first.
    for (const s of link.release(4, () => 6)) queue.push(s.deliverAt, s);
    expect(deliverAll(link, queue)).toEqual([1, 2]);
  });

  it('leaves later segments alone when nothing ahead moved', () => {
    const link = new FifoLink('a', 'b', null);
    const a = link.enqueue(1, 'm1', false, 0, 3);
    const b = link.enqueue(2, 'm2', false, 0, 3);
    expect(link.release(1, () => 1)).toEqual([]);
    expect([a.lost, b.lost]).toEqual([false, false]);
  });
});
