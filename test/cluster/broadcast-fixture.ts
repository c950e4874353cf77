// Run as `node --import tsx broadcast-fixture.ts`: a primary with two forked processes (this same file). Each forked
// process reports the topics it hears; the first one broadcasts when the primary asks it to; the primary broadcasts
// too. Used by broadcast.test.ts to check the relay between real processes.
import cluster from 'node:cluster';
import { broadcast, onBroadcast, relayBroadcasts } from '../../src/platform/cluster/broadcast.js';

if (cluster.isPrimary) {
  relayBroadcasts();
  const heard: string[] = [];
  onBroadcast('from-worker', () => heard.push('primary heard from-worker'));
  const workers = [cluster.fork(), cluster.fork()];
  let ready = 0;
  cluster.on('message', (worker, message: unknown) => {
    if (message === 'ready' && (ready += 1) === workers.length) workers[0]?.send('go');
    if (typeof message === 'string' && message.startsWith('heard ')) heard.push(`worker ${workers.indexOf(worker)} ${message}`);
    if (heard.length === 2) broadcast('from-primary');
    // A little longer than the last note needs, so that a note echoed back to its sender would be counted too.
    if (heard.length === 4) {
      setTimeout(() => {
        process.stdout.write(`${JSON.stringify(heard.sort())}\n`);
        for (const worker of workers) worker.disconnect();
      }, 300);
    }
  });
} else {
  for (const topic of ['from-worker', 'from-primary']) onBroadcast(topic, () => process.send?.(`heard ${topic}`));
  process.on('message', (message: unknown) => {
    if (message === 'go') broadcast('from-worker');
  });
  process.send?.('ready');
}
