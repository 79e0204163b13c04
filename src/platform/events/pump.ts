// One reader of a queue at a time, woken by commits and timers: `kick` starts a run, or, when one
// is going, asks it for one more pass once it is done (wake-ups coalesce); a run repeats `pass`
// while it says there may be more; a timer kicks it too. Used by the outbox dispatcher and tail.
export class Pump {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    /** One step; true: there may be more right away. */
    private readonly pass: () => Promise<boolean>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Runs now and then every `pollMs` (a commit's wake-up may be missed: another process wrote). */
  start(pollMs: number): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  /** No new runs; resolves when the current one is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.pass()) && !this.stopped);
        } catch (err) {
          this.onError(err);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  /** The run going on now, if any (to wait for it). */
  get current(): Promise<void> | null {
    return this.running;
  }
}
