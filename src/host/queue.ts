/**
 * A bounded two-level priority queue that runs one job at a time: the model uses every core for one
 * request, so running two at once would only make both slower. Interactive jobs go before batch jobs;
 * within a level, first come first served.
 */
import { ErrorCode, LunetteError } from '../protocol/errors';
import type { Priority } from '../protocol/messages';

interface Job<T> {
  run: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class JobQueue {
  private readonly waiting: Record<Priority, Job<unknown>[]> = { interactive: [], batch: [] };
  private active = 0;

  constructor(
    public limit: number,
    private readonly onChange: () => void = () => undefined,
  ) {}

  get queued(): number {
    return this.waiting.interactive.length + this.waiting.batch.length;
  }

  get running(): number {
    return this.active;
  }

  /**
   * Runs `run` when its turn comes. A job whose signal aborts while it waits leaves the queue at once and
   * rejects with the abort reason, so a cancelled request is answered without waiting for its turn.
   */
  push<T>(priority: Priority, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queued >= this.limit) {
      return Promise.reject(new LunetteError(ErrorCode.Busy, `The model host is busy (${this.queued} requests waiting); try again shortly.`));
    }
    return new Promise<T>((resolve, reject) => {
      const job: Job<T> = { run, resolve, reject };
      const list = this.waiting[priority];
      list.push(job as Job<unknown>);
      signal?.addEventListener(
        'abort',
        () => {
          const index = list.indexOf(job as Job<unknown>);
          if (index < 0) return; // already started: the job itself watches the signal
          list.splice(index, 1);
          reject(signal.reason);
          this.onChange();
        },
        { once: true },
      );
      this.onChange();
      this.pump();
    });
  }

  private pump(): void {
    if (this.active > 0) return;
    const job = this.waiting.interactive.shift() ?? this.waiting.batch.shift();
    if (!job) return;
    this.active++;
    this.onChange();
    const finish = (): void => {
      this.active--;
      this.onChange();
      this.pump();
    };
    job.run().then(
      (value) => {
        job.resolve(value);
        finish();
      },
      (error: unknown) => {
        job.reject(error);
        finish();
      },
    );
  }
}
