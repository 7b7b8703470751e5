/**
 * Fault injection for the host's own tests: slow decoder steps and a blocked event loop, so the client's
 * timeout, cancellation and hung-host paths can be exercised against the real process. Read from the
 * LUNETTE_HOST_FAULTS environment variable (JSON); absent in normal use.
 */
import type { ModelAdapter } from '../engine/adapter';

export interface Faults {
  /** Sleep this long before every decoder step. */
  stepDelayMs?: number;
  /** Block the event loop this long when a request starts (a hung native call). */
  blockMs?: number;
}

export function readFaults(env: NodeJS.ProcessEnv): Faults {
  const raw = env['LUNETTE_HOST_FAULTS'];
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const faults: Faults = {};
    if (typeof parsed['stepDelayMs'] === 'number') faults.stepDelayMs = parsed['stepDelayMs'];
    if (typeof parsed['blockMs'] === 'number') faults.blockMs = parsed['blockMs'];
    return faults;
  } catch {
    return {};
  }
}

export function withStepDelay(adapter: ModelAdapter, delayMs: number): ModelAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'step') {
        return async (...args: Parameters<ModelAdapter['step']>) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return target.step(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // deliberately busy
  }
}
