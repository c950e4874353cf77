/**
 * The watches (by entry number) that the post being matched picks out, each once: a watch is stamped with the post's
 * number when it is added, so that the next post needs no clearing.
 */
export class Candidates {
  /** The number of the post being matched. */
  post = 0;
  count = 0;
  /** The first `count` belong to the post. */
  numbers = new Int32Array(1024);
  /** By entry number, the number of the last post the entry was a candidate for. */
  private stamps = new Int32Array(1024);

  begin(post: number): void {
    this.post = post;
    this.count = 0;
  }

  add(watches: readonly number[]): void {
    const { post, stamps, numbers } = this;
    for (let i = 0; i < watches.length; i++) {
      const number = watches[i] ?? 0;
      if (stamps[number] === post) continue;
      stamps[number] = post;
      numbers[this.count++] = number;
    }
  }

  /** Makes room for entry numbers below `size`. */
  reserve(size: number): void {
    if (size <= this.stamps.length) return;
    let length = this.stamps.length;
    while (length < size) length *= 2;
    const stamps = new Int32Array(length);
    stamps.set(this.stamps);
    this.stamps = stamps;
    this.numbers = new Int32Array(length);
  }
}
