/**
 * A bounded first-in first-out queue between a connection that pushes items as they come and one consumer that takes
 * them in batches. Once ended, what is left can still be taken.
 */
export class ItemQueue<T> {
  private items: T[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  /** Adds an item; false when the queue is full (the item is not added) or ended. */
  push(item: T): boolean {
    if (this.ended || this.items.length >= this.limit) return false;
    this.items.push(item);
    this.wake?.();
    return true;
  }

  /** No more items will come. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /**
   * Waits for at least one item and takes up to `max`, oldest first; null once the queue is ended and empty, or when
   * the signal aborts.
   */
  async take(max: number, signal: AbortSignal): Promise<T[] | null> {
    while (this.items.length === 0) {
      if (this.ended || signal.aborted) return null;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return this.items.splice(0, max);
  }
}
