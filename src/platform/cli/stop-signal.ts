/** Resolves with the signal's name when the process is asked to stop (SIGTERM or SIGINT). */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
