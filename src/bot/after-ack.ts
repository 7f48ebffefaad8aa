/**
 * The work listeners do after acking runs one request at a time, each after the event loop has
 * turned. On the embedded database every query runs on this thread: fifty clicks arriving together
 * would otherwise run fifty chains of queries side by side while the later requests wait for their
 * ack. Slack needs the ack within 3 seconds; the decision itself may come a moment later.
 */
let tail: Promise<unknown> = Promise.resolve();

export function afterAck<T>(work: () => Promise<T>): Promise<T> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve)).then(work);
  const run = tail.then(turn, turn);
  tail = run.catch(() => {});
  return run;
}

type Ackable = { ack: (...answer: never[]) => Promise<void> };

/** A listener that acks at once and does its work in turn (its own `ack` becomes a no-op). */
export function ackThenInTurn<A extends Ackable>(listener: (args: A) => Promise<void>): (args: A) => Promise<void> {
  return async (args) => {
    await args.ack();
    await afterAck(() => listener({ ...args, ack: (async () => {}) as A['ack'] }));
  };
}
