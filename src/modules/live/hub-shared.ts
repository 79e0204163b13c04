// The hub's side of scale-out: the interface a relay between processes offers (relay.ts is the
// Redis one; the hub never sees Redis), and the room-wide like total and viewer count kept with it.

/** What a hub hears from the hubs of other processes sharing its rooms. */
export interface RelayListener {
  /** A comment accepted elsewhere: its serialised `comment` frame. */
  comment?(roomId: string, frame: string): void;
  /** The room-wide like total after another process added its likes. */
  likes?(roomId: string, total: number): void;
  ended?(roomId: string): void;
  kick?(roomId: string, userId: string): void;
  /** The room's state changed in another process (re-read it: the database is shared). */
  changed?(roomId: string): void;
}

/**
 * Sharing rooms with other processes. Publishing is fire-and-forget; every query answers null
 * when the relay is unavailable, and the hub then goes on with what this process knows.
 */
export interface HubRelay {
  listen(listener: RelayListener): () => void;
  comment(roomId: string, frame: string): void;
  ended(roomId: string): void;
  kick(roomId: string, userId: string): void;
  /** Adds this process's new likes (0: none, just asking): the room-wide total (sent to the others when it grew), or null. */
  addLikes(roomId: string, delta: number): Promise<number | null>;
  /** Reports this process's viewers of the room (0 = none any more): the other processes' viewers, or null. */
  viewers(roomId: string, here: number): Promise<number | null>;
  /**
   * Counts one comment against the user's window shared by all processes: 0 = accepted, else ms
   * until one would be. Null, at once, when unavailable (the hub's own window decides alone).
   */
  commentWindow(userId: string, max: number, windowMs: number): Promise<number | null> | null;
}

/** The counters of a hub room that are room-wide with a relay. */
export interface TalliedRoom {
  readonly id: string;
  readonly targets: { readonly size: number };
  /** Room-wide like total as far as this process knows (its own taps included at once). */
  likes: number;
  /** Likes tapped here not yet added to the room-wide total. */
  likesUnsent: number;
  /** Whether the room-wide total has been heard since the room opened here. */
  likesKnown: boolean;
  /** This process's viewer count last reported, and the other processes' viewers. */
  viewersReported: number;
  viewersElsewhere: number;
}

export interface TallyHooks<R> {
  /** Whether the room is still open in the hub (answers may come after it ended). */
  isOpen(room: R): boolean;
  likesChanged(room: R): void;
  viewersChanged(room: R): void;
}

/** Keeps rooms' like totals and viewer counts room-wide through the relay, on the hub's ticks. */
export class SharedTally<R extends TalliedRoom> {
  constructor(
    private readonly relay: HubRelay,
    private readonly hooks: TallyHooks<R>,
  ) {}

  /** A room newly open here: the next like tick asks for the total (joiners get it a tick after `hello`). */
  opened(room: R): void {
    this.hooks.likesChanged(room);
  }

  /** A room-wide total from Redis: totals only grow, so a late or older answer never lowers ours. */
  heardLikes(room: R, total: number): void {
    if (!this.hooks.isOpen(room) || total + room.likesUnsent <= room.likes) return;
    room.likes = total + room.likesUnsent;
    this.hooks.likesChanged(room);
  }

  /**
   * Adds this process's new likes to the total (or asks for it, if not known yet). While Redis is
   * away they wait, and the room stays dirty so a later tick tries again.
   */
  sendLikes(room: R): void {
    const delta = room.likesUnsent;
    if (delta === 0 && room.likesKnown) return;
    room.likesUnsent = 0;
    void this.relay.addLikes(room.id, delta).then((total) => {
      if (total !== null) {
        room.likesKnown = true;
        return this.heardLikes(room, total);
      }
      room.likesUnsent += delta;
      if (this.hooks.isOpen(room)) this.hooks.likesChanged(room);
    });
  }

  /** Reports this process's viewers (refreshing its entry before it expires) and learns the others'. */
  reportViewers(room: R): void {
    const here = room.targets.size;
    if (here === 0 && room.viewersReported === 0) return;
    room.viewersReported = here;
    void this.relay.viewers(room.id, here).then((elsewhere) => {
      // With nobody here nobody is shown the count; without Redis only ours is known.
      const n = here > 0 ? (elsewhere ?? 0) : 0;
      if (!this.hooks.isOpen(room) || n === room.viewersElsewhere) return;
      room.viewersElsewhere = n;
      this.hooks.viewersChanged(room);
    });
  }
}
