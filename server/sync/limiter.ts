// At most `n` tasks at once, the rest queued in arrival order (a designs list asks for every design together).
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  const max = Math.max(1, Math.floor(n));
  let running = 0;
  const queue: (() => void)[] = [];
  // A finishing task hands its slot straight to the next in line, so a newcomer cannot slip in between.
  const release = () => {
    const waiter = queue.shift();
    if (waiter) waiter();
    else running--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
