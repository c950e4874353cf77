/**
 * For each watch (by entry number), the slots a matching post must hold, end to end in one typed array: checking a
 * candidate reads a few neighbouring numbers instead of following the pointers of its test. Most candidates that
 * fail, fail here; a watch whose test is only these slots is settled without calling its test at all.
 */
export class RequiredSlots {
  private pool = new Int32Array(4096);
  private used = 0;
  private starts = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private completes = new Uint8Array(1024);
  /** Each entry's list, for copying when the pool is compacted. */
  private readonly lists: (readonly number[] | undefined)[] = [];

  /** Sets an entry's required slots; `complete` when holding them is the entry's whole test. */
  set(number: number, required: readonly number[], complete: boolean): void {
    if (number >= this.starts.length) this.widen(number);
    this.lists[number] = required;
    if (this.used + required.length > this.pool.length) this.compact(required.length);
    this.place(number, required);
    this.completes[number] = complete ? 1 : 0;
  }

  clear(number: number): void {
    this.lists[number] = undefined;
    this.counts[number] = 0;
    this.completes[number] = 0;
  }

  /** Whether the post holds every slot the entry requires; `seen` and `post` as in PostState. */
  held(number: number, seen: Int32Array, post: number): boolean {
    const start = this.starts[number] ?? 0;
    const end = start + (this.counts[number] ?? 0);
    const pool = this.pool;
    for (let i = start; i < end; i++) if (seen[pool[i] ?? 0] !== post) return false;
    return true;
  }

  complete(number: number): boolean {
    return this.completes[number] === 1;
  }

  private place(number: number, required: readonly number[]): void {
    this.starts[number] = this.used;
    this.counts[number] = required.length;
    this.pool.set(required, this.used);
    this.used += required.length;
  }

  /** Copies the live lists to the front of a pool with room for `extra` more (lists of replaced entries are dropped). */
  private compact(extra: number): void {
    let live = extra;
    for (const list of this.lists) live += list?.length ?? 0;
    this.pool = new Int32Array(Math.max(this.pool.length, live * 2));
    this.used = 0;
    this.lists.forEach((list, number) => {
      if (list) this.place(number, list);
    });
  }

  private widen(number: number): void {
    let size = this.starts.length;
    while (size <= number) size *= 2;
    const widen = <A extends Int32Array | Uint8Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.starts = widen(this.starts, new Int32Array(size));
    this.counts = widen(this.counts, new Int32Array(size));
    this.completes = widen(this.completes, new Uint8Array(size));
  }
}
