import { broadcast, onBroadcast } from './broadcast.js';

/** A count of changes of one kind, shared by this server's processes: what cached results compare against. */
export interface ChangeSignal {
  /** Records a change here and tells the other processes. */
  note(): void;
  /** Goes up with every change noted here or in another process. */
  version(): number;
}

/** A change signal for a topic; each process makes its own once (say, at module level). */
export function changeSignal(topic: string): ChangeSignal {
  let changes = 0;
  let hearing = false;
  const hear = () => {
    if (hearing) return;
    hearing = true;
    onBroadcast(topic, () => {
      changes += 1;
    });
  };
  return {
    note() {
      hear();
      changes += 1;
      broadcast(topic);
    },
    version() {
      hear();
      return changes;
    },
  };
}
