// Fault injection for tests: latency, 5xx/429 answers, dropped sockets and requests that never end.

export interface FaultScope {
  method?: string;
  pathRegex?: string | RegExp;
}

export interface FaultConfig {
  /** Added before every answer (also set by startKubeApi({ latencyMs })). */
  latencyMs?: number;
  /** Probability 0..1 that a matching request gets `failCode`. */
  failRate?: number;
  /** The next n matching requests get `failCode`. */
  failNext?: number;
  /** Status code for injected failures: 500 by default; 429 and 503 model throttling. */
  failCode?: number;
  /** The next n matching requests have their socket destroyed without an answer. */
  dropNext?: number;
  /** The next n matching requests are never answered (until the client gives up or stop()). */
  timeoutNext?: number;
  /** Restrict failRate/failNext/dropNext/timeoutNext to matching requests (latency applies to all). */
  onlyFor?: FaultScope;
}

export type FaultAction = { kind: "none" } | { kind: "fail"; code: number } | { kind: "drop" } | { kind: "hang" };

export class Faults {
  private cfg: FaultConfig = {};
  /** How many faults were injected, by kind: tests assert the fault actually happened. */
  readonly injected = { fail: 0, drop: 0, hang: 0 };

  constructor(latencyMs = 0) {
    this.cfg.latencyMs = latencyMs;
  }

  /** Merge into the current configuration. */
  set(cfg: FaultConfig): void {
    this.cfg = { ...this.cfg, ...cfg };
  }

  /** Remove every fault but keep the configured latency. */
  clear(): void {
    this.cfg = { latencyMs: this.cfg.latencyMs };
  }

  get config(): Readonly<FaultConfig> {
    return this.cfg;
  }

  get latencyMs(): number {
    return this.cfg.latencyMs ?? 0;
  }

  /** Decide what happens to one request; consumes the *Next counters. */
  next(method: string, path: string): FaultAction {
    const scope = this.cfg.onlyFor;
    if (scope?.method && scope.method.toUpperCase() !== method.toUpperCase()) return { kind: "none" };
    if (scope?.pathRegex && !new RegExp(scope.pathRegex).test(path)) return { kind: "none" };
    if ((this.cfg.dropNext ?? 0) > 0) {
      this.cfg.dropNext!--;
      this.injected.drop++;
      return { kind: "drop" };
    }
    if ((this.cfg.timeoutNext ?? 0) > 0) {
      this.cfg.timeoutNext!--;
      this.injected.hang++;
      return { kind: "hang" };
    }
    if ((this.cfg.failNext ?? 0) > 0) {
      this.cfg.failNext!--;
      this.injected.fail++;
      return { kind: "fail", code: this.cfg.failCode ?? 500 };
    }
    if ((this.cfg.failRate ?? 0) > 0 && Math.random() < this.cfg.failRate!) {
      this.injected.fail++;
      return { kind: "fail", code: this.cfg.failCode ?? 500 };
    }
    return { kind: "none" };
  }
}
