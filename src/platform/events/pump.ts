// One reader of a queue at a time, woken by commits and timers: `kick` starts a run, or, when one
// is going, asks it for one more pass once it is done (wake-ups coalesce); a run repeats `pass`
// while it says there may be more. Used by the outbox dispatcher and the outbox tail.
export class Pump {
  private running: Promise<void> | null = null;
  private again = false;
  stopped = true;

  constructor(
    /** One step; true: there may be more right away. */
    private readonly pass: () => Promise<boolean>,
    private readonly onError: (err: unknown) => void,
  ) {}

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
